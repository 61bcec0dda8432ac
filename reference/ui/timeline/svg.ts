/**
 * A Picture as SVG text: the same markup for the cucumber report (as an
 * attachment) and for the live page. Every text is escaped here.
 */
import { drawTimeline, type Picture, type PictureOptions, type Shape } from './picture.ts';
import { PICTURE_FONT } from './text-width.ts';
import type { Timeline } from './timeline.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => String(Math.round(v * 10) / 10);

function shapeSvg(s: Shape): string {
  const title = s.title ? `<title>${esc(s.title)}</title>` : '';
  switch (s.kind) {
    case 'line':
      return `<line x1="${n(s.x1)}" y1="${n(s.y1)}" x2="${n(s.x2)}" y2="${n(s.y2)}" stroke="${s.stroke}"${s.width ? ` stroke-width="${s.width}"` : ''}${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}>${title}</line>`;
    case 'circle':
      return `<circle cx="${n(s.cx)}" cy="${n(s.cy)}" r="${s.r}" fill="${s.fill}"${s.stroke ? ` stroke="${s.stroke}" stroke-width="2"` : ''}>${title}</circle>`;
    case 'cross':
      return `<path d="M${n(s.x - s.size)},${n(s.y - s.size)} l${2 * s.size},${2 * s.size} m0,${-2 * s.size} l${-2 * s.size},${2 * s.size}" stroke="${s.stroke}" stroke-width="2">${title}</path>`;
    case 'rect':
      return `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.width)}" height="${n(s.height)}" fill="${s.fill}"${s.opacity !== undefined ? ` fill-opacity="${s.opacity}"` : ''}>${title}</rect>`;
    case 'text':
      return `<text x="${n(s.x)}" y="${n(s.y)}"${s.anchor !== 'start' ? ` text-anchor="${s.anchor}"` : ''}${s.size !== 10 ? ` font-size="${s.size}"` : ''}${s.bold ? ' font-weight="bold"' : ''} fill="${s.fill}" stroke="#fff" stroke-width="3">${esc(s.text)}${title}</text>`;
  }
}

export function svgOf(p: Picture): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${p.width}" height="${n(p.height)}" viewBox="0 0 ${p.width} ${n(p.height)}" font-family="${PICTURE_FONT}" font-size="10" role="img" aria-label="${esc(p.summary)}">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    // A white halo around every text keeps it readable where a line (the "now" line, a shaded span) passes behind it.
    `<g paint-order="stroke" stroke-linejoin="round">`,
    ...p.shapes.map(shapeSvg),
    '</g>',
    '</svg>',
  ].join('\n');
}

/** The SVG of a timeline, as the report attaches it. */
export function renderTimeline(t: Timeline, opts?: PictureOptions): string {
  return svgOf(drawTimeline(t, opts));
}

/**
 * A timeline laid out as a picture: shapes with coordinates, and for every
 * text the box it covers, so that a test can check that no label covers
 * another or leaves the picture. svg.ts turns it into SVG for the report
 * and for the page.
 *
 * From top to bottom: a title; the node controller's checks; one lane per
 * node (status heartbeats above the line, Lease renewals below it, the
 * other marks on it, their labels in as many rows as they need, the
 * grace period and tolerations as shaded stretches); the time axis; a
 * legend.
 */
import { placeLabels, textBox, type Box, type LabelRequest } from './label-layout.ts';
import { fitText, textWidth } from './text-width.ts';
import { formatSeconds, type Mark, type MarkKind, type Span, type Timeline } from './timeline.ts';

interface Common {
  title?: string;
}
export type Shape = Common &
  (
    | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width?: number; dash?: string }
    | { kind: 'circle'; cx: number; cy: number; r: number; fill: string; stroke?: string }
    | { kind: 'cross'; x: number; y: number; size: number; stroke: string }
    | { kind: 'rect'; x: number; y: number; width: number; height: number; fill: string; opacity?: number }
    | { kind: 'text'; x: number; y: number; text: string; anchor: 'start' | 'middle' | 'end'; size: number; bold?: boolean; fill: string; box: Box }
  );
export type TextShape = Extract<Shape, { kind: 'text' }>;

export interface Picture {
  width: number;
  height: number;
  /** What the picture shows, in one sentence (the SVG's accessible name). */
  summary: string;
  shapes: Shape[];
}

export const MARK_COLORS: Record<MarkKind, string> = {
  heartbeat: '#2b8a3e', lease: '#5c940d', ready: '#1971c2', taint: '#d9480f', untaint: '#868e96', evicted: '#c92a2a', gone: '#495057', placed: '#5f3dc4', event: '#1971c2', due: '#c92a2a',
};
const SPAN_COLORS: Record<Span['kind'], string> = { grace: '#1971c2', toleration: '#d9480f' };
const PREFIX: Partial<Record<MarkKind, string>> = { evicted: 'evicted ', placed: 'placed ', untaint: '- ', taint: '+ ', gone: 'gone ' };

const FONT = 10;
const ROW = 13;
const LEFT = 112;
const RIGHT = 16;
const TICK_STEPS_S = [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/** What the marks mean, only for what this picture shows. */
function legendOf(t: Timeline): string {
  const parts = ['green ticks: status heartbeats (above the line) and Lease renewals (below)', '+ taint added, - taint removed', 'x: pod marked for deletion or gone'];
  if (t.marks.some((m) => m.kind === 'due')) parts.push('hollow circle: due');
  if (t.spans?.length) parts.push('shaded: grace period (blue) and toleration (orange)');
  if (t.now !== undefined) parts.push('red dashed line: now');
  return parts.join('; ');
}

export interface PictureOptions {
  /** @default 1100 */
  width?: number;
}

/** Lays out `t`; every text's box is inside the picture and clear of every other text's box. */
export function drawTimeline(t: Timeline, opts: PictureOptions = {}): Picture {
  const width = Math.max(opts.width ?? 1100, 320);
  const shapes: Shape[] = [];
  const span = Math.max(t.to - t.from, 1000);
  const right = width - RIGHT;
  const x = (at: number) => LEFT + ((at - t.from) / span) * (right - LEFT);
  const text = (s: Omit<TextShape, 'kind' | 'box'> & { width?: number }) => {
    const w = s.width ?? textWidth(s.text, s.size, s.bold);
    const { width: _w, ...rest } = s;
    shapes.push({ kind: 'text', ...rest, box: textBox(s.x, s.y, w, s.size, s.anchor) });
  };
  const period = formatSeconds(t.periodMs);

  let y = 18;
  text({ x: 8, y, text: fitText(`node lifecycle: checks every ${period}, grace ${formatSeconds(t.graceMs)}`, 12, width - 16, true), anchor: 'start', size: 12, bold: true, fill: '#212529' });

  // The node controller's checks: known instants, or whole periods of the clock, or not drawn when unknown.
  y += 10;
  const checksTop = y;
  text({ x: 8, y: y + 13, text: fitText('controller checks', FONT, LEFT - 14), anchor: 'start', size: FONT, fill: '#212529' });
  if (t.checkedAt !== null) {
    const anchor = t.checkedAt ?? 0;
    const first = anchor + Math.ceil((t.from - anchor) / t.periodMs) * t.periodMs;
    for (let at = first; at <= t.to; at += t.periodMs) shapes.push({ kind: 'line', x1: x(at), y1: y + 4, x2: x(at), y2: y + 16, stroke: '#adb5bd', title: `check at ${formatSeconds(at - t.from)}` });
  } else {
    text({ x: LEFT, y: y + 13, text: fitText(`every ${period}; when exactly is seen only once a check changes something`, FONT, right - LEFT), anchor: 'start', size: FONT, fill: '#868e96' });
  }
  y += 24;

  for (const node of t.nodes) y = drawLane(shapes, text, t, node, y, x, right);

  // The axis, its ticks far enough apart for their labels.
  const axisY = y + 4;
  shapes.push({ kind: 'line', x1: LEFT, y1: axisY, x2: right, y2: axisY, stroke: '#343a40' });
  const widest = textWidth(formatSeconds(span), FONT) + 12;
  const stepS = TICK_STEPS_S.find((s) => ((s * 1000) / span) * (right - LEFT) >= widest) ?? 3600;
  for (let ms = 0; ms <= span; ms += stepS * 1000) {
    const label = formatSeconds(ms);
    const w = textWidth(label, FONT);
    const tx = Math.min(x(t.from + ms), width - 2 - w / 2);
    shapes.push({ kind: 'line', x1: x(t.from + ms), y1: axisY, x2: x(t.from + ms), y2: axisY + 4, stroke: '#343a40' });
    text({ x: tx, y: axisY + 15, text: label, anchor: 'middle', size: FONT, fill: '#212529', width: w });
  }
  if (t.now !== undefined) {
    // Behind everything else: the labels it crosses stay readable over it (svg.ts gives texts a halo).
    shapes.unshift({ kind: 'line', x1: x(t.now), y1: checksTop, x2: x(t.now), y2: axisY, stroke: '#e03131', width: 1.5, dash: '4 3', title: 'now' });
  }

  // The legend, wrapped to the width.
  y = axisY + 15;
  for (const line of wrap(legendOf(t), FONT, width - 16)) {
    y += 14;
    text({ x: 8, y, text: line, anchor: 'start', size: FONT, fill: '#495057' });
  }
  const summary = `Timeline of ${t.nodes.join(', ') || 'no nodes'} over ${formatSeconds(span)}: ${t.marks.filter((m) => !isTick(m.kind)).length} events`;
  return { width, height: y + 8, summary, shapes };
}

const isTick = (k: MarkKind) => k === 'heartbeat' || k === 'lease';

export function markLabel(m: Mark, from: number): string {
  return `${formatSeconds(m.at - from)} ${PREFIX[m.kind] ?? ''}${m.label}`;
}

type TextFn = (s: Omit<TextShape, 'kind' | 'box'> & { width?: number }) => void;

/** One node's lane; returns the y below it. */
function drawLane(shapes: Shape[], text: TextFn, t: Timeline, node: string, top: number, x: (at: number) => number, right: number): number {
  const lineY = top + 12;
  text({ x: 8, y: top + 15, text: fitText(node, FONT, LEFT - 14, true), anchor: 'start', size: FONT, bold: true, fill: '#212529' });
  shapes.push({ kind: 'line', x1: LEFT, y1: lineY, x2: right, y2: lineY, stroke: '#dee2e6' });
  const clampX = (at: number) => Math.min(Math.max(x(at), LEFT), right);
  const spans = (t.spans ?? []).filter((s) => s.node === node);
  for (const s of spans) {
    shapes.push({ kind: 'rect', x: clampX(s.from), y: lineY - 5, width: Math.max(clampX(s.to) - clampX(s.from), 1), height: 10, fill: SPAN_COLORS[s.kind], opacity: 0.15, title: s.label });
  }
  const marks = t.marks.filter((m) => m.node === node && m.at >= t.from && m.at <= t.to);
  const labelled: Array<{ req: LabelRequest; color: string }> = spans.map((s) => ({ req: { at: clampX(s.from), text: s.label }, color: SPAN_COLORS[s.kind] }));
  for (const m of marks) {
    const mx = x(m.at);
    const color = MARK_COLORS[m.kind];
    const title = markLabel(m, t.from);
    if (isTick(m.kind)) {
      const [y1, y2] = m.kind === 'heartbeat' ? [lineY - 8, lineY] : [lineY, lineY + 8];
      shapes.push({ kind: 'line', x1: mx, y1, x2: mx, y2, stroke: color, width: 2, title });
      continue;
    }
    if (m.kind === 'evicted' || m.kind === 'gone') shapes.push({ kind: 'cross', x: mx, y: lineY, size: 4, stroke: color, title });
    else if (m.kind === 'due') shapes.push({ kind: 'circle', cx: mx, cy: lineY, r: 4, fill: '#fff', stroke: color, title });
    else shapes.push({ kind: 'circle', cx: mx, cy: lineY, r: 4, fill: color, title });
    labelled.push({ req: { at: mx, text: title }, color });
  }
  const placed = placeLabels(labelled.map((l) => l.req), { minX: LEFT, maxX: right, fontSize: FONT });
  const firstRow = lineY + 22;
  placed.forEach((p, i) => text({ x: p.x, y: firstRow + p.row * ROW, text: p.text, anchor: p.anchor, size: FONT, fill: labelled[i]!.color, width: p.width }));
  const rows = Math.max(1, ...placed.map((p) => p.row + 1));
  return firstRow + (rows - 1) * ROW + 12;
}

/** Words into lines no wider than `max`. */
function wrap(textToWrap: string, size: number, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of textToWrap.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size) > max) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(fitText(line, size, max));
  return lines.map((l) => fitText(l, size, max));
}

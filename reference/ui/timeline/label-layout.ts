/**
 * Where the labels of a lane go so that none covers another and none runs
 * off the picture: each label sits beside its mark (right of it, or left
 * of it when the right edge is too close), in the first row below the
 * lane where it touches no label already placed. Rows are added as
 * needed, so a busy moment (the node marked Unknown, tainted and reported
 * NotReady in one check) makes its lane taller instead of piling text up.
 */
import { fitText, textWidth } from './text-width.ts';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

export const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

/** The box a line of text at baseline `y` covers: ascent about 0.95 em above it, descent 0.25 em below. */
export function textBox(x: number, y: number, width: number, fontSize: number, anchor: 'start' | 'middle' | 'end'): Box {
  const left = anchor === 'start' ? x : anchor === 'middle' ? x - width / 2 : x - width;
  return { x: left, y: y - fontSize * 0.95, width, height: fontSize * 1.2 };
}

export interface LabelRequest {
  /** The x of the mark the label belongs to. */
  at: number;
  text: string;
}

export interface PlacedLabel {
  /** The text, cut with an ellipsis only if it is wider than the whole lane. */
  text: string;
  x: number;
  anchor: 'start' | 'end';
  row: number;
  width: number;
}

export interface LabelArea {
  minX: number;
  maxX: number;
  fontSize: number;
  /** Space between a mark and its label. @default 5 */
  offset?: number;
  /** Least space between two labels in one row. @default 6 */
  gap?: number;
}

/** Places labels in rows, in the order of their marks; the number of rows used is one more than the largest `row`. */
export function placeLabels(requests: readonly LabelRequest[], area: LabelArea): PlacedLabel[] {
  const offset = area.offset ?? 5;
  const gap = area.gap ?? 6;
  const rows: Array<Array<[number, number]>> = [];
  const order = requests.map((r, i) => [r, i] as const).sort(([a, i], [b, j]) => a.at - b.at || i - j);
  const placed: PlacedLabel[] = new Array(requests.length);
  for (const [req, index] of order) {
    const text = fitText(req.text, area.fontSize, area.maxX - area.minX);
    const width = textWidth(text, area.fontSize);
    let left = req.at + offset;
    let anchor: 'start' | 'end' = 'start';
    if (left + width > area.maxX) {
      left = req.at - offset - width;
      anchor = 'end';
    }
    if (left < area.minX) {
      // Too wide for either side of its mark: keep it in the picture, starting as near the mark as it can.
      left = Math.max(area.minX, Math.min(req.at, area.maxX - width));
      anchor = 'start';
    }
    const span: [number, number] = [left - gap / 2, left + width + gap / 2];
    let row = rows.findIndex((taken) => taken.every(([a, b]) => span[1] <= a || b <= span[0]));
    if (row < 0) row = rows.push([]) - 1;
    rows[row]!.push(span);
    placed[index] = { text, x: anchor === 'start' ? left : left + width, anchor, row, width };
  }
  return placed;
}

/**
 * The timeline pictures keep every label readable: no text box covers
 * another, none leaves the picture, and each label still begins or ends
 * at its mark. Checked on the note's 40 s outline (where "55 s
 * Ready=Unknown" used to be drawn over "60 s + unreachable:NoExecute" and
 * "360 s evicted solo" was cut at the right edge) and on random timelines.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { inside, overlaps, placeLabels } from './label-layout.ts';
import { drawTimeline, markLabel, type Picture, type TextShape } from './picture.ts';
import { svgOf } from './svg.ts';
import { textWidth } from './text-width.ts';
import type { Mark, MarkKind, Timeline } from './timeline.ts';

const texts = (p: Picture) => p.shapes.filter((s): s is TextShape => s.kind === 'text');

/** Every pair of text boxes that touch, and every text box not wholly inside the picture. */
function collisions(p: Picture): string[] {
  const all = texts(p);
  const frame = { x: 0, y: 0, width: p.width, height: p.height };
  const found: string[] = [];
  all.forEach((a, i) => {
    if (!inside(a.box, frame)) found.push(`"${a.text}" leaves the ${p.width}x${p.height} picture: ${JSON.stringify(a.box)}`);
    for (const b of all.slice(i + 1)) if (overlaps(a.box, b.box)) found.push(`"${a.text}" covers "${b.text}"`);
  });
  return found;
}

const S = 1000;
/** The note's 40 s outline as the scenario records it: worker-1 silent after 15 s, marked at 55 s, its pod evicted at 360 s. */
function noteOutline(): Timeline {
  const marks: Mark[] = [
    { at: 0, node: 'worker-1', kind: 'placed', label: 'solo' },
    { at: 0, node: 'worker-2', kind: 'placed', label: 'web-0bccb' },
    { at: 10 * S, node: 'worker-1', kind: 'heartbeat', label: 'status' },
    { at: 55 * S, node: 'worker-1', kind: 'taint', label: 'unreachable:NoSchedule' },
    { at: 55 * S, node: 'worker-1', kind: 'ready', label: 'Ready=Unknown' },
    { at: 55 * S, node: 'worker-1', kind: 'event', label: 'NodeNotReady' },
    { at: 60 * S, node: 'worker-1', kind: 'taint', label: 'unreachable:NoExecute' },
    { at: 360 * S, node: 'worker-1', kind: 'evicted', label: 'solo' },
  ];
  for (let at = 10 * S; at <= 360 * S; at += 10 * S) marks.push({ at, node: 'worker-2', kind: 'heartbeat', label: 'status' }, { at, node: 'worker-2', kind: 'lease', label: 'lease' });
  return { from: 0, to: 366 * S, periodMs: 5 * S, graceMs: 40 * S, nodes: ['worker-1', 'worker-2'], marks };
}

describe('the timeline picture', () => {
  it('draws the note\'s 40 s outline with no label over another and none cut at the edge', () => {
    const p = drawTimeline(noteOutline());
    assert.deepEqual(collisions(p), []);
    const labels = texts(p).map((s) => s.text);
    for (const whole of ['55 s Ready=Unknown', '60 s + unreachable:NoExecute', '55 s + unreachable:NoSchedule', '55 s NodeNotReady', '360 s evicted solo']) {
      assert.ok(labels.includes(whole), `"${whole}" is not drawn whole; the labels are ${JSON.stringify(labels)}`);
    }
  });

  it('puts a label that would run off the right edge on the left of its mark, ending at it', () => {
    const p = drawTimeline(noteOutline());
    const evicted = texts(p).find((s) => s.text === '360 s evicted solo')!;
    const cross = p.shapes.find((s) => s.kind === 'cross')!;
    assert.equal(evicted.anchor, 'end');
    assert.ok(cross.kind === 'cross' && evicted.x < cross.x && cross.x - evicted.x <= 6, `label ends at ${evicted.x}, mark at ${JSON.stringify(cross)}`);
  });

  it('lists each label once in the SVG, escaped', () => {
    const t = noteOutline();
    t.marks.push({ at: 100 * S, node: 'worker-2', kind: 'placed', label: '<b>&' });
    const svg = svgOf(drawTimeline(t));
    assert.match(svg, /100 s placed &lt;b&gt;&amp;/);
    assert.equal(svg.split('55 s Ready=Unknown').length, 3, 'once as text, once as the mark\'s tooltip');
  });

  it('keeps labels apart and inside on any timeline, at report and phone widths (property)', () => {
    const kinds: MarkKind[] = ['heartbeat', 'lease', 'ready', 'taint', 'untaint', 'evicted', 'gone', 'placed', 'event', 'due'];
    const timeline = fc
      .record({
        spanS: fc.integer({ min: 1, max: 3600 }),
        nodes: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,40}$/), { minLength: 1, maxLength: 4 }),
        marks: fc.array(fc.record({ f: fc.double({ min: 0, max: 1, noNaN: true }), n: fc.nat(), kind: fc.constantFrom(...kinds), label: fc.string({ maxLength: 60 }) }), { maxLength: 40 }),
        spans: fc.array(fc.record({ a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.double({ min: 0, max: 1, noNaN: true }), n: fc.nat(), grace: fc.boolean() }), { maxLength: 4 }),
        now: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        width: fc.constantFrom(360, 800, 1100),
      })
      .map(({ spanS, nodes, marks, spans, now, width }): [Timeline, number] => {
        const to = spanS * S;
        return [
          {
            from: 0,
            to,
            periodMs: 5 * S,
            graceMs: 40 * S,
            nodes,
            marks: marks.map((m) => ({ at: Math.round(m.f * to), node: nodes[m.n % nodes.length]!, kind: m.kind, label: m.label })),
            spans: spans.map((s) => ({ node: nodes[s.n % nodes.length]!, from: Math.min(s.a, s.b) * to, to: Math.max(s.a, s.b) * to, kind: s.grace ? 'grace' : 'toleration', label: s.grace ? 'grace 40 s' : 'toleration 300 s' })),
            ...(now !== null ? { now: now * to } : {}),
          },
          width,
        ];
      });
    fc.assert(
      fc.property(timeline, ([t, width]) => {
        assert.deepEqual(collisions(drawTimeline(t, { width })), []);
      }),
      { numRuns: 200 },
    );
  });
});

describe('label placement', () => {
  it('stacks labels that would touch into rows and reuses a row once there is room', () => {
    const placed = placeLabels([{ at: 100, text: 'a long first label' }, { at: 110, text: 'second' }, { at: 900, text: 'far away' }], { minX: 0, maxX: 1000, fontSize: 10 });
    assert.deepEqual(placed.map((p) => p.row), [0, 1, 0]);
  });

  it('cuts with an ellipsis only a label wider than the whole lane', () => {
    const [p] = placeLabels([{ at: 50, text: 'x'.repeat(100) }], { minX: 0, maxX: 200, fontSize: 10 });
    assert.ok(p!.text.endsWith('…') && p!.width <= 200 && textWidth(p!.text, 10) === p!.width);
  });

  it('labels a mark with its time since the timeline began', () => {
    assert.equal(markLabel({ at: 4500, node: 'n', kind: 'taint', label: 'unreachable:NoExecute' }, 0), '4.5 s + unreachable:NoExecute');
  });
});

/**
 * Where the service view draws each element. The picture flows from the user's site, over
 * each of the (up to) two paths as a chain of devices joined by its links, to the
 * application's instances, the application and its dependencies with their instances:
 * across (left to right) where that fits the width there is, else down (top to bottom), so
 * that it is never cut off and a phone shows it at a readable size. Pure, so that a test can
 * check it without a browser.
 */

/** A box of the drawing: an estate object. */
export interface Box {
  readonly id: string;
  readonly kind: 'site' | 'device' | 'application';
  readonly x: number;
  readonly y: number;
  /** Which group it belongs to: the site, a path (0, 1), the instances, the application, a dependency. */
  readonly role: 'site' | 'path' | 'instance' | 'application' | 'dependency' | 'dependency-instance';
}

/** A line of the drawing: a link of a path (`id` set), or a relation (the site's devices, instance → application, dependency). */
export interface Line {
  readonly id: string | null;
  readonly from: string;
  readonly to: string;
  readonly path: number | null;
  /** A dependency's coupling (`tight`, `loose`), for relations to dependencies. */
  readonly coupling?: string;
  /** Where it runs: from the edge of `from` to the edge of `to`, with a bend or two where it goes round boxes. */
  readonly points: readonly (readonly [number, number])[];
}

/** Which way the picture flows. */
export type Orientation = 'across' | 'down';

/** What is drawn. */
export interface ServiceLayout {
  readonly orientation: Orientation;
  readonly boxes: Box[];
  readonly lines: Line[];
  readonly width: number;
  readonly height: number;
  /** How many characters of a link's name fit beside its line (the rest is cut with `…`). */
  readonly labelChars: number;
}

/** The facts a layout is made of. */
export interface ServiceFacts {
  readonly site: string;
  readonly application: string;
  /** Up to two paths from the site to an instance: nodes (devices, or sites without devices) and the links between them. */
  readonly paths: readonly { readonly nodes: readonly string[]; readonly links: readonly string[] }[];
  readonly instances: readonly string[];
  readonly dependencies: readonly { readonly application: string; readonly coupling: string; readonly instances: readonly string[] }[];
}

/** Box size (SVG units). */
export const BOX = { w: 150, h: 44 } as const;

/**
 * The gaps between boxes of each orientation. Across, a link's name sits on its line between
 * two columns (so the gap holds 15 characters); down, between two rows, where the whole width
 * of a column is free for it.
 */
const GAPS: Record<Orientation, { along: number; across: number; labelChars: number }> = {
  across: { along: 100, across: 26, labelChars: 15 },
  down: { along: 40, across: 30, labelChars: 21 },
};

/**
 * Where a line that would run through a box goes round instead: along the free channel between
 * two ranks to a bus beyond every box (right of them when the picture flows down, below them
 * when it flows across), along it, and back through the channel next to its other end.
 */
const BUS = { gap: 12, step: 6 } as const;

/** A box in flow coordinates: its rank along the flow and its lane across it (fractional when centred). */
interface Placed {
  readonly id: string;
  readonly kind: Box['kind'];
  readonly role: Box['role'];
  readonly along: number;
  readonly across: number;
}

/**
 * The drawing's boxes and lines. A node that both paths share (the site's own router, an
 * instance) is drawn once; a path's first node that is the site itself is not drawn again.
 * `maxWidth`: the width there is; the picture flows across if it fits, else down.
 */
export function layoutService(f: ServiceFacts, maxWidth = Infinity): ServiceLayout {
  const across = layoutIn(f, 'across');
  return across.width <= maxWidth ? across : layoutIn(f, 'down');
}

/** The layout in one orientation. */
export function layoutIn(f: ServiceFacts, orientation: Orientation): ServiceLayout {
  const down = orientation === 'down';
  const placed: Placed[] = [];
  const lines: Omit<Line, 'points'>[] = [];
  const seen = new Set<string>();
  const instances = new Set(f.instances);
  // The inner nodes of each path: not the site, not the instance it arrives at.
  const inner = f.paths.map((p) => p.nodes.filter((n, i) => n !== f.site && !(i === p.nodes.length - 1 && instances.has(n))));
  const columns = Math.max(0, ...inner.map((n) => n.length));
  const lanes = Math.max(f.paths.length, f.instances.length, 1);
  const mid = (lanes - 1) / 2;
  const put = (id: string, kind: Box['kind'], along: number, lane: number, role: Box['role']) => {
    if (seen.has(id)) return;
    seen.add(id);
    placed.push({ id, kind, role, along, across: lane });
  };
  put(f.site, 'site', 0, mid, 'site');
  const paths = f.paths.length;
  inner.forEach((nodes, p) => {
    const lane = paths === 1 ? mid : p * Math.max(1, (lanes - 1) / Math.max(1, paths - 1));
    // Spread the path's nodes over the columns, so both paths arrive at the instances together.
    nodes.forEach((n, i) => put(n, 'device', 1 + (nodes.length === columns ? i : Math.round((i * (columns - 1)) / Math.max(1, nodes.length - 1))), lane, 'path'));
  });
  const atInstances = columns + 1;
  f.instances.forEach((id, i) => put(id, 'device', atInstances, f.instances.length === 1 ? mid : i, 'instance'));
  f.paths.forEach((p, n) => {
    p.links.forEach((link, i) => lines.push({ id: link, from: p.nodes[i]!, to: p.nodes[i + 1]!, path: n }));
    // A path starts at a device of the site (or at the site itself, when it has none).
    if (p.nodes[0] !== f.site) lines.push({ id: null, from: f.site, to: p.nodes[0]!, path: n });
  });
  // Without a path the site still reaches the instances somehow (or not at all): a plain relation.
  if (f.paths.length === 0) for (const id of f.instances) lines.push({ id: null, from: f.site, to: id, path: null });
  const atApp = atInstances + 1;
  put(f.application, 'application', atApp, mid, 'application');
  for (const id of f.instances) lines.push({ id: null, from: id, to: f.application, path: null });
  // Across, the dependencies stand in one column, each with its instances in the next; down,
  // each takes a row of its own with its instances in the row below (a column per dependency
  // would make a phone's picture as wide as their instances together).
  let lane = 0;
  f.dependencies.forEach((d, k) => {
    const along = down ? atApp + 1 + 2 * k : atApp + 1;
    put(d.application, 'application', along, down ? 0 : lane, 'dependency');
    lines.push({ id: null, from: f.application, to: d.application, path: null, coupling: d.coupling });
    d.instances.forEach((inst, i) => {
      put(inst, 'device', along + 1, down ? i : lane + i, 'dependency-instance');
      lines.push({ id: null, from: d.application, to: inst, path: null });
    });
    lane += Math.max(1, d.instances.length);
  });

  const gap = GAPS[orientation];
  const stepAlong = (down ? BOX.h : BOX.w) + gap.along;
  const stepAcross = (down ? BOX.w : BOX.h) + gap.across;
  const boxes: Box[] = placed.map((p) => {
    const a = p.along * stepAlong;
    const c = p.across * stepAcross;
    return { id: p.id, kind: p.kind, role: p.role, x: down ? c : a, y: down ? a : c };
  });
  const at = new Map(boxes.map((b) => [b.id, b]));
  const right = Math.max(...boxes.map((b) => b.x + BOX.w));
  const bottom = Math.max(...boxes.map((b) => b.y + BOX.h));
  let bends = 0;
  const routed: Line[] = [];
  for (const l of lines) {
    const a = at.get(l.from);
    const b = at.get(l.to);
    if (!a || !b) continue;
    const straight = ends(a, b, down);
    const blocked = boxes.some((box) => box !== a && box !== b && through(straight[0]!, straight[1]!, box));
    routed.push({ ...l, points: blocked ? around(a, b, down, gap.along, (down ? right : bottom) + BUS.gap + BUS.step * bends++) : straight });
  }
  const beyond = bends ? BUS.gap + BUS.step * (bends - 1) + 2 : 0;
  return { orientation, boxes, lines: routed, width: right + (down ? beyond : 0), height: bottom + (down ? 0 : beyond), labelChars: gap.labelChars };
}

/** Does the segment p–q run through the inside of the box (not only along or to its edge)? */
function through(p: readonly [number, number], q: readonly [number, number], box: Box): boolean {
  const [x0, y0, x1, y1] = [box.x + 1, box.y + 1, box.x + BOX.w - 1, box.y + BOX.h - 1];
  if (Math.max(p[0], q[0]) <= x0 || Math.min(p[0], q[0]) >= x1 || Math.max(p[1], q[1]) <= y0 || Math.min(p[1], q[1]) >= y1) return false;
  // The segment's line separates the box's corners unless they all lie on one side of it.
  const side = (x: number, y: number) => Math.sign((q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]));
  const sides = new Set([side(x0, y0), side(x1, y0), side(x0, y1), side(x1, y1)]);
  return sides.size > 1 || sides.has(0);
}

/** The line from `a` to `b` round the boxes, through the channels next to them and the bus at `bus`. */
function around(a: Box, b: Box, down: boolean, channel: number, bus: number): [number, number][] {
  const [p, q] = (down ? a.y <= b.y : a.x <= b.x) ? [a, b] : [b, a];
  const points: [number, number][] = down
    ? [
        [p.x + BOX.w / 2, p.y + BOX.h],
        [p.x + BOX.w / 2, p.y + BOX.h + channel / 2],
        [bus, p.y + BOX.h + channel / 2],
        [bus, q.y - channel / 2],
        [q.x + BOX.w / 2, q.y - channel / 2],
        [q.x + BOX.w / 2, q.y],
      ]
    : [
        [p.x + BOX.w, p.y + BOX.h / 2],
        [p.x + BOX.w + channel / 2, p.y + BOX.h / 2],
        [p.x + BOX.w + channel / 2, bus],
        [q.x - channel / 2, bus],
        [q.x - channel / 2, q.y + BOX.h / 2],
        [q.x, q.y + BOX.h / 2],
      ];
  return p === a ? points : points.reverse();
}

/**
 * A straight line between two boxes, from edge to edge: along the flow from the side facing
 * the next rank to the side facing the one before; between two boxes of one rank, across it.
 */
function ends(a: Box, b: Box, down: boolean): [number, number][] {
  const rank = (p: Box) => (down ? p.y : p.x);
  const lane = (p: Box) => (down ? p.x : p.y);
  const sameRank = rank(a) === rank(b);
  const [p, q] = (sameRank ? lane(a) <= lane(b) : rank(a) < rank(b)) ? [a, b] : [b, a];
  // A vertical line when the flow is down (between ranks) or across (within a rank).
  const vertical = down !== sameRank;
  const points: [number, number][] = vertical
    ? [
        [p.x + BOX.w / 2, p.y + BOX.h],
        [q.x + BOX.w / 2, q.y],
      ]
    : [
        [p.x + BOX.w, p.y + BOX.h / 2],
        [q.x, q.y + BOX.h / 2],
      ];
  return p === a ? points : points.reverse();
}

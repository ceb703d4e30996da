/**
 * A deliberately plain brute-force oracle for the engine's graph algorithms: fail each
 * element, search again, compare. Quadratic or worse, and obviously right — which is the
 * point. Graphs are small multigraphs given as an edge list.
 */

/** A small multigraph with failed elements. */
export interface OracleGraph {
  nodes: number;
  edges: (readonly [number, number])[];
  deadNodes?: ReadonlySet<number>;
  deadEdges?: ReadonlySet<number>;
}

/** Component label per node by plain BFS over an adjacency rebuilt every call; -1 if dead. */
export function labels(g: OracleGraph, extraNode = -1, extraEdge = -1): number[] {
  const alive = (v: number): boolean => v !== extraNode && !g.deadNodes?.has(v);
  const adj: number[][] = Array.from({ length: g.nodes }, () => []);
  g.edges.forEach(([a, b], e) => {
    if (e === extraEdge || g.deadEdges?.has(e) || !alive(a) || !alive(b)) return;
    adj[a]!.push(b);
    adj[b]!.push(a);
  });
  const label = new Array<number>(g.nodes).fill(-1);
  let c = 0;
  for (let s = 0; s < g.nodes; s++) {
    if (!alive(s) || label[s] !== -1) continue;
    const queue = [s];
    label[s] = c;
    while (queue.length) {
      const v = queue.shift()!;
      for (const w of adj[v]!) if (label[w] === -1) queue.push(w), (label[w] = c);
    }
    c++;
  }
  return label;
}

/** Number of components of a labelling. */
export function countOf(label: readonly number[]): number {
  return Math.max(-1, ...label) + 1;
}

function aliveEdge(g: OracleGraph, e: number): boolean {
  const [a, b] = g.edges[e]!;
  return !g.deadEdges?.has(e) && !g.deadNodes?.has(a) && !g.deadNodes?.has(b);
}

/** Nodes whose removal increases the number of components (among the other nodes). */
export function oracleArticulationPoints(g: OracleGraph): number[] {
  const base = countOf(labels(g));
  const out: number[] = [];
  for (let v = 0; v < g.nodes; v++) if (!g.deadNodes?.has(v) && countOf(labels(g, v)) > base) out.push(v);
  return out;
}

/** Edges whose removal increases the number of components. */
export function oracleBridges(g: OracleGraph): number[] {
  const base = countOf(labels(g));
  const out: number[] = [];
  g.edges.forEach((_, e) => {
    if (aliveEdge(g, e) && countOf(labels(g, -1, e)) > base) out.push(e);
  });
  return out;
}

/**
 * Blocks as sorted edge lists, sorted by first edge. Two edges at a common node v lie on a
 * common cycle iff their other ends are connected without v (or coincide: parallel edges);
 * blocks are the transitive closure of that relation (union–find).
 */
export function oracleBlocks(g: OracleGraph): number[][] {
  const parent = g.edges.map((_, e) => e);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  const alive = g.edges.map((_, e) => aliveEdge(g, e));
  for (let v = 0; v < g.nodes; v++) {
    const at = g.edges.flatMap(([a, b], e) => (alive[e] && (a === v || b === v) ? [e] : []));
    if (at.length < 2) continue;
    const without = labels(g, v);
    for (const e of at)
      for (const f of at) {
        if (e >= f) continue;
        const [a1, b1] = g.edges[e]!;
        const [a2, b2] = g.edges[f]!;
        const u = a1 === v ? b1 : a1;
        const w = a2 === v ? b2 : a2;
        if (u === w || without[u] === without[w]) parent[find(e)] = find(f);
      }
  }
  const blocks = new Map<number, number[]>();
  g.edges.forEach((_, e) => {
    if (!alive[e]) return;
    const r = find(e);
    if (!blocks.has(r)) blocks.set(r, []);
    blocks.get(r)!.push(e);
  });
  return [...blocks.values()].sort((x, y) => x[0]! - y[0]!);
}

/** Canonical partition: for each node, the smallest node of its class (-1 if dead). */
export function canonical(label: ArrayLike<number>): number[] {
  const first = new Map<number, number>();
  return Array.from(label, (c, v) => {
    if (c < 0) return -1;
    if (!first.has(c)) first.set(c, v);
    return first.get(c)!;
  });
}

/** 2-edge-connected classes: same component with every single alive edge removed. */
export function oracleTwoEdge(g: OracleGraph): number[] {
  const all = [labels(g), ...g.edges.flatMap((_, e) => (aliveEdge(g, e) ? [labels(g, -1, e)] : []))];
  // Key each node by its labels across all failures; equal keys = same class.
  const key = Array.from({ length: g.nodes }, (_, v) => (all[0]![v]! < 0 ? '' : all.map((l) => l[v]).join(',')));
  const ids = new Map<string, number>();
  return key.map((k) => {
    if (k === '') return -1;
    if (!ids.has(k)) ids.set(k, ids.size);
    return ids.get(k)!;
  });
}

/**
 * Pockets (docs/availability.md, "Pockets"): parts of the graph that touch the rest only
 * through one, two or three nodes, their **boundary**. Every path between a node inside a
 * pocket and a node outside passes its boundary. Offices in a chain between two ring nodes
 * are one pocket, a town hall with its offices another, a data center's interior behind
 * its two routers a third. The nodes in no pocket are the **core**.
 *
 * Pockets are the components of G − C for a set C of core nodes, each with at most three
 * neighbours in C. C starts as the **gateways**, the nodes with a link to another site
 * (so a site's interior starts as pockets), and shrinks greedily: a gateway leaves C when
 * the component it would form with its neighbouring components still has at most three
 * neighbours in C, and at most `maxSize` nodes. Gateways are tried by ascending degree,
 * again until none leaves. Components with more than three neighbours in C, or none,
 * belong to the core. Whatever the order, every pocket so found has its boundary in the
 * core; that is all the analysis relies on.
 */
import type { CsrGraph } from '../graph/CsrGraph.js';
import { groupBy, groupPairs, type Groups } from '../graph/groupBy.js';

/** The pockets of a graph. */
export interface Pockets {
  /** The pocket of each node, or -1 for a core node. */
  readonly pocketOf: Int32Array;
  /** The nodes of each pocket. */
  readonly nodes: Groups;
  /** The boundary of each pocket: one to three core nodes, ascending. */
  readonly boundary: Groups;
}

/** Most core neighbours of a pocket. */
export const MAX_BOUNDARY = 3;

/**
 * Finds pockets of at most `maxSize` nodes (a component that is one site's interior may be
 * larger) in a graph whose nodes belong to sites.
 *
 * @param nodeSite the site of each node (gateways link two sites).
 */
export function findPockets(g: CsrGraph, nodeSite: Int32Array, maxSize: number): Pockets {
  const n = g.nodeCount;
  const { offsets, neighbours } = g;
  const inC = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    for (let i = offsets[v]!; i < offsets[v + 1]!; i++) {
      if (nodeSite[neighbours[i]!] !== nodeSite[v]) {
        inC[v] = 1;
        break;
      }
    }
  }
  // Components of G − C (union-find), with their size and their neighbours in C (null: too many).
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let v = 0; v < n; v++) {
    if (inC[v]) continue;
    for (let i = offsets[v]!; i < offsets[v + 1]!; i++) {
      const w = neighbours[i]!;
      if (inC[w]) continue;
      const a = find(v);
      const b = find(w);
      if (a !== b) parent[a] = b;
    }
  }
  const size = new Int32Array(n);
  const around: (number[] | null)[] = new Array(n).fill(null);
  const tooMany = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    if (inC[v]) continue;
    const r = find(v);
    size[r]!++;
    if (tooMany[r]) continue;
    const list = (around[r] ??= []);
    for (let i = offsets[v]!; i < offsets[v + 1]!; i++) {
      const w = neighbours[i]!;
      if (!inC[w] || list.includes(w)) continue;
      list.push(w);
      if (list.length > MAX_BOUNDARY) {
        tooMany[r] = 1;
        around[r] = null;
        break;
      }
    }
  }

  const order = Array.from({ length: n }, (_, v) => v)
    .filter((v) => inC[v])
    .sort((a, b) => offsets[a + 1]! - offsets[a]! - (offsets[b + 1]! - offsets[b]!) || a - b);
  const comps = new Set<number>();
  const merged = new Set<number>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of order) {
      if (!inC[w]) continue;
      comps.clear();
      merged.clear();
      let ok = true;
      for (let i = offsets[w]!; i < offsets[w + 1]! && ok; i++) {
        const x = neighbours[i]!;
        if (x === w) continue;
        if (inC[x]) merged.add(x);
        else comps.add(find(x));
        ok = merged.size <= MAX_BOUNDARY;
      }
      let total = 1;
      for (const c of comps) {
        if (!ok) break;
        if (tooMany[c]) ok = false;
        else for (const y of around[c]!) if (y !== w) merged.add(y);
        total += size[c]!;
        ok &&= merged.size <= MAX_BOUNDARY && total <= maxSize;
      }
      if (!ok || merged.size === 0) continue;
      inC[w] = 0;
      for (const c of comps) parent[c] = w;
      size[w] = total;
      around[w] = [...merged];
      changed = true;
    }
  }

  // Components with one to three core neighbours are pockets; the rest is core.
  const pocketOf = new Int32Array(n).fill(-1);
  const idOf = new Map<number, number>();
  const bounds: number[][] = [];
  for (let v = 0; v < n; v++) {
    if (inC[v]) continue;
    const r = find(v);
    const b = around[r];
    if (tooMany[r] || !b || b.length === 0) continue;
    let id = idOf.get(r);
    if (id === undefined) {
      id = bounds.length;
      idOf.set(r, id);
      bounds.push([...b].sort((x, y) => x - y));
    }
    pocketOf[v] = id;
  }
  const bPocket: number[] = [];
  const bNode: number[] = [];
  bounds.forEach((b, id) => b.forEach((v) => (bPocket.push(id), bNode.push(v))));
  return { pocketOf, nodes: groupBy(pocketOf, bounds.length), boundary: groupPairs(bPocket, bNode, bounds.length) };
}

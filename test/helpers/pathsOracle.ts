/**
 * A deliberately plain brute-force oracle for independent paths: enumerate every simple path
 * from a start node to an end node, describe each by the set of elements it hits (as a bit
 * mask), and try every pair. Exponential, and obviously right on graphs of a few nodes.
 *
 * The definition it implements is the one in src/engine/disjointPaths.ts, written out from
 * scratch: a path hits its devices (or device-less site nodes), its links, the sites of its
 * nodes and the risk groups of its devices and links; an element containing every start
 * node or every end node is outside the question; two paths are independent when every
 * element both hit is outside the question. For a service (`shareSites`: its own site and
 * the data-center sites) only those sites are outside the question, nothing else.
 */
import { SITE_NODE, type ElementRef, type Projection } from '../../src/engine/projection.js';

/** A path found by the oracle. */
export interface OraclePath {
  nodes: number[];
  edges: number[];
  /** Bit mask of the elements it hits. */
  hit: number;
}

/** The elements of a small projection, each a bit. */
export interface OracleWorld {
  /** Element key (`device:3`, `link:0`, `site:1`, `risk-group:2`) → bit. */
  bit: Map<string, number>;
  keys: string[];
  paths: OraclePath[];
  /** Elements outside the question. */
  exempt: number;
  /** Bits of nodes and links only (for the device-and-link check). */
  nodeLink: number;
  /** Per element bit: the bits of the risk groups and multi-node sites (the rest is nodes and links). */
  groups: number;
}

/** Key of an element reference; a device-less site node is its site. */
export function refKey(r: ElementRef): string {
  return `${r.kind}:${r.index}`;
}

/** Enumerates every simple path and its element mask. Sites with one node are their node. */
export function oracleWorld(p: Projection, from: readonly number[], to: readonly number[], dead: { nodes?: Uint8Array; edges?: Uint8Array } = {}, shareSites?: readonly number[]): OracleWorld {
  const deadN = (v: number): boolean => dead.nodes?.[v] === 1;
  const deadE = (e: number): boolean => dead.edges?.[e] === 1;
  const F = [...new Set(from)].filter((v) => !deadN(v));
  const T = [...new Set(to)].filter((v) => !deadN(v));
  const keys: string[] = [];
  const bit = new Map<string, number>();
  const add = (k: string): void => {
    if (bit.has(k)) return;
    if (keys.length >= 31) throw new Error('too many elements for the oracle');
    bit.set(k, 1 << keys.length);
    keys.push(k);
  };
  const siteSize = (s: number): number => p.siteNodes.offsets[s + 1]! - p.siteNodes.offsets[s]!;
  const nodeKey = (v: number): string => (p.nodeKind[v] === SITE_NODE ? `site:${p.nodeSite[v]}` : `device:${v}`);
  let nodeLink = 0;
  let groups = 0;
  for (let v = 0; v < p.nodeCount; v++) add(nodeKey(v)), (nodeLink |= bit.get(nodeKey(v))!);
  for (let e = 0; e < p.edgeCount; e++) add(`link:${e}`), (nodeLink |= bit.get(`link:${e}`)!);
  for (let s = 0; s < p.siteIds.length; s++) if (siteSize(s) >= 2) add(`site:${s}`), (groups |= bit.get(`site:${s}`)!);
  for (let g = 0; g < p.riskGroupIds.length; g++) add(`risk-group:${g}`), (groups |= bit.get(`risk-group:${g}`)!);

  // Groups of each node and link, the plain way.
  const nodeMask = (v: number): number => {
    let m = bit.get(nodeKey(v))!;
    const s = p.nodeSite[v]!;
    if (siteSize(s) >= 2) m |= bit.get(`site:${s}`)!;
    for (let g = 0; g < p.riskGroupIds.length; g++) {
      for (let i = p.riskGroupNodes.offsets[g]!; i < p.riskGroupNodes.offsets[g + 1]!; i++) if (p.riskGroupNodes.members[i] === v) m |= bit.get(`risk-group:${g}`)!;
    }
    return m;
  };
  const edgeMask = (e: number): number => {
    let m = bit.get(`link:${e}`)!;
    for (let g = 0; g < p.riskGroupIds.length; g++) {
      for (let i = p.riskGroupEdges.offsets[g]!; i < p.riskGroupEdges.offsets[g + 1]!; i++) if (p.riskGroupEdges.members[i] === e) m |= bit.get(`risk-group:${g}`)!;
    }
    return m;
  };

  // Outside the question: contains every start node or every end node.
  const nodesOf = (k: string): number[] => {
    const [kind, i] = [k.slice(0, k.indexOf(':')), Number(k.slice(k.indexOf(':') + 1))];
    const out: number[] = [];
    for (let v = 0; v < p.nodeCount; v++) {
      if (kind === 'device' && v === i) out.push(v);
      if (kind === 'site' && p.nodeSite[v] === i) out.push(v);
      if (kind === 'risk-group' && (nodeMask(v) & bit.get(k)!) !== 0) out.push(v);
    }
    return out;
  };
  let exempt = 0;
  // A service: only its shared sites (a site of one device is that device, which counts).
  if (shareSites) for (const s of shareSites) exempt |= bit.get(`site:${s}`) ?? 0;
  else for (const k of keys) {
    if (k.startsWith('link:')) continue;
    const inside = new Set(nodesOf(k));
    if ((F.length > 0 && F.every((v) => inside.has(v))) || (T.length > 0 && T.every((v) => inside.has(v)))) exempt |= bit.get(k)!;
  }

  const paths: OraclePath[] = [];
  const isTo = new Set(T);
  const onPath = new Set<number>();
  const nodes: number[] = [];
  const edges: number[] = [];
  const dfs = (v: number, hit: number): void => {
    if (isTo.has(v)) paths.push({ nodes: [...nodes], edges: [...edges], hit });
    for (let e = 0; e < p.edgeCount; e++) {
      if (deadE(e)) continue;
      const a = p.edgeA[e]!;
      const b = p.edgeB[e]!;
      const w = a === v ? b : b === v ? a : -1;
      if (w < 0 || deadN(w) || onPath.has(w)) continue;
      onPath.add(w), nodes.push(w), edges.push(e);
      dfs(w, hit | edgeMask(e) | nodeMask(w));
      onPath.delete(w), nodes.pop(), edges.pop();
    }
  };
  for (const s of F) {
    onPath.add(s), nodes.push(s);
    dfs(s, nodeMask(s));
    onPath.delete(s), nodes.pop();
  }
  return { bit, keys, paths, exempt, nodeLink, groups };
}

/** True if the two masks are independent when only the elements in `counted` count. */
export function independentMasks(w: OracleWorld, a: number, b: number, counted = ~0): boolean {
  return (a & b & counted & ~w.exempt) === 0;
}

/** Some independent pair (indices into `paths`), counting only `counted` elements; null if none. */
export function oraclePair(w: OracleWorld, counted = ~0): [number, number] | null {
  const { paths } = w;
  for (let i = 0; i < paths.length; i++) for (let j = i; j < paths.length; j++) if (independentMasks(w, paths[i]!.hit, paths[j]!.hit, counted)) return [i, j];
  return null;
}

/** Every element that counts and is hit by every path (the `cut` list), as keys. */
export function oracleCut(w: OracleWorld, counted = ~0): string[] {
  let all = ~0;
  for (const x of w.paths) all &= x.hit;
  all &= counted & ~w.exempt;
  return w.keys.filter((_, i) => (all & (1 << i)) !== 0);
}

/**
 * The same independence test without enumerating paths (for graphs too big for the
 * oracle): the elements each path hits, as keys, and which of them are outside the question.
 */
export function independentPair(p: Projection, from: readonly number[], to: readonly number[], a: { nodes: readonly number[]; edges: readonly number[] }, b: { nodes: readonly number[]; edges: readonly number[] }): boolean {
  const groupsOfNode = (v: number): string[] => {
    const out = [p.nodeKind[v] === SITE_NODE ? `site:${p.nodeSite[v]}` : `device:${v}`, `site:${p.nodeSite[v]}`];
    for (let g = 0; g < p.riskGroupIds.length; g++) for (let i = p.riskGroupNodes.offsets[g]!; i < p.riskGroupNodes.offsets[g + 1]!; i++) if (p.riskGroupNodes.members[i] === v) out.push(`risk-group:${g}`);
    return out;
  };
  const groupsOfEdge = (e: number): string[] => {
    const out = [`link:${e}`];
    for (let g = 0; g < p.riskGroupIds.length; g++) for (let i = p.riskGroupEdges.offsets[g]!; i < p.riskGroupEdges.offsets[g + 1]!; i++) if (p.riskGroupEdges.members[i] === e) out.push(`risk-group:${g}`);
    return out;
  };
  const hits = (x: { nodes: readonly number[]; edges: readonly number[] }): Set<string> => new Set([...x.nodes.flatMap(groupsOfNode), ...x.edges.flatMap(groupsOfEdge)]);
  const nodesOf = (k: string): Set<number> => {
    const out = new Set<number>();
    for (let v = 0; v < p.nodeCount; v++) if (groupsOfNode(v).includes(k)) out.add(v);
    return out;
  };
  const outside = (k: string): boolean => {
    if (k.startsWith('link:')) return false;
    const inside = nodesOf(k);
    return from.every((v) => inside.has(v)) || to.every((v) => inside.has(v));
  };
  const hb = hits(b);
  return [...hits(a)].every((k) => !hb.has(k) || outside(k));
}

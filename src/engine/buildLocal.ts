/**
 * The relevant region of a service for the availability analysis (see availability.ts,
 * step 1): the structures shared by every service of one analysis ({@link buildShared}) and
 * the local model of one service built from them ({@link buildLocal}).
 */
import { biconnectedComponents } from '../graph/biconnectedComponents.js';
import { blockCutTree } from '../graph/blockCutTree.js';
import { connectedComponents } from '../graph/connectedComponents.js';
import type { ElementAvailabilities } from './elementAvailability.js';
import type { Groups } from '../graph/groupBy.js';
import { buildModel, localTerminals } from './buildModel.js';
import { type LocalModel, invertGroups } from './LocalModel.js';
import type { Projection } from './projection.js';

/** Structures shared by every service of one analysis. */
export interface Shared {
  readonly p: Projection;
  readonly ua: ElementAvailabilities;
  readonly component: Int32Array;
  /** Block-cut forest: vertex count, parent (-1 at roots), adjacency. */
  readonly blockCount: number;
  readonly treeParent: Int32Array;
  /** Depth of each vertex below its tree's root (0 at roots). */
  readonly treeDepth: Int32Array;
  readonly treeAdjacency: Groups;
  readonly nodeCut: Int32Array;
  /** Cut index → graph node. */
  readonly cutNodes: Int32Array;
  readonly nodeBlock: Int32Array;
  readonly blockNodes: Groups;
  readonly blockOffsets: Int32Array;
  readonly blockEdges: Int32Array;
  /** Node → risk groups, edge → risk groups. */
  readonly nodeGroups: Groups;
  readonly edgeGroups: Groups;
  // Scratch, sized once and left clean after each use.
  readonly treeMark: Int32Array;
  readonly treeChildren: Int32Array;
  readonly treeTerminal: Int32Array;
  readonly localOf: Int32Array;
  readonly countX: Int32Array;
  readonly countY: Int32Array;
  readonly mixed: Uint8Array;
  epoch: number;
}


/**
 * Builds the structures shared by every service of one analysis: components, the
 * block-cut forest rooted per tree, risk-group inverses and clean scratch arrays.
 *
 * @param p the projection of the estate.
 * @param ua its element unavailabilities.
 */
export function buildShared(p: Projection, ua: ElementAvailabilities): Shared {
  const cc = connectedComponents(p);
  const bcc = biconnectedComponents(p);
  const bct = blockCutTree(p, bcc);
  const vertices = bct.blockCount + bct.cutNodes.length;
  const treeParent = new Int32Array(vertices).fill(-2);
  const treeDepth = new Int32Array(vertices);
  const queue = new Int32Array(vertices);
  const adj = bct.adjacency;
  for (let r = 0; r < vertices; r++) {
    if (treeParent[r] !== -2) continue;
    treeParent[r] = -1;
    let head = 0;
    let tail = 0;
    queue[tail++] = r;
    while (head < tail) {
      const v = queue[head++]!;
      for (let i = adj.offsets[v]!; i < adj.offsets[v + 1]!; i++) {
        const w = adj.members[i]!;
        if (treeParent[w] !== -2) continue;
        treeParent[w] = v;
        treeDepth[w] = treeDepth[v]! + 1;
        queue[tail++] = w;
      }
    }
  }
  return {
    p,
    ua,
    component: cc.component,
    blockCount: bct.blockCount,
    treeParent,
    treeDepth,
    treeAdjacency: adj,
    nodeCut: bct.nodeCut,
    cutNodes: bct.cutNodes,
    nodeBlock: bct.nodeBlock,
    blockNodes: bct.blockNodes,
    blockOffsets: bcc.blockOffsets,
    blockEdges: bcc.blockEdges,
    nodeGroups: invertGroups(p.riskGroupNodes, p.nodeCount),
    edgeGroups: invertGroups(p.riskGroupEdges, p.edgeCount),
    treeMark: new Int32Array(vertices),
    treeChildren: new Int32Array(vertices),
    treeTerminal: new Int32Array(vertices),
    localOf: new Int32Array(p.nodeCount).fill(-1),
    countX: new Int32Array(vertices),
    countY: new Int32Array(vertices),
    mixed: new Uint8Array(vertices),
    epoch: 0,
  };
}

/** True if some node of `list` has `label[node] === value`. */
function contains(list: ArrayLike<number>, label: Int32Array, value: number): boolean {
  for (let i = 0; i < list.length; i++) if (label[list[i]!] === value) return true;
  return false;
}

/**
 * The vertices of the minimal subtree of the block-cut forest spanning the terminals' tree
 * vertices (a terminal without edges has none and is left out): climb from each terminal
 * towards its root, counting marked children, then drop the chain above the lowest vertex
 * where paths meet (or a terminal sits). Linear in the union of the terminals' paths to
 * their roots. Every vertex returned has `treeMark === sh.epoch` until the next call.
 */
export function spanningSubtree(sh: Shared, terminals: ArrayLike<number>): number[] {
  const { treeParent, treeMark, treeChildren, treeTerminal, treeAdjacency } = sh;
  const epoch = ++sh.epoch;
  const visited: number[] = [];
  const roots: number[] = [];
  for (let k = 0; k < terminals.length; k++) {
    let v = vertexOf(sh, terminals[k]!);
    if (v < 0) continue; // a node without edges: a region of its own
    treeTerminal[v] = epoch;
    if (treeMark[v] === epoch) continue;
    treeMark[v] = epoch;
    treeChildren[v] = 0;
    visited.push(v);
    for (;;) {
      const u = treeParent[v]!;
      if (u < 0) {
        roots.push(v);
        break;
      }
      if (treeMark[u] === epoch) {
        treeChildren[u]!++;
        break;
      }
      treeMark[u] = epoch;
      treeChildren[u] = 1;
      visited.push(u);
      v = u;
    }
  }
  for (let r of roots) {
    while (treeTerminal[r] !== epoch && treeChildren[r] === 1) {
      treeMark[r] = 0;
      let next = -1;
      for (let i = treeAdjacency.offsets[r]!; i < treeAdjacency.offsets[r + 1]! && next < 0; i++) {
        const w = treeAdjacency.members[i]!;
        if (treeParent[w] === r && treeMark[w] === epoch) next = w;
      }
      r = next;
    }
  }
  return visited.filter((v) => treeMark[v] === epoch);
}

/** The block-cut-forest vertex of graph node `v`: its cut vertex, its one block, or -1 without edges. */
export function vertexOf(sh: Shared, v: number): number {
  return sh.nodeCut[v]! >= 0 ? sh.blockCount + sh.nodeCut[v]! : sh.nodeBlock[v]!;
}

/**
 * The components where a service can be up (holding an attach point and an instance of every
 * needed application) and its terminals there: the attach points, then the instances. Null
 * if there is no such component (the service is down with nothing failed).
 */
export function serviceTerminals(sh: Shared, attach: ArrayLike<number>, instances: readonly ArrayLike<number>[]): { viable: Set<number>; terminals: number[] } | null {
  const { component } = sh;
  const viable = new Set<number>();
  for (let k = 0; k < attach.length; k++) {
    const c = component[attach[k]!]!;
    if (c < 0 || viable.has(c)) continue;
    if (instances.every((list) => contains(list, component, c))) viable.add(c);
  }
  if (viable.size === 0) return null;
  const terminals: number[] = [];
  for (let k = 0; k < attach.length; k++) if (viable.has(component[attach[k]!]!)) terminals.push(attach[k]!);
  for (const list of instances) for (let k = 0; k < list.length; k++) if (viable.has(component[list[k]!]!)) terminals.push(list[k]!);
  return { viable, terminals };
}

/**
 * Builds the local model of a service given by its attach nodes and, per needed
 * application, its instance nodes (global indices). Returns null if the service is down
 * with nothing failed.
 */
export function buildLocal(sh: Shared, attach: ArrayLike<number>, instances: readonly ArrayLike<number>[]): LocalModel | null {
  const { p } = sh;
  const terminals = serviceTerminals(sh, attach, instances)?.terminals;
  if (!terminals) return null;
  const kept = spanningSubtree(sh, terminals);

  // Region nodes and edges, numbered locally.
  const { localOf } = sh;
  const nodes: number[] = [];
  const edges: number[] = [];
  const addNode = (v: number): void => {
    if (localOf[v] !== -1) return;
    localOf[v] = nodes.length;
    nodes.push(v);
  };
  for (const t of terminals) addNode(t);
  for (const b of kept) {
    if (b >= sh.blockCount) continue;
    for (let i = sh.blockNodes.offsets[b]!; i < sh.blockNodes.offsets[b + 1]!; i++) addNode(sh.blockNodes.members[i]!);
    for (let i = sh.blockOffsets[b]!; i < sh.blockOffsets[b + 1]!; i++) edges.push(sh.blockEdges[i]!);
  }
  const edgeA = edges.map((e) => localOf[p.edgeA[e]!]!);
  const edgeB = edges.map((e) => localOf[p.edgeB[e]!]!);
  const model = buildModel(sh, { nodes, edges, edgeA, edgeB }, localTerminals((v) => localOf[v]!, nodes.length, attach, instances));
  // Leave the scratch clean.
  for (const v of nodes) localOf[v] = -1;
  return model;
}

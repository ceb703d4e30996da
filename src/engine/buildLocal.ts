/**
 * The relevant region of a service for the availability analysis (see availability.ts,
 * step 1): the structures shared by every service of one analysis ({@link buildShared}) and
 * the local model of one service built from them ({@link buildLocal}).
 */
import { biconnectedComponents } from '../graph/biconnectedComponents.js';
import { blockCutTree } from '../graph/blockCutTree.js';
import { connectedComponents } from '../graph/connectedComponents.js';
import { buildCsr } from '../graph/CsrGraph.js';
import type { ElementAvailabilities } from './elementAvailability.js';
import { groupPairs, type Groups } from '../graph/groupBy.js';
import { DEVICE, GROUP, LINK, LocalModel, invertGroups } from './LocalModel.js';
import { DEVICE_NODE, type Projection } from './projection.js';

/** Structures shared by every service of one analysis. */
export interface Shared {
  readonly p: Projection;
  readonly ua: ElementAvailabilities;
  readonly component: Int32Array;
  /** Block-cut forest: vertex count, parent (-1 at roots), adjacency. */
  readonly blockCount: number;
  readonly treeParent: Int32Array;
  readonly treeAdjacency: Groups;
  readonly nodeCut: Int32Array;
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
  readonly groupLocalOf: Int32Array;
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
    treeAdjacency: adj,
    nodeCut: bct.nodeCut,
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
    groupLocalOf: new Int32Array(p.riskGroupIds.length).fill(-1),
    epoch: 0,
  };
}

/** True if some node of `list` has `label[node] === value`. */
function contains(list: ArrayLike<number>, label: Int32Array, value: number): boolean {
  for (let i = 0; i < list.length; i++) if (label[list[i]!] === value) return true;
  return false;
}

/**
 * Builds the local model of a service given by its attach nodes and, per needed
 * application, its instance nodes (global indices). Returns null if the service is down
 * with nothing failed.
 */
export function buildLocal(sh: Shared, attach: ArrayLike<number>, instances: readonly ArrayLike<number>[]): LocalModel | null {
  const { p, ua, component } = sh;
  // Components where the service can be up: holding an attach point and an instance of
  // every needed application.
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

  // The minimal subtree of the block-cut forest spanning the terminals: climb from each
  // terminal towards its root, counting marked children, then drop the chain above the
  // lowest vertex where paths meet (or a terminal sits).
  const { treeParent, treeMark, treeChildren, treeTerminal, treeAdjacency, blockCount } = sh;
  const epoch = ++sh.epoch;
  const visited: number[] = [];
  const roots: number[] = [];
  const vertexOf = (v: number): number => (sh.nodeCut[v]! >= 0 ? blockCount + sh.nodeCut[v]! : sh.nodeBlock[v]!);
  for (const t of terminals) {
    let v = vertexOf(t);
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
  const dropped = new Set<number>();
  for (let r of roots) {
    while (treeTerminal[r] !== epoch && treeChildren[r] === 1) {
      dropped.add(r);
      let next = -1;
      for (let i = treeAdjacency.offsets[r]!; i < treeAdjacency.offsets[r + 1]! && next < 0; i++) {
        const w = treeAdjacency.members[i]!;
        if (treeParent[w] === r && treeMark[w] === epoch) next = w;
      }
      r = next;
    }
  }

  // Region nodes and edges, numbered locally.
  const { localOf, groupLocalOf } = sh;
  const nodes: number[] = [];
  const edges: number[] = [];
  const addNode = (v: number): void => {
    if (localOf[v] !== -1) return;
    localOf[v] = nodes.length;
    nodes.push(v);
  };
  for (const t of terminals) addNode(t);
  for (const b of visited) {
    if (b >= blockCount || dropped.has(b)) continue;
    for (let i = sh.blockNodes.offsets[b]!; i < sh.blockNodes.offsets[b + 1]!; i++) addNode(sh.blockNodes.members[i]!);
    for (let i = sh.blockOffsets[b]!; i < sh.blockOffsets[b + 1]!; i++) edges.push(sh.blockEdges[i]!);
  }
  const ea = new Int32Array(edges.length);
  const eb = new Int32Array(edges.length);
  edges.forEach((e, i) => ((ea[i] = localOf[p.edgeA[e]!]!), (eb[i] = localOf[p.edgeB[e]!]!)));
  const g = buildCsr(nodes.length, ea, eb);

  // Failure elements: devices, links and risk groups with a positive unavailability.
  const kind: number[] = [];
  const index: number[] = [];
  const u: number[] = [];
  const enE: number[] = [];
  const enN: number[] = [];
  const eeE: number[] = [];
  const eeL: number[] = [];
  const groupsSeen: number[] = [];
  const groupOf = (grp: number): number => {
    let e = groupLocalOf[grp]!;
    if (e >= 0) return e;
    e = kind.length;
    groupLocalOf[grp] = e;
    groupsSeen.push(grp);
    kind.push(GROUP);
    index.push(grp);
    u.push(ua.riskGroup[grp]!);
    return e;
  };
  // Per local node (edge): its own element if it can fail, then its failing risk groups.
  const addElements = (items: readonly number[], elementKind: number, ownU: (x: number) => number, groups: Groups, elems: number[], locals: number[]): void => {
    items.forEach((x, i) => {
      const ux = ownU(x);
      if (ux > 0) {
        elems.push(kind.length);
        locals.push(i);
        kind.push(elementKind);
        index.push(x);
        u.push(ux);
      }
      for (let k = groups.offsets[x]!; k < groups.offsets[x + 1]!; k++) {
        const grp = groups.members[k]!;
        if (ua.riskGroup[grp]! > 0) (elems.push(groupOf(grp)), locals.push(i));
      }
    });
  };
  addElements(nodes, DEVICE, (v) => (p.nodeKind[v] === DEVICE_NODE ? ua.node[v]! : 0), sh.nodeGroups, enE, enN);
  addElements(edges, LINK, (e) => ua.edge[e]!, sh.edgeGroups, eeE, eeL);

  // Attach points and instances, locally.
  const localAttach: number[] = [];
  for (let k = 0; k < attach.length; k++) {
    const l = localOf[attach[k]!]!;
    if (l >= 0 && !localAttach.includes(l)) localAttach.push(l);
  }
  const slotNode: number[] = [];
  const slotOf: number[] = [];
  instances.forEach((list, s) => {
    for (let k = 0; k < list.length; k++) {
      const l = localOf[list[k]!]!;
      if (l >= 0) (slotNode.push(l), slotOf.push(s));
    }
  });

  const model = new LocalModel({
    g,
    nodes: Int32Array.from(nodes),
    edges: Int32Array.from(edges),
    attach: Int32Array.from(localAttach),
    nodeSlots: groupPairs(slotNode, slotOf, nodes.length),
    needCount: instances.length,
    elemKind: Uint8Array.from(kind),
    elemIndex: Int32Array.from(index),
    elemU: Float64Array.from(u),
    elemNodes: groupPairs(enE, enN, kind.length),
    elemEdges: groupPairs(eeE, eeL, kind.length),
  });

  // Leave the scratch clean.
  for (const v of nodes) localOf[v] = -1;
  for (const grp of groupsSeen) groupLocalOf[grp] = -1;
  return model;
}

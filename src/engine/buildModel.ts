/**
 * Building a {@link LocalModel} from a list of nodes and edges (see availability.ts): the
 * failure elements that touch them (devices, links and risk groups with a positive
 * unavailability), optional virtual nodes and edges that never fail on their own, and
 * trigger sets for edges that stand for a stretch of network (pockets.ts). Elements
 * are named across models by a global code ({@link elementCode}).
 */
import { buildCsr } from '../graph/CsrGraph.js';
import { groupPairs, type Groups } from '../graph/groupBy.js';
import type { ElementAvailabilities } from './elementAvailability.js';
import { DEVICE, GROUP, LINK, LocalModel } from './LocalModel.js';
import { DEVICE_NODE, type Projection } from './projection.js';

/** What a model is built over: the projection, element unavailabilities, risk groups per node and edge. */
export interface ModelSource {
  readonly p: Projection;
  readonly ua: ElementAvailabilities;
  readonly nodeGroups: Groups;
  readonly edgeGroups: Groups;
}

/** The code of an element across models: devices by node, then links by edge, then risk groups. */
export function elementCode(p: Projection, kind: number, index: number): number {
  return kind === DEVICE ? index : kind === LINK ? p.nodeCount + index : p.nodeCount + p.edgeCount + index;
}

/** The kind and index of an element code. */
export function elementOfCode(p: Projection, code: number): { kind: number; index: number } {
  if (code < p.nodeCount) return { kind: DEVICE, index: code };
  if (code < p.nodeCount + p.edgeCount) return { kind: LINK, index: code - p.nodeCount };
  return { kind: GROUP, index: code - p.nodeCount - p.edgeCount };
}

/** The number of element codes of a projection. */
export function elementCodes(p: Projection): number {
  return p.nodeCount + p.edgeCount + p.riskGroupIds.length;
}

/** The unavailability of an element given by code. */
export function codeUnavailability(src: ModelSource, code: number): number {
  const { kind, index } = elementOfCode(src.p, code);
  return kind === DEVICE ? (src.p.nodeKind[index] === DEVICE_NODE ? src.ua.node[index]! : 0) : kind === LINK ? src.ua.edge[index]! : src.ua.riskGroup[index]!;
}

/** The graph of a model: nodes and edges with their global indices (-1: virtual, never failing on its own). */
export interface ModelGraph {
  readonly nodes: ArrayLike<number>;
  readonly edges: ArrayLike<number>;
  /** Local endpoints of each edge. */
  readonly edgeA: ArrayLike<number>;
  readonly edgeB: ArrayLike<number>;
  /** Trigger sets: the edge that fails when every element (by code) of the set fails. */
  readonly triggers?: { readonly edge: readonly number[]; readonly sets: readonly (readonly number[])[] };
}

/** Local attach nodes and instance slots of some terminals (global nodes), over a global → local map. */
export function localTerminals(localOf: (v: number) => number, nodeCount: number, attach: ArrayLike<number>, instances: readonly ArrayLike<number>[]): { attach: Int32Array; nodeSlots: Groups; needCount: number } {
  const localAttach: number[] = [];
  for (let k = 0; k < attach.length; k++) {
    const l = localOf(attach[k]!);
    if (l >= 0 && !localAttach.includes(l)) localAttach.push(l);
  }
  const slotNode: number[] = [];
  const slotOf: number[] = [];
  instances.forEach((list, s) => {
    for (let k = 0; k < list.length; k++) {
      const l = localOf(list[k]!);
      if (l >= 0) (slotNode.push(l), slotOf.push(s));
    }
  });
  return { attach: Int32Array.from(localAttach), nodeSlots: groupPairs(slotNode, slotOf, nodeCount), needCount: instances.length };
}

/**
 * Builds a model over a graph: per node (edge), its own element if it can fail, then its
 * failing risk groups; then the elements of trigger sets not met before. `terminals` are
 * the local attach nodes and instance slots.
 */
export function buildModel(src: ModelSource, graph: ModelGraph, terminals: { attach: Int32Array; nodeSlots: Groups; needCount: number }): LocalModel {
  const { p, ua } = src;
  const n = graph.nodes.length;
  const g = buildCsr(n, Int32Array.from(graph.edgeA), Int32Array.from(graph.edgeB));
  const kind: number[] = [];
  const index: number[] = [];
  const u: number[] = [];
  const enE: number[] = [];
  const enN: number[] = [];
  const eeE: number[] = [];
  const eeL: number[] = [];
  const local = new Map<number, number>();
  const elementOf = (k: number, x: number, ux: number): number => {
    const code = elementCode(p, k, x);
    let e = local.get(code);
    if (e === undefined) {
      e = kind.length;
      local.set(code, e);
      kind.push(k);
      index.push(x);
      u.push(ux);
    }
    return e;
  };
  const addElements = (items: ArrayLike<number>, elementKind: number, ownU: (x: number) => number, groups: Groups, elems: number[], locals: number[]): void => {
    for (let i = 0; i < items.length; i++) {
      const x = items[i]!;
      if (x < 0) continue;
      const ux = ownU(x);
      if (ux > 0) (elems.push(elementOf(elementKind, x, ux)), locals.push(i));
      for (let k = groups.offsets[x]!; k < groups.offsets[x + 1]!; k++) {
        const grp = groups.members[k]!;
        if (ua.riskGroup[grp]! > 0) (elems.push(elementOf(GROUP, grp, ua.riskGroup[grp]!)), locals.push(i));
      }
    }
  };
  addElements(graph.nodes, DEVICE, (v) => (p.nodeKind[v] === DEVICE_NODE ? ua.node[v]! : 0), src.nodeGroups, enE, enN);
  addElements(graph.edges, LINK, (e) => ua.edge[e]!, src.edgeGroups, eeE, eeL);
  let triggers: { edge: readonly number[]; elements: Groups } | undefined;
  if (graph.triggers) {
    const tSet: number[] = [];
    const tElem: number[] = [];
    graph.triggers.sets.forEach((set, t) => {
      for (const code of set) {
        const { kind: k, index: x } = elementOfCode(p, code);
        tSet.push(t);
        tElem.push(elementOf(k, x, codeUnavailability(src, code)));
      }
    });
    triggers = { edge: graph.triggers.edge, elements: groupPairs(tSet, tElem, graph.triggers.sets.length) };
  }
  return new LocalModel({
    g,
    nodes: Int32Array.from(graph.nodes),
    edges: Int32Array.from(graph.edges),
    ...terminals,
    elemKind: Uint8Array.from(kind),
    elemIndex: Int32Array.from(index),
    elemU: Float64Array.from(u),
    elemNodes: groupPairs(enE, enN, kind.length),
    elemEdges: groupPairs(eeE, eeL, kind.length),
    ...(triggers && { triggers }),
  });
}

/**
 * The graph over some global nodes and edges (each edge's ends among the nodes), with a
 * global → local node map.
 */
export function subgraph(p: Projection, nodes: readonly number[], edges: readonly number[]): { graph: ModelGraph; localOf: Map<number, number> } {
  const localOf = new Map<number, number>();
  nodes.forEach((v, i) => localOf.set(v, i));
  const edgeA = edges.map((e) => localOf.get(p.edgeA[e]!)!);
  const edgeB = edges.map((e) => localOf.get(p.edgeB[e]!)!);
  return { graph: { nodes, edges, edgeA, edgeB }, localOf };
}

/**
 * The estate at one date projected onto a graph (docs/analysis.md, "The graph and the services"): nodes are devices, plus sites
 * that have no devices; edges are links. Built once per estate version in linear time and
 * shared, read-only, by every analysis.
 */
import type { StoredObject } from '../timeline/Estate.js';
import { buildCsr, type CsrGraph } from '../graph/CsrGraph.js';
import { groupPairs, type Groups } from '../graph/groupBy.js';

/** `nodeKind` value of a device node. */
export const DEVICE_NODE = 0;
/** `nodeKind` value of the node of a site without devices. */
export const SITE_NODE = 1;

/**
 * The graph of an estate with its id maps and groupings. Node, edge, site and risk-group
 * indices are positions in the `…Ids` arrays; every `…Index` map is the inverse.
 *
 * Node order: sites in estate order, and within a site its devices in estate order (or the
 * site's own node), so the nodes of a site are contiguous. Edge order: links in estate
 * order. Both orders are deterministic for the same estate.
 */
export interface Projection extends CsrGraph {
  /** Node index → device id, or site id for the node of a site without devices. */
  readonly nodeIds: readonly string[];
  /** Device id (or device-less site id) → node index. */
  readonly nodeIndex: ReadonlyMap<string, number>;
  /** {@link DEVICE_NODE} or {@link SITE_NODE} per node. */
  readonly nodeKind: Uint8Array;
  /** Node → index of its site. */
  readonly nodeSite: Int32Array;
  /** Edge index → link id. */
  readonly edgeIds: readonly string[];
  /** Link id → edge index. */
  readonly edgeIndex: ReadonlyMap<string, number>;
  /** Site index → site id (every site of the estate). */
  readonly siteIds: readonly string[];
  /** Site id → site index. */
  readonly siteIndex: ReadonlyMap<string, number>;
  /** Site → its nodes (its devices in the graph, or its own node). May be empty (see `retired`). */
  readonly siteNodes: Groups;
  /** Risk-group index → risk-group id (every risk group of the estate). */
  readonly riskGroupIds: readonly string[];
  /** Risk-group id → risk-group index. */
  readonly riskGroupIndex: ReadonlyMap<string, number>;
  /** Risk group → its member nodes (devices). */
  readonly riskGroupNodes: Groups;
  /** Risk group → its member edges (links). */
  readonly riskGroupEdges: Groups;
  /** Ids of devices and links of the estate left out of the graph (see `retired`). */
  readonly omitted: ReadonlySet<string>;
}

/** Options of {@link buildProjection}. */
export interface ProjectionOptions {
  /**
   * Retired devices (`status: retired`): `include` (the default) keeps them as ordinary
   * nodes — the estate says they exist at this date, and the engine does not second-guess
   * it; `exclude` leaves them out, with the links that end at them (listed in `omitted`).
   * The service layer chooses. A site keeps counting as "with devices" when all its
   * devices are excluded, so it gets no node of its own: its users reach nothing.
   */
  retired?: 'include' | 'exclude';
}

/** Anything holding the estate's objects: an `Estate` or a plain list. */
export type ObjectSource = Iterable<StoredObject> | { values(): Iterable<StoredObject> };

/** The objects of an {@link ObjectSource}. */
export function objectsOf(source: ObjectSource): Iterable<StoredObject> {
  return Symbol.iterator in source ? source : source.values();
}

/** A failure element resolved to its kind and its index in the projection. */
export interface ElementRef {
  /** `device` indexes nodes, `site` sites, `link` edges, `risk-group` risk groups. */
  readonly kind: 'device' | 'site' | 'link' | 'risk-group';
  readonly index: number;
}

/**
 * Projects an estate onto a graph in O(objects). Objects of other kinds are ignored.
 *
 * The estate must be valid (the timeline guarantees it): a device's site, a link's ends and
 * risk-group memberships must exist, and a link may end at a site only if it has no
 * devices.
 *
 * @throws Error on a reference that a valid estate cannot have.
 */
export function buildProjection(source: ObjectSource, options: ProjectionOptions = {}): Projection {
  const excludeRetired = options.retired === 'exclude';
  const siteIds: string[] = [];
  const devices: Extract<StoredObject, { kind: 'device' }>[] = [];
  const links: Extract<StoredObject, { kind: 'link' }>[] = [];
  const riskGroupIds: string[] = [];
  for (const o of objectsOf(source)) {
    if (o.kind === 'device') devices.push(o);
    else if (o.kind === 'link') links.push(o);
    else if (o.kind === 'site') siteIds.push(o.id);
    else if (o.kind === 'risk-group') riskGroupIds.push(o.id);
  }

  const siteIndex = indexOf(siteIds);
  const riskGroupIndex = indexOf(riskGroupIds);

  // Devices grouped by site, keeping estate order, to number nodes site by site.
  const deviceSite = new Int32Array(devices.length);
  devices.forEach((d, i) => {
    const s = siteIndex.get(d.site);
    if (s === undefined) throw new Error(`device ${d.id} is at site ${d.site}, which does not exist`);
    deviceSite[i] = s;
  });
  const bySite = groupPairs(deviceSite, Int32Array.from(devices.keys()), siteIds.length);

  const nodeIds: string[] = [];
  const nodeKind: number[] = [];
  const nodeSiteList: number[] = [];
  // Node → position in `devices`, -1 for a site node.
  const deviceOfNode: number[] = [];
  const omitted = new Set<string>();
  for (let s = 0; s < siteIds.length; s++) {
    const from = bySite.offsets[s]!;
    const to = bySite.offsets[s + 1]!;
    if (from === to) {
      nodeIds.push(siteIds[s]!);
      nodeKind.push(SITE_NODE);
      nodeSiteList.push(s);
      deviceOfNode.push(-1);
      continue;
    }
    for (let k = from; k < to; k++) {
      const d = bySite.members[k]!;
      const device = devices[d]!;
      if (excludeRetired && device.status === 'retired') {
        omitted.add(device.id);
        continue;
      }
      nodeIds.push(device.id);
      nodeKind.push(DEVICE_NODE);
      nodeSiteList.push(s);
      deviceOfNode.push(d);
    }
  }
  const nodeIndex = indexOf(nodeIds);
  const nodeSite = Int32Array.from(nodeSiteList);

  const edgeIds: string[] = [];
  const linkOfEdge: typeof links = [];
  const a: number[] = [];
  const b: number[] = [];
  for (const link of links) {
    const ia = nodeIndex.get(link.a);
    const ib = nodeIndex.get(link.b);
    if (ia === undefined || ib === undefined) {
      const end = ia === undefined ? link.a : link.b;
      if (!omitted.has(end)) throw new Error(`link ${link.id} ends at ${end}, which is neither a device nor a site without devices`);
      omitted.add(link.id);
      continue;
    }
    edgeIds.push(link.id);
    linkOfEdge.push(link);
    a.push(ia);
    b.push(ib);
  }
  const edgeIndex = indexOf(edgeIds);
  const csr = buildCsr(nodeIds.length, Int32Array.from(a), Int32Array.from(b));

  const riskGroupNodes = membership(
    riskGroupIndex,
    nodeIds.length,
    (v) => (deviceOfNode[v]! >= 0 ? devices[deviceOfNode[v]!]!.risk_groups : undefined),
    (v) => nodeIds[v]!,
  );
  const riskGroupEdges = membership(
    riskGroupIndex,
    edgeIds.length,
    (e) => linkOfEdge[e]!.risk_groups,
    (e) => edgeIds[e]!,
  );

  return Object.freeze({
    ...csr,
    nodeIds: Object.freeze(nodeIds),
    nodeIndex,
    nodeKind: Uint8Array.from(nodeKind),
    nodeSite,
    edgeIds: Object.freeze(edgeIds),
    edgeIndex,
    siteIds: Object.freeze(siteIds),
    siteIndex,
    siteNodes: groupBySite(nodeSite, siteIds.length),
    riskGroupIds: Object.freeze(riskGroupIds),
    riskGroupIndex,
    riskGroupNodes,
    riskGroupEdges,
    omitted,
  });
}

/** Position of each id in a list. */
function indexOf(ids: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  ids.forEach((id, i) => m.set(id, i));
  return m;
}

function groupBySite(nodeSite: Int32Array, sites: number): Groups {
  return groupPairs(nodeSite, Int32Array.from(nodeSite.keys()), sites);
}

/** Risk group → members of one kind, from the `risk_groups` field of each member. */
function membership(
  riskGroupIndex: ReadonlyMap<string, number>,
  count: number,
  groupsOf: (i: number) => readonly string[] | undefined,
  idOf: (i: number) => string,
): Groups {
  const group: number[] = [];
  const member: number[] = [];
  for (let i = 0; i < count; i++) {
    const list = groupsOf(i);
    if (!list) continue;
    for (const id of list) {
      const g = riskGroupIndex.get(id);
      if (g === undefined) throw new Error(`${idOf(i)} is in risk group ${id}, which does not exist`);
      group.push(g);
      member.push(i);
    }
  }
  return groupPairs(group, member, riskGroupIndex.size);
}

/**
 * Resolves a failure element id (device, link, site or risk group) in a projection.
 * The node of a site without devices resolves as the `site`. Returns undefined for an id
 * that is none of these in the graph: unknown, another kind, or `omitted`.
 */
export function resolveElement(p: Projection, id: string): ElementRef | undefined {
  let index = p.siteIndex.get(id);
  if (index !== undefined) return { kind: 'site', index };
  index = p.edgeIndex.get(id);
  if (index !== undefined) return { kind: 'link', index };
  index = p.nodeIndex.get(id);
  if (index !== undefined) return { kind: 'device', index };
  index = p.riskGroupIndex.get(id);
  if (index !== undefined) return { kind: 'risk-group', index };
  return undefined;
}

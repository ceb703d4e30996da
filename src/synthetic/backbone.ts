/**
 * The transport network: one fibre ring of network nodes per district, a backbone ring
 * through one node of every district, and chords (across a ring, and between neighbouring
 * rings) that give the second paths real networks grow over time.
 */
import type { Random } from '../util/Random.js';
import { bearing, cableKm, distanceKm, offset } from './geo.js';
import type { NetBuilder } from './netBuilder.js';
import type { District, Organizations } from './organizations.js';
import type { LatLon, LinkDoc, SiteDoc } from './types.js';

/** A ring node: a site with two routers, r1 facing the previous node, r2 the next. */
export interface RingNode {
  site: SiteDoc;
  r1: string;
  r2: string;
  district: District;
  location: LatLon;
}

/** Result of the backbone phase. */
export interface Backbone {
  nodes: RingNode[];
  nodesByDistrict: Map<District, RingNode[]>;
  /** Ring links of each district, in ring order. */
  ringLinks: LinkDoc[];
  backboneLinks: LinkDoc[];
  chords: LinkDoc[];
  /** Which links leave each node (by site id), so spurs can share their trenches. */
  linksAtNode: Map<string, LinkDoc[]>;
}

const ROUTER = { mtbf_h: 175_000, mttr_h: 6 };

/** Builds rings, backbone and chords. */
export function buildBackbone(rng: Random, net: NetBuilder, orgs: Organizations, perDistrict: number, carrier: string, areaCentre: LatLon): Backbone {
  const nodes: RingNode[] = [];
  const nodesByDistrict = new Map<District, RingNode[]>();
  const ringLinks: LinkDoc[] = [];
  const backboneLinks: LinkDoc[] = [];
  const chords: LinkDoc[] = [];
  const linksAtNode = new Map<string, LinkDoc[]>();

  const fibre = (id: string, a: RingNode, b: RingNode, aDev: string, bDev: string, name: string): LinkDoc => {
    const l = net.addLink(id, aDev, bDev, 'fibre', { name, carrier, length_km: cableKm(a.location, b.location), capacity_gbps: 100 });
    for (const n of [a, b]) {
      const list = linksAtNode.get(n.site.id);
      if (list) list.push(l);
      else linksAtNode.set(n.site.id, [l]);
    }
    return l;
  };

  for (const d of orgs.districts) {
    const short = d.slug.replace(/^kreis-/, '');
    const start = rng.next() * 2 * Math.PI;
    const ring: RingNode[] = [];
    for (let i = 0; i < perDistrict; i++) {
      const t = start + (2 * Math.PI * i) / perDistrict + rng.range(-0.2, 0.2);
      const r = d.radiusKm * rng.range(0.45, 0.65);
      const location = offset(d.centre, r * Math.cos(t), r * Math.sin(t));
      const site = net.addSite({
        id: net.ids.unique(`kn-${short}-${i + 1}`),
        name: `Netzknoten ${d.name.replace(/^Kreis /, '')} ${i + 1}`,
        type: 'node',
        organization: orgs.association.id,
        location,
      });
      const r1 = net.addDevice(site, 'r1', 'router', 'Router 1', ROUTER).id;
      const r2 = net.addDevice(site, 'r2', 'router', 'Router 2', ROUTER).id;
      net.intra(site, r1, r2, 'fibre', 100);
      ring.push({ site, r1, r2, district: d, location });
    }
    nodes.push(...ring);
    nodesByDistrict.set(d, ring);
    // A ring of two nodes would be two parallel links; from three on it is a real ring.
    const closing = ring.length >= 3 ? ring.length : ring.length - 1;
    for (let i = 0; i < closing; i++) {
      const a = ring[i]!;
      const b = ring[(i + 1) % ring.length]!;
      ringLinks.push(fibre(`ring.${short}.${i + 1}`, a, b, a.r2, b.r1, `Ring ${d.name} Abschnitt ${i + 1}`));
    }
    if (ring.length >= 6 && rng.chance(0.5)) {
      const a = ring[0]!;
      const b = ring[Math.floor(ring.length / 2)]!;
      chords.push(fibre(`chord.${short}`, a, b, a.r1, b.r2, `Querverbindung ${d.name}`));
    }
  }

  // Backbone: from each district the node nearest the Land's centre, in order around it.
  const order = [...orgs.districts].sort((a, b) => bearing(areaCentre, a.centre) - bearing(areaCentre, b.centre));
  const hubs = order.map((d) => nearest(nodesByDistrict.get(d)!, areaCentre));
  const hops = hubs.length >= 3 ? hubs.length : hubs.length - 1;
  for (let i = 0; i < hops; i++) {
    const a = hubs[i]!;
    const b = hubs[(i + 1) % hubs.length]!;
    backboneLinks.push(fibre(`backbone.${i + 1}`, a, b, a.r1, b.r2, `Backbone ${a.district.name} – ${b.district.name}`));
  }
  // Between neighbouring rings a second path, away from the hubs where possible.
  for (let i = 0; i < hops; i++) {
    if (hubs.length >= 3 && !rng.chance(0.7)) continue;
    const da = order[i]!;
    const db = order[(i + 1) % order.length]!;
    const [a, b] = closestPair(nodesByDistrict.get(da)!, nodesByDistrict.get(db)!, new Set([hubs[i]!, hubs[(i + 1) % hubs.length]!]));
    chords.push(fibre(`xchord.${i + 1}`, a, b, a.r2, b.r1, `Ringverbindung ${da.name} – ${db.name}`));
  }
  return { nodes, nodesByDistrict, ringLinks, backboneLinks, chords, linksAtNode };
}

/** The node of `nodes` nearest to `p`. */
export function nearest(nodes: readonly RingNode[], p: LatLon, except?: RingNode): RingNode {
  let best: RingNode | undefined;
  let bestD = Infinity;
  for (const n of nodes) {
    if (n === except) continue;
    const d = distanceKm(n.location, p);
    if (d < bestD) [best, bestD] = [n, d];
  }
  return best ?? nodes[0]!;
}

function closestPair(as: readonly RingNode[], bs: readonly RingNode[], avoid: Set<RingNode>): [RingNode, RingNode] {
  let best: [RingNode, RingNode] = [as[0]!, bs[0]!];
  let bestD = Infinity;
  for (const a of as) {
    for (const b of bs) {
      const d = distanceKm(a.location, b.location) + (avoid.has(a) || avoid.has(b) ? 1e6 : 0);
      if (d < bestD) [best, bestD] = [[a, b], d];
    }
  }
  return best;
}

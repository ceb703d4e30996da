/**
 * Shared risks: trenches and ducts that several cables run through, bridges, power feeds,
 * buildings and carriers. Some are planted on purpose where redundancy is only on paper
 * (both uplinks of a town hall through one house entry; a spur in the ring's own trench),
 * because finding those is what the analyses are for.
 */
import type { Random } from '../util/Random.js';
import type { Datacenter } from './datacenters.js';
import type { IdRegistry } from './names.js';
import type { Network } from './network.js';
import type { Organizations } from './organizations.js';
import type { LinkDoc, RiskGroupDoc, RiskGroupType } from './types.js';

interface Candidate {
  base: string;
  name: string;
  type: RiskGroupType;
  links: LinkDoc[];
  /** Devices are listed on the group (`members`), to exercise both ways of writing membership. */
  devices: string[];
}

const availabilityOf: Partial<Record<RiskGroupType, number>> = {
  trench: 0.99995,
  duct: 0.99995,
  bridge: 0.99999,
  power: 0.9999,
  building: 0.99999,
};

/**
 * Builds `target` risk groups (fewer only if the network is too small to have that many
 * plausible ones). Link memberships are written onto the links.
 */
export function buildRiskGroups(rng: Random, network: Network, orgs: Organizations, target: number, ids: IdRegistry): RiskGroupDoc[] {
  const mandatory: Candidate[] = [];
  const cand = (base: string, name: string, type: RiskGroupType, links: LinkDoc[] = [], devices: string[] = []): Candidate => ({ base, name, type, links, devices });
  const { backbone, offices, datacenters } = network;

  // Power feeds of the primary data center first: every analysis of it needs them.
  const [primary, ...otherDcs] = datacenters;
  if (primary) mandatory.push(...powerFeeds(primary));
  for (const carrier of orgs.carriers) {
    const links = offices.byCarrier.get(carrier.id);
    if (links?.length) mandatory.push(cand(`netz-${carrier.id}`, `Netz ${carrier.name}`, 'carrier', links));
  }

  // One trench per ring, backbone and chord cable; spurs leaving a node may share it.
  const trenchesAtNode = new Map<string, Candidate[]>();
  const trenchOf = (l: LinkDoc, name: string): Candidate => {
    const c = cand(`trasse-${l.id.replace(/\./g, '-')}`, name, 'trench', [l]);
    for (const end of [l.a, l.b]) {
      const site = end.slice(0, end.lastIndexOf('.'));
      const list = trenchesAtNode.get(site);
      if (list) list.push(c);
      else trenchesAtNode.set(site, [c]);
    }
    return c;
  };
  for (const l of [...backbone.ringLinks, ...backbone.backboneLinks]) mandatory.push(trenchOf(l, `Trasse ${l.name ?? l.id}`));
  for (const l of backbone.chords) {
    // Half of the chords were laid in an existing trench for their first kilometres.
    const site = l.a.slice(0, l.a.lastIndexOf('.'));
    const shared = trenchesAtNode.get(site);
    if (shared?.length && rng.chance(0.5)) rng.pick(shared).links.push(l);
    else mandatory.push(trenchOf(l, `Trasse ${l.name ?? l.id}`));
  }
  for (const [node, spurs] of offices.spursAtNode) {
    const trenches = trenchesAtNode.get(node);
    if (!trenches?.length) continue;
    for (const s of spurs) if (rng.chance(0.3)) rng.pick(trenches).links.push(s);
  }
  for (const [a, b] of offices.hubUplinks) {
    if (rng.chance(0.25)) {
      const site = a.id.slice(0, a.id.lastIndexOf('.'));
      mandatory.push(cand(`hauseinfuehrung-${site}`, `Hauseinführung ${site}`, 'trench', [a, b]));
    }
  }
  for (const dc of datacenters) {
    // The certified primary has two separate house entries; older ones often only one.
    if (dc !== primary && rng.chance(0.5)) mandatory.push(cand(`hauseinfuehrung-${dc.site.id}`, `Hauseinführung ${dc.site.name}`, 'trench', [...dc.uplinks]));
    else for (const up of dc.uplinks) mandatory.push(cand(`trasse-${up.id.replace(/\./g, '-')}`, `Trasse ${dc.site.name} ${up.id.slice(-3)}`, 'trench', [up]));
  }

  // Bridges carry several cables across a river.
  const byDistrict = new Map<string, LinkDoc[]>();
  for (const l of backbone.ringLinks) {
    const key = l.id.split('.')[1]!;
    byDistrict.set(key, [...(byDistrict.get(key) ?? []), l]);
  }
  const districtKeys = [...byDistrict.keys()];
  const bridges = Math.max(1, Math.round(orgs.districts.length / 3));
  for (let i = 1; i <= bridges && districtKeys.length; i++) {
    const ring = byDistrict.get(rng.pick(districtKeys))!;
    const first = rng.int(0, ring.length - 1);
    const links = [ring[first]!];
    if (ring.length > 2) links.push(ring[(first + Math.floor(ring.length / 2)) % ring.length]!);
    if (backbone.backboneLinks.length && rng.chance(0.5)) links.push(rng.pick(backbone.backboneLinks));
    mandatory.push(cand(`bruecke-${i}`, `${rng.pick(['Rhein', 'Weser', 'Ems', 'Lippe', 'Ruhr'])}brücke ${i}`, 'bridge', links));
  }

  // Substations feeding two neighbouring ring nodes.
  for (const [district, ring] of backbone.nodesByDistrict) {
    if (ring.length < 3 || !rng.chance(0.5)) continue;
    const i = rng.int(0, ring.length - 1);
    const pair = [ring[i]!, ring[(i + 1) % ring.length]!];
    mandatory.push(cand(`umspannwerk-${pair[0]!.site.id}`, `Umspannwerk ${district.name.replace(/^Kreis /, '')} ${i + 1}`, 'power', [], pair.flatMap((n) => [n.r1, n.r2])));
  }
  for (const dc of otherDcs) mandatory.push(...powerFeeds(dc));

  // Town hall and a neighbouring office in one building.
  for (const [tenant, list] of offices.byTenant) {
    if (list.length < 3 || !rng.chance(0.3)) continue;
    const hub = offices.hubs.get(tenant)!;
    const other = rng.pick(list.filter((o) => !o.hub));
    mandatory.push(cand(`gebaeude-${hub.site.id}`, `Gebäude ${hub.site.name} / ${other.site.name}`, 'building', [], [...hub.devices, ...other.devices]));
  }

  // Ducts along chains of offices fill up to the target.
  const ducts: Candidate[] = [];
  for (const chain of rng.shuffle([...offices.chains])) {
    const first = chain.links[0];
    if (!first) continue;
    const site = first.id.slice(0, first.id.lastIndexOf('.'));
    const links = [...chain.links];
    if (chain.dual && rng.chance(0.2)) links.push(chain.dual);
    ducts.push(cand(`leerrohr-${site}`, `Leerrohr ${chain.tenant.name.replace(/^(Stadt|Kreis) /, '')} ab ${site}`, 'duct', links));
  }
  const chosen = [...mandatory.slice(0, target), ...ducts.slice(0, Math.max(0, target - mandatory.length))];

  return chosen.map((c) => {
    const id = ids.unique(c.base);
    for (const l of c.links) {
      if (l.risk_groups?.includes(id)) continue;
      l.risk_groups = [...(l.risk_groups ?? []), id];
    }
    const doc: RiskGroupDoc = { id, name: c.name, type: c.type };
    if (c.devices.length) doc.members = c.devices;
    const availability = availabilityOf[c.type];
    if (availability !== undefined) doc.availability = availability;
    return doc;
  });
}

/** Feeds A and B of a data center: each carries one of every redundant pair. */
function powerFeeds(dc: Datacenter): Candidate[] {
  const side = (k: 0 | 1): string[] => [dc.routers[k]!, dc.firewalls[k]!, dc.cores[k]!, dc.san[k]!, dc.san[k + 2]!, ...dc.tors.filter((_, i) => i % 2 === k)];
  return [0, 1].map((k) => ({
    base: `usv-${dc.site.id}-${k === 0 ? 'a' : 'b'}`,
    name: `USV-Strang ${k === 0 ? 'A' : 'B'} ${dc.site.name}`,
    type: 'power' as const,
    links: [],
    devices: side(k as 0 | 1),
  }));
}

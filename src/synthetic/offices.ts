/**
 * The sites where people work: a town hall (or Kreishaus) per tenant as its hub, and many
 * smaller offices (schools, fire stations, depots …) hanging off ring nodes, city nodes
 * and the hub by spurs and chains, a few of them dual-homed.
 */
import type { Random } from '../util/Random.js';
import { nearest, type Backbone, type RingNode } from './backbone.js';
import { cableKm, offset, scatter } from './geo.js';
import type { NetBuilder } from './netBuilder.js';
import type { Organizations, Tenant } from './organizations.js';
import type { DeviceDoc, LatLon, LinkDoc, LinkType, SiteDoc } from './types.js';

/** A kind of office and how much network it has. */
interface OfficeType {
  key: string;
  name: string;
  weight: number;
  switches: readonly [number, number];
  /** Chance of a local server (a school server, a fire station's alerting PC). */
  server: number;
}

const municipalOffices: readonly OfficeType[] = [
  { key: 'kita', name: 'Kita', weight: 16, switches: [1, 1], server: 0 },
  { key: 'grundschule', name: 'Grundschule', weight: 13, switches: [1, 2], server: 0.1 },
  { key: 'feuerwache', name: 'Feuerwache', weight: 9, switches: [1, 1], server: 0.1 },
  { key: 'sporthalle', name: 'Sporthalle', weight: 6, switches: [1, 1], server: 0 },
  { key: 'buergerbuero', name: 'Bürgerbüro', weight: 5, switches: [1, 1], server: 0 },
  { key: 'bauhof', name: 'Bauhof', weight: 4, switches: [1, 2], server: 0.05 },
  { key: 'gesamtschule', name: 'Gesamtschule', weight: 4, switches: [2, 3], server: 0.3 },
  { key: 'gymnasium', name: 'Gymnasium', weight: 3, switches: [2, 3], server: 0.3 },
  { key: 'bibliothek', name: 'Stadtbibliothek', weight: 3, switches: [1, 1], server: 0 },
  { key: 'jugendzentrum', name: 'Jugendzentrum', weight: 3, switches: [1, 1], server: 0 },
  { key: 'klaeranlage', name: 'Kläranlage', weight: 3, switches: [1, 1], server: 0.2 },
  { key: 'friedhof', name: 'Friedhofsverwaltung', weight: 2, switches: [1, 1], server: 0 },
  { key: 'hallenbad', name: 'Hallenbad', weight: 2, switches: [1, 1], server: 0 },
  { key: 'sozialamt', name: 'Sozialamt', weight: 2, switches: [1, 2], server: 0 },
  { key: 'bauamt', name: 'Bauamt', weight: 2, switches: [1, 2], server: 0.05 },
  { key: 'musikschule', name: 'Musikschule', weight: 2, switches: [1, 1], server: 0 },
  { key: 'vhs', name: 'Volkshochschule', weight: 2, switches: [1, 2], server: 0 },
  { key: 'wertstoffhof', name: 'Wertstoffhof', weight: 1, switches: [1, 1], server: 0 },
  { key: 'museum', name: 'Museum', weight: 1, switches: [1, 1], server: 0 },
];

const districtOffices: readonly OfficeType[] = [
  { key: 'strassenverkehrsamt', name: 'Straßenverkehrsamt', weight: 3, switches: [1, 2], server: 0.1 },
  { key: 'gesundheitsamt', name: 'Gesundheitsamt', weight: 2, switches: [1, 2], server: 0 },
  { key: 'jugendamt', name: 'Kreisjugendamt', weight: 2, switches: [1, 2], server: 0 },
  { key: 'berufskolleg', name: 'Berufskolleg', weight: 3, switches: [2, 4], server: 0.3 },
  { key: 'leitstelle', name: 'Kreisleitstelle', weight: 1, switches: [2, 2], server: 0.5 },
  { key: 'kreisarchiv', name: 'Kreisarchiv', weight: 1, switches: [1, 1], server: 0 },
  { key: 'strassenmeisterei', name: 'Straßenmeisterei', weight: 2, switches: [1, 1], server: 0 },
];

/** An office site and its network. */
export interface Office {
  site: SiteDoc;
  tenant: Tenant;
  typeKey: string;
  hub: boolean;
  devices: string[];
  /** Every link touching its devices: interior and its own uplinks. */
  links: string[];
  /** Access devices: where users attach, and where uplinks end. */
  access: string[];
  /** Sites whose uplinks end here: an office with children must not be closed. */
  children: number;
}

/** Offices in a row, each feeding the next; the first hangs off an attach point. */
export interface Chain {
  tenant: Tenant;
  /** The links along the chain, starting with the root's uplink. */
  links: LinkDoc[];
  /** The second uplink of the last office, if it is dual-homed. */
  dual?: LinkDoc;
}

/** Result of the office phase. */
export interface OfficeNetwork {
  offices: Office[];
  byTenant: Map<Tenant, Office[]>;
  hubs: Map<Tenant, Office>;
  chains: Chain[];
  /** Both uplinks of each hub: redundant on paper, sometimes in one trench. */
  hubUplinks: [LinkDoc, LinkDoc][];
  /** Uplinks that end at a ring node, by the node's site id. */
  spursAtNode: Map<string, LinkDoc[]>;
  /** Leased lines and VPNs, by carrier id. */
  byCarrier: Map<string, LinkDoc[]>;
  cityNodes: SiteDoc[];
}

/** A device offices can hang off, with where it stands. */
interface AttachPoint {
  device: string;
  site: string;
  location: LatLon;
  weight: number;
  node?: RingNode;
  office?: Office;
}

/** How many city nodes (a city's own aggregation ring) a tenant with `offices` offices gets. */
export function cityNodesFor(tenant: Tenant, offices: number): number {
  if (tenant.kind === 'city') return Math.max(1, Math.floor(offices / 70));
  return offices > 120 ? Math.floor(offices / 120) : 0;
}

/** Chain lengths: most spurs are short, a few run through several sites. */
const chainLengths = [1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5];

/**
 * Builds the offices of every tenant: `counts[i]` offices (hub included) and `cityNodes[i]`
 * city nodes for `orgs.tenants[i]`.
 */
export function buildOffices(
  rng: Random,
  net: NetBuilder,
  orgs: Organizations,
  backbone: Backbone,
  counts: readonly number[],
  cityNodeCounts: readonly number[],
  carriers: readonly string[],
): OfficeNetwork {
  const out: OfficeNetwork = { offices: [], byTenant: new Map(), hubs: new Map(), chains: [], hubUplinks: [], spursAtNode: new Map(), byCarrier: new Map(), cityNodes: [] };
  const [fibreCarrier, leasedCarrier, cityCarrier] = carriers as [string, string, string];

  const recordLink = (l: LinkDoc, atNode?: RingNode): LinkDoc => {
    if (l.carrier && l.type !== 'fibre') {
      const list = out.byCarrier.get(l.carrier);
      if (list) list.push(l);
      else out.byCarrier.set(l.carrier, [l]);
    }
    if (atNode) {
      const list = out.spursAtNode.get(atNode.site.id);
      if (list) list.push(l);
      else out.spursAtNode.set(atNode.site.id, [l]);
    }
    return l;
  };

  /** An uplink from an office device to an attach point, of a type typical for its role. */
  const uplink = (office: Office, from: string, to: AttachPoint, hub: boolean): LinkDoc => {
    const id = net.nextName(`${office.site.id}.up`);
    const km = cableKm(office.site.location!, to.location);
    const r = rng.next();
    let type: LinkType = 'fibre';
    const extra: Partial<LinkDoc> = {};
    if (hub) {
      if (r < 0.2) type = 'leased-line';
    } else if (r < 0.1) type = 'leased-line';
    else if (r < 0.15) type = 'radio';
    else if (r < 0.18) type = 'vpn';
    if (type === 'fibre') Object.assign(extra, { carrier: rng.chance(0.6) ? fibreCarrier : cityCarrier, length_km: km, capacity_gbps: hub ? 10 : 1 });
    else if (type === 'leased-line') Object.assign(extra, { carrier: leasedCarrier, length_km: km, capacity_gbps: hub ? 1 : 0.1, availability: 0.9995 });
    else if (type === 'radio') Object.assign(extra, { length_km: km, capacity_gbps: 1, availability: 0.999 });
    else Object.assign(extra, { carrier: leasedCarrier, capacity_gbps: 0.1, availability: 0.998 });
    const l = net.addLink(id, from, to.device, type, extra);
    office.links.push(l.id);
    if (to.office) {
      to.office.children += 1;
      to.office.links.push(l.id);
    }
    return recordLink(l, to.node);
  };

  orgs.tenants.forEach((tenant, ti) => {
    const count = counts[ti]!;
    const ring = backbone.nodesByDistrict.get(tenant.district)!;
    const home = nearest(ring, tenant.location);
    const second = nearest(ring, tenant.location, home);
    const radius = 1.5 + Math.sqrt(Math.max(tenant.population, 10_000)) / 90;
    const offices: Office[] = [];
    out.byTenant.set(tenant, offices);

    // The hub: town hall or Kreishaus, dual-homed to the ring (to two nodes if it can).
    const hubName = tenant.kind === 'district' ? `Kreishaus ${tenant.name.replace(/^Kreis /, '')}` : `Rathaus ${tenant.name.replace(/^Stadt /, '')}`;
    const hubSite = net.addSite({
      id: net.ids.unique(`${tenant.org.id}-${tenant.kind === 'district' ? 'kreishaus' : 'rathaus'}`),
      name: hubName,
      type: 'office',
      organization: tenant.org.id,
      location: offset(tenant.location, rng.range(-0.3, 0.3), rng.range(-0.3, 0.3)),
      address: `${tenant.kind === 'district' ? 'Kreishausplatz' : 'Markt'} ${rng.int(1, 12)}, ${tenant.name.replace(/^(Stadt|Kreis) /, '')}`,
    });
    const big = tenant.kind !== 'municipality' || tenant.population > 50_000;
    const hub = equip(rng, net, hubSite, tenant, 'hub', true, {
      access: 2,
      firewalls: big ? 2 : 1,
      switches: Math.min(8, Math.max(2, 2 + Math.floor(Math.log2(Math.max(1, (tenant.population || 15_000) / 5_000))))),
      servers: big ? 2 : 1,
    });
    offices.push(hub);
    out.hubs.set(tenant, hub);
    const homeAp: AttachPoint = { device: rng.chance(0.5) ? home.r1 : home.r2, site: home.site.id, location: home.location, weight: 1, node: home };
    const dualNode = ring.length > 1 && rng.chance(0.75);
    const secondAp: AttachPoint = dualNode
      ? { device: second.r1, site: second.site.id, location: second.location, weight: 1, node: second }
      : { device: homeAp.device === home.r1 ? home.r2 : home.r1, site: home.site.id, location: home.location, weight: 1, node: home };
    out.hubUplinks.push([uplink(hub, hub.access[0]!, homeAp, true), uplink(hub, hub.access[1]!, secondAp, true)]);

    const attach: AttachPoint[] = [
      { device: hub.access[0]!, site: hubSite.id, location: hubSite.location!, weight: 3, office: hub },
      { device: hub.access[1]!, site: hubSite.id, location: hubSite.location!, weight: 3, office: hub },
      { ...homeAp, weight: 1 },
      { ...secondAp, weight: 0.5 },
    ];

    // Large towns run their own aggregation ring: hub → city nodes → back to the district ring.
    let previous: AttachPoint = attach[0]!;
    const cityNodes = cityNodeCounts[ti]!;
    for (let i = 1; i <= cityNodes; i++) {
      const t = (2 * Math.PI * i) / cityNodes;
      const site = net.addSite({
        id: net.ids.unique(`${tenant.org.id}-kn${i}`),
        name: `Stadtnetzknoten ${tenant.name.replace(/^Stadt /, '')} ${i}`,
        type: 'node',
        organization: tenant.org.id,
        location: offset(tenant.location, radius * 0.5 * Math.cos(t), radius * 0.5 * Math.sin(t)),
      });
      out.cityNodes.push(site);
      const node: Office = { site, tenant, typeKey: 'node', hub: false, devices: [], links: [], access: [], children: 0 };
      const r1 = net.addDevice(site, 'r1', 'router', 'Router 1').id;
      const r2 = net.addDevice(site, 'r2', 'router', 'Router 2').id;
      node.devices.push(r1, r2);
      node.links.push(net.intra(site, r1, r2, 'fibre', 40).id);
      node.access.push(r1, r2);
      const l = net.addLink(net.nextName(`${site.id}.up`), r1, previous.device, 'fibre', { carrier: cityCarrier, length_km: cableKm(site.location!, previous.location), capacity_gbps: 40 });
      node.links.push(l.id);
      if (previous.office) previous.office.children += 1;
      previous = { device: r2, site: site.id, location: site.location!, weight: 2, office: node };
      attach.push({ device: r1, site: site.id, location: site.location!, weight: 2, office: node }, previous);
      if (i === cityNodes) {
        const back = net.addLink(net.nextName(`${site.id}.up`), r2, second.r1, 'fibre', { carrier: cityCarrier, length_km: cableKm(site.location!, second.location), capacity_gbps: 40 });
        node.links.push(back.id);
        recordLink(back, second);
      }
    }

    // The other offices, in chains of random length.
    const types = tenant.kind === 'district' ? districtOffices : municipalOffices;
    let remaining = count - 1;
    while (remaining > 0) {
      const len = Math.min(remaining, rng.pick(chainLengths));
      remaining -= len;
      const root = rng.weighted(attach, (a) => a.weight);
      const chain: Chain = { tenant, links: [] };
      let prev: AttachPoint | undefined;
      for (let k = 0; k < len; k++) {
        const type = rng.weighted(types, (t) => t.weight);
        // Only the end of a chain gets a second uplink: it closes the chain into a loop.
        const dual = k === len - 1 && rng.chance(0.3);
        const site = net.addSite({
          id: net.ids.unique(`${tenant.org.id}-${type.key}`),
          name: `${type.name} ${tenant.name.replace(/^(Stadt|Kreis) /, '')}`,
          type: 'office',
          organization: tenant.org.id,
          location: scatter(rng, tenant.location, radius),
        });
        const office = equip(rng, net, site, tenant, type.key, false, {
          access: dual ? 2 : 1,
          firewalls: 0,
          switches: rng.int(type.switches[0], type.switches[1]),
          servers: rng.chance(type.server) ? 1 : 0,
        });
        offices.push(office);
        chain.links.push(uplink(office, office.access[0]!, prev ?? root, false));
        if (dual) {
          const others = attach.filter((a) => a.site !== root.site);
          if (others.length) chain.dual = uplink(office, office.access[1]!, rng.weighted(others, (a) => a.weight), false);
        }
        prev = { device: office.access[0]!, site: site.id, location: site.location!, weight: 0, office };
      }
      out.chains.push(chain);
    }
    out.offices.push(...offices);
  });
  return out;
}

/** Device counts of a site. */
interface Kit {
  access: number;
  firewalls: number;
  switches: number;
  servers: number;
}

/**
 * Puts devices into an office and wires them: access devices (or the firewalls behind
 * them) to the first two switches crosswise, further switches to both of those, servers
 * to both. That is the usual redundant office LAN, so most redundancy questions are about
 * the uplinks, where they belong.
 */
function equip(rng: Random, net: NetBuilder, site: SiteDoc, tenant: Tenant, typeKey: string, hub: boolean, kit: Kit): Office {
  const office: Office = { site, tenant, typeKey, hub, devices: [], links: [], access: [], children: 0 };
  const add = (suffix: string, role: DeviceDoc['role'], name: string, extra?: Partial<DeviceDoc>): string => {
    const id = net.addDevice(site, suffix, role, name, extra).id;
    office.devices.push(id);
    return id;
  };
  const wire = (a: string, b: string, gbps: number): void => {
    office.links.push(net.intra(site, a, b, 'copper', gbps).id);
  };
  for (let i = 1; i <= kit.access; i++) office.access.push(add(`acc${i}`, 'access', `Zugangsrouter ${i}`, hub ? { mtbf_h: 90_000, mttr_h: 8 } : undefined));
  const firewalls: string[] = [];
  for (let i = 1; i <= kit.firewalls; i++) firewalls.push(add(`fw${i}`, 'firewall', `Firewall ${i}`));
  const switches: string[] = [];
  for (let i = 1; i <= kit.switches; i++) switches.push(add(`sw${i}`, 'switch', `Switch ${i}`));
  const servers: string[] = [];
  for (let i = 1; i <= kit.servers; i++) {
    servers.push(add(`srv${i}`, 'server', hub ? `Server ${i}` : 'Lokaler Server', { capacity: { vcpu: rng.pick([8, 16]), ram_gb: rng.pick([32, 64]), storage_tb: rng.pick([2, 4]) } }));
  }

  if (office.access.length === 2) wire(office.access[0]!, office.access[1]!, 10);
  for (const fw of firewalls) for (const acc of office.access) wire(acc, fw, 10);
  if (firewalls.length === 2) wire(firewalls[0]!, firewalls[1]!, 10);
  const upstream = firewalls.length ? firewalls : office.access;
  const core = switches.slice(0, 2);
  for (const sw of core) for (const up of upstream) wire(up, sw, 10);
  if (core.length === 2) wire(core[0]!, core[1]!, 10);
  for (const sw of switches.slice(2)) for (const c of core) wire(c, sw, 10);
  for (const srv of servers) for (const c of core) wire(c, srv, 1);
  return office;
}

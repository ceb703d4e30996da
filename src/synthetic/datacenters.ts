/**
 * Data centers: the association's (a primary and maybe a secondary) and one legacy data
 * center per provider. Each is a routed, firewalled core with top-of-rack switch pairs and
 * hosts (virtualisation clusters, servers, storage), dual-homed to the ring. The hosts and
 * their storage-network links are where the device and link targets are met exactly.
 */
import type { Random } from '../util/Random.js';
import { apportion } from './apportion.js';
import { nearest, type Backbone, type RingNode } from './backbone.js';
import { cableKm, offset, scatter } from './geo.js';
import type { NetBuilder } from './netBuilder.js';
import type { Organizations, Provider } from './organizations.js';
import type { DeviceDoc, LatLon, LinkDoc, OrganizationDoc, SiteDoc } from './types.js';

/** A data center and its devices by role. */
export interface Datacenter {
  site: SiteDoc;
  owner: OrganizationDoc;
  provider?: Provider;
  primary: boolean;
  location: LatLon;
  routers: string[];
  firewalls: string[];
  cores: string[];
  /** Storage fabrics A and B, then the backup network's two switches. */
  san: string[];
  tors: string[];
  clusters: string[];
  servers: string[];
  storage: string[];
  /** Links of each host, so a host can be decommissioned with its cabling. */
  hostLinks: Map<string, string[]>;
  /** Uplinks to the ring, in order (first and second node). */
  uplinks: LinkDoc[];
  uplinkNodes: RingNode[];
  /** Dark fibre or leased lines between data centers. */
  interconnects: LinkDoc[];
}

const HOSTS_PER_RACK = 20;
/** Routers, firewalls, core switches, SAN and backup switches: two of each. */
const FIXED_DEVICES = 10;
/** Storage and backup links a host may have beyond its two ToR links. */
const MAX_EXTRA_LINKS = 4;

/** Creates the data-center sites (no devices yet) and the internet site they connect to. */
export function placeDatacenters(rng: Random, net: NetBuilder, orgs: Organizations, associationCount: number, centre: LatLon): { datacenters: Datacenter[]; internet: SiteDoc } {
  const dcs: Datacenter[] = [];
  const make = (id: string, name: string, owner: OrganizationDoc, location: LatLon, certification: string, primary: boolean, provider?: Provider): void => {
    const site = net.addSite({ id: net.ids.claim(id), name, type: 'datacenter', organization: owner.id, location, certification });
    dcs.push({
      site, owner, primary, location, ...(provider && { provider }),
      routers: [], firewalls: [], cores: [], san: [], tors: [], clusters: [], servers: [], storage: [],
      hostLinks: new Map(), uplinks: [], uplinkNodes: [], interconnects: [],
    });
  };
  const primaryAt = scatter(rng, centre, 10);
  for (let i = 1; i <= associationCount; i++) {
    const t = rng.next() * 2 * Math.PI;
    const at = i === 1 ? primaryAt : offset(primaryAt, 40 * Math.cos(t), 30 * Math.sin(t));
    const name = associationCount === 1 ? 'Rechenzentrum des Zweckverbands' : `Rechenzentrum ${i} des Zweckverbands`;
    make(`rz-zv-${i}`, name, orgs.association, at, i === 1 ? 'EN 50600 VK 3' : 'EN 50600 VK 2', i === 1);
  }
  for (const p of orgs.providers) {
    make(`rz-${p.org.id}`, `Rechenzentrum ${p.short}`, p.org, scatter(rng, p.centre, 8), rng.chance(0.5) ? 'EN 50600 VK 2' : 'ISO 27001 auf Basis IT-Grundschutz', false, p);
  }
  // The one site without devices: links may end at it (docs/file-format.md).
  const internet = net.addSite({ id: net.ids.claim('internet'), name: 'Internet (Übergabe DE-CIX Frankfurt)', type: 'internet', location: { lat: 50.1109, lon: 8.6821 } });
  return { datacenters: dcs, internet };
}

/**
 * Fills the data centers with `deviceBudget` devices, wires them, connects them to the
 * ring, the internet and each other, then adds storage and backup links until the estate has
 * `linkTarget` links (as far as four extra links per host allow).
 */
export function equipDatacenters(rng: Random, net: NetBuilder, dcs: readonly Datacenter[], deviceBudget: number, linkTarget: number, backbone: Backbone, internet: SiteDoc, carriers: readonly string[]): void {
  const [fibreCarrier, leasedCarrier] = carriers as [string, string];
  const budgets = apportion(
    Math.max(deviceBudget, dcs.length * (FIXED_DEVICES + 6)),
    dcs.map((dc) => (dc.provider ? 2 : dc.primary ? 4 : 2.5)),
    FIXED_DEVICES + 6,
  );
  const hosts: { dc: Datacenter; id: string }[] = [];

  dcs.forEach((dc, i) => {
    const site = dc.site;
    const wire = (a: string, b: string, gbps: number, host?: string): void => {
      const l = net.intra(site, a, b, 'fibre', gbps);
      if (host) dc.hostLinks.get(host)!.push(l.id);
    };
    const dev = (suffix: string, role: DeviceDoc['role'], name: string, extra?: Partial<DeviceDoc>): string => net.addDevice(site, suffix, role, name, extra).id;
    const core = { mtbf_h: 200_000, mttr_h: 4 };
    dc.routers.push(dev('r1', 'router', 'Core-Router 1', core), dev('r2', 'router', 'Core-Router 2', core));
    dc.firewalls.push(dev('fw1', 'firewall', 'Firewall 1', core), dev('fw2', 'firewall', 'Firewall 2', core));
    dc.cores.push(dev('core1', 'switch', 'Core-Switch 1', core), dev('core2', 'switch', 'Core-Switch 2', core));
    dc.san.push(dev('san1', 'switch', 'SAN-Fabric A'), dev('san2', 'switch', 'SAN-Fabric B'), dev('bk1', 'switch', 'Backup-Switch 1'), dev('bk2', 'switch', 'Backup-Switch 2'));
    wire(dc.routers[0]!, dc.routers[1]!, 100);
    for (const r of dc.routers) for (const f of dc.firewalls) wire(r, f, 40);
    wire(dc.firewalls[0]!, dc.firewalls[1]!, 40);
    for (const f of dc.firewalls) for (const c of dc.cores) wire(f, c, 40);
    wire(dc.cores[0]!, dc.cores[1]!, 100);
    // Storage and backup switches hang off the core too (management, backup traffic), so
    // none of them is ever an island even when no host uses it.
    for (let k = 0; k < 4; k++) wire(dc.cores[k % 2]!, dc.san[k]!, 10);

    // Hosts fill what is left of the budget after the fixed core and two ToRs per rack.
    const free = budgets[i]! - FIXED_DEVICES;
    const racks = Math.max(1, Math.round(free / (HOSTS_PER_RACK + 2)));
    const hostCount = Math.max(4, free - 2 * racks);
    const clusters = Math.max(2, Math.round(hostCount * 0.06));
    const storage = Math.max(1, Math.round(hostCount * 0.03));
    const servers = Math.max(1, hostCount - clusters - storage);
    const w = (n: number): number => String(n).length;
    for (let r = 1; r <= racks; r++) {
      const tag = String(r).padStart(w(racks), '0');
      const a = dev(`tor${tag}a`, 'switch', `ToR-Switch ${tag}a`);
      const b = dev(`tor${tag}b`, 'switch', `ToR-Switch ${tag}b`);
      dc.tors.push(a, b);
      for (const c of dc.cores) {
        wire(c, a, 100);
        wire(c, b, 100);
      }
      wire(a, b, 100);
    }
    let slot = 0;
    const host = (suffix: string, role: DeviceDoc['role'], name: string, extra: Partial<DeviceDoc>): string => {
      const id = dev(suffix, role, name, extra);
      dc.hostLinks.set(id, []);
      const rack = Math.min(racks - 1, Math.floor((slot++ * racks) / (clusters + storage + servers)));
      wire(dc.tors[2 * rack]!, id, 25, id);
      wire(dc.tors[2 * rack + 1]!, id, 25, id);
      hosts.push({ dc, id });
      return id;
    };
    for (let k = 1; k <= clusters; k++) {
      const tag = String(k).padStart(2, '0');
      const nodes = rng.pick([4, 6, 8, 12]);
      dc.clusters.push(host(`vc${tag}`, 'cluster', `Virtualisierungscluster ${tag}`, { availability: 0.99995, capacity: { vcpu: nodes * 64, ram_gb: nodes * 768, rack_units: nodes * 2, power_kw: nodes * 0.8 } }));
    }
    for (let k = 1; k <= storage; k++) {
      const tag = String(k).padStart(2, '0');
      dc.storage.push(host(`st${tag}`, 'storage', `Speichersystem ${tag}`, { mtbf_h: 300_000, mttr_h: 4, capacity: { storage_tb: rng.pick([200, 400, 800, 1200]), rack_units: 8, power_kw: 4 } }));
    }
    for (let k = 1; k <= servers; k++) {
      const tag = String(k).padStart(Math.max(3, w(servers)), '0');
      dc.servers.push(host(`srv${tag}`, 'server', `Server ${tag}`, { capacity: { vcpu: rng.pick([32, 48, 64]), ram_gb: rng.pick([256, 512, 768]), rack_units: rng.pick([1, 2]), power_kw: 0.6 } }));
    }
    site.capacity = { racks: racks + 4, power_kw: Math.round(12 + clusters * 6 + storage * 4 + servers * 0.6) };

    // Dual-homed to the two nearest ring nodes.
    const first = nearest(backbone.nodes, dc.location);
    const second = nearest(backbone.nodes, dc.location, first);
    dc.uplinkNodes.push(first, second);
    dc.uplinks.push(
      net.addLink(`${site.id}.up1`, dc.routers[0]!, first.r1, 'fibre', { carrier: fibreCarrier, length_km: cableKm(dc.location, first.location), capacity_gbps: 100 }),
      net.addLink(`${site.id}.up2`, dc.routers[1]!, second.r2, 'fibre', { carrier: fibreCarrier, length_km: cableKm(dc.location, second.location), capacity_gbps: 100 }),
    );
    net.addLink(`${site.id}.inet1`, dc.routers[0]!, internet.id, 'leased-line', { carrier: leasedCarrier, capacity_gbps: 10, availability: 0.9995 });
    net.addLink(`${site.id}.inet2`, dc.routers[1]!, internet.id, 'leased-line', { carrier: fibreCarrier, capacity_gbps: 10, availability: 0.9995 });
  });

  // The association's data centers are joined by two dark fibres; each provider's old data
  // center by a leased line to the primary, which carries the migrations.
  const [primary, ...others] = dcs;
  for (const dc of others) {
    if (!primary) break;
    if (!dc.provider) {
      for (let k = 0; k < 2; k++) {
        dc.interconnects.push(net.addLink(`${dc.site.id}.dci${k + 1}`, dc.routers[k]!, primary.routers[k]!, 'fibre', { name: `Kopplung ${primary.site.name} – ${dc.site.name}`, carrier: fibreCarrier, length_km: cableKm(dc.location, primary.location), capacity_gbps: 400 }));
      }
    } else {
      dc.interconnects.push(net.addLink(`${dc.site.id}.dci1`, dc.routers[0]!, primary.routers[1]!, 'leased-line', { name: `Migrationsleitung ${dc.site.name}`, carrier: leasedCarrier, length_km: cableKm(dc.location, primary.location), capacity_gbps: 10, availability: 0.9995 }));
    }
  }

  // Storage and backup links (fabric A, B, backup 1, 2) are the slack that meets the link target.
  const extra = Math.min(MAX_EXTRA_LINKS * hosts.length, Math.max(0, linkTarget - net.links.length));
  const each = Math.floor(extra / hosts.length);
  const more = new Set(rng.shuffle(hosts.map((_, i) => i)).slice(0, extra - each * hosts.length));
  hosts.forEach((h, i) => {
    const n = each + (more.has(i) ? 1 : 0);
    for (let k = 0; k < n; k++) {
      const l = net.intra(h.dc.site, h.id, h.dc.san[k]!, 'fibre', k < 2 ? 32 : 10);
      h.dc.hostLinks.get(h.id)!.push(l.id);
    }
  });
}

/**
 * Rule: devices → devices; virtual chassis → a tag on their members; clusters → devices of
 * role `cluster` at their site (docs/netbox.md, "Devices"). Unnamed devices (patch panels,
 * chassis members) get an id from their `display` and NetBox id.
 */
import { choiceValue, displayOf, nbTags, refField, refId, type MappingContext } from './MappingContext.js';

/** NetBox role slug → Verbund role, unless the mapping file says otherwise. */
function defaultRole(slug: string): string {
  if (slug.includes('access')) return 'access';
  if (slug.includes('router')) return 'router';
  if (slug.includes('firewall')) return 'firewall';
  if (slug.includes('switch')) return 'switch';
  if (slug.includes('storage')) return 'storage';
  if (slug.includes('server')) return 'server';
  return 'other';
}

/** NetBox status → Verbund device status; planned ones are flagged (no install date in NetBox). */
function deviceStatus(value: string | undefined): 'active' | 'planned' | 'retired' {
  if (value === 'planned' || value === 'staged') return 'planned';
  if (value === 'decommissioning' || value === 'offline' || value === 'failed' || value === 'inventory') return 'retired';
  return 'active';
}

/** The wanted id of an unnamed device: its display, with the NetBox id unless the display shows it. */
function unnamedId(display: string, id: number): string {
  return new RegExp(`\\b${id}\\b`).test(display) ? display : `${display}-${id}`;
}

export function mapDevices(ctx: MappingContext): void {
  const roles = ctx.map.roles ?? {};
  const chassis = new Map(ctx.list('dcim.virtual-chassis').map((vc) => [vc.id, vc]));
  for (const d of ctx.list('dcim.devices')) {
    const site = ctx.get('dcim.site', refId(d.site) ?? -1);
    if (!site) {
      ctx.report.skip('dcim.devices', d, 'its site is not in the pull');
      continue;
    }
    const roleSlug = refField(d.role, 'slug') ?? refField(d.device_role, 'slug') ?? '';
    const named = typeof d.name === 'string' && d.name !== '';
    const vc = chassis.get(refId(d.virtual_chassis) ?? -1);
    const status = deviceStatus(choiceValue(d.status));
    const rack = refField(d.rack, 'name');
    const o = ctx.add('device', 'dcim.device', d.id, named ? d.name! : unnamedId(d.display ?? 'device', d.id), {
      name: displayOf(d),
      site: site.id,
      role: roles[roleSlug] ?? defaultRole(roleSlug),
      status,
      tags: [`netbox-role:${roleSlug}`, ...(rack ? [`rack:${rack}`.slice(0, 64)] : []), ...(vc ? [`virtual-chassis:${displayOf(vc)}`.slice(0, 64)] : []), ...nbTags(d)],
    });
    if (status === 'planned') ctx.report.flag(o.id, `NetBox status "${choiceValue(d.status)}": imported as planned now (NetBox has no install date)`);
    ctx.report.outcome('dcim.devices', 'device');
  }
  for (const _ of chassis.values()) ctx.report.outcome('dcim.virtual-chassis', 'tag virtual-chassis:<name> on its member devices');
  mapClusters(ctx);
}

/** A cluster runs where its scope (a site) or its member devices are; VMs are its instances. */
function mapClusters(ctx: MappingContext): void {
  const memberSites = new Map<number, Set<string>>();
  for (const d of ctx.pull.lists['dcim.devices']) {
    const c = refId(d.cluster);
    const o = ctx.get('dcim.device', d.id);
    if (c !== undefined && o) (memberSites.get(c) ?? memberSites.set(c, new Set()).get(c)!).add(o.fields.site as string);
  }
  const placed = new Set<number>();
  for (const c of ctx.list('virtualization.clusters')) {
    const scopeSite = c.scope_type === 'dcim.site' ? ctx.get('dcim.site', refId(c.scope) ?? -1) : undefined;
    const sites = memberSites.get(c.id);
    const site = scopeSite?.id ?? (sites?.size === 1 ? [...sites][0] : undefined);
    if (site === undefined) {
      ctx.report.skip('virtualization.clusters', c, sites && sites.size > 1 ? `its member devices are at ${sites.size} sites and it has no site scope` : 'no site: neither a site scope nor member devices');
      continue;
    }
    ctx.add('device', 'virtualization.cluster', c.id, displayOf(c), { name: displayOf(c), site, role: 'cluster', status: deviceStatus(choiceValue(c.status)), tags: [`netbox-cluster-type:${refField(c.type, 'slug') ?? ''}`, ...nbTags(c)] });
    placed.add(c.id);
    ctx.report.outcome('virtualization.clusters', 'device (cluster)');
  }
  for (const vm of ctx.list('virtualization.virtual-machines')) {
    const c = refId(vm.cluster);
    if (c !== undefined && placed.has(c)) ctx.report.outcome('virtualization.virtual-machines', 'application instance on its cluster (through the mapping file)');
    else ctx.report.skip('virtualization.virtual-machines', vm, c === undefined ? 'no cluster' : `its cluster ${refField(vm.cluster, 'display') ?? c} has no site, so it is not a device`);
  }
}

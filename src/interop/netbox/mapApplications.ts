/**
 * Rule: applications and usages from the mapping file (docs/netbox.md, "Applications"). NetBox
 * has no application model; the file names the NetBox objects an application runs on (a
 * device by name or display, `cluster:NAME`, or `vm:NAME`, which runs on its cluster) and the
 * tenants and sites that use it. Their source is `netbox:map.application:<id>`: a sync owns
 * them like the rest of the pull.
 */
import { VerbundError, type Problem } from '../../model/errors.js';
import { displayOf, refId, type MappedObject, type MappingContext } from './MappingContext.js';

export function mapApplications(ctx: MappingContext, mapFile: string): void {
  const apps = ctx.map.applications ?? [];
  const usages = ctx.map.usages ?? [];
  if (!apps.length && !usages.length) return;
  const problems: Problem[] = [];
  const bad = (field: string, message: string): void => {
    problems.push({ code: 'INVALID_INPUT', file: mapFile, field, message });
  };
  const byName = new Map<string, MappedObject>();
  for (const d of ctx.pull.lists['dcim.devices']) {
    const o = ctx.get('dcim.device', d.id);
    if (o) for (const n of [d.name, d.display]) if (typeof n === 'string' && n !== '') byName.set(n, o);
  }
  for (const c of ctx.pull.lists['virtualization.clusters']) {
    const o = ctx.get('virtualization.cluster', c.id);
    if (o) byName.set(`cluster:${displayOf(c)}`, o);
  }
  for (const vm of ctx.pull.lists['virtualization.virtual-machines']) {
    const o = ctx.get('virtualization.cluster', refId(vm.cluster) ?? -1);
    if (o) byName.set(`vm:${displayOf(vm)}`, o);
  }
  const bySlug = (type: string, endpoint: 'tenancy.tenants' | 'dcim.sites', slug: string): MappedObject | undefined => {
    const nb = ctx.pull.lists[endpoint].find((x) => x.slug === slug);
    return nb && ctx.get(type, nb.id);
  };
  const appIds = new Map<string, string>();
  apps.forEach((a, i) => {
    const instances = a.instances.map((n, j) => {
      const o = byName.get(n);
      if (!o) bad(`applications[${i}].instances[${j}]`, `no imported NetBox device, cluster:NAME or vm:NAME "${n}"`);
      return o?.id;
    });
    const o = ctx.add('application', 'map.application', a.id, a.id, {
      name: a.name,
      ...(a.category !== undefined && { category: a.category }),
      ...(a.product !== undefined && { product: a.product }),
      instances: [...new Set(instances.filter((x): x is string => x !== undefined))],
      ...(a.target_availability !== undefined && { target_availability: a.target_availability }),
    });
    appIds.set(a.id, o.id);
  });
  apps.forEach((a, i) => {
    const deps = (a.depends_on ?? []).map((d, j) => appIds.get(d) ?? (bad(`applications[${i}].depends_on[${j}]`, `no application "${d}" in the mapping file`), undefined));
    if (deps.length) ctx.get('map.application', a.id)!.fields.depends_on = deps.filter((x): x is string => x !== undefined);
  });
  usages.forEach((u, i) => {
    const tenant = bySlug('tenancy.tenant', 'tenancy.tenants', u.tenant);
    if (!tenant) bad(`usages[${i}].tenant`, `no NetBox tenant with slug "${u.tenant}"`);
    const app = appIds.get(u.application);
    if (!app) bad(`usages[${i}].application`, `no application "${u.application}" in the mapping file`);
    const sites = u.sites.map((s, j) => bySlug('dcim.site', 'dcim.sites', s)?.id ?? (bad(`usages[${i}].sites[${j}]`, `no NetBox site with slug "${s}"`), undefined));
    const key = u.id ?? `${u.tenant}-${u.application}`;
    ctx.add('usage', 'map.usage', key, key, {
      name: `${(tenant?.fields.name as string | undefined) ?? u.tenant} uses ${u.application}`,
      tenant: tenant?.id ?? u.tenant,
      application: app ?? u.application,
      sites: sites.filter((x): x is string => x !== undefined),
      ...(u.users !== undefined && { users: u.users }),
    });
  });
  if (problems.length) throw new VerbundError('INVALID_INPUT', `${mapFile}: ${problems.length} reference${problems.length === 1 ? '' : 's'} of the mapping file name nothing in the pull`, problems);
}

/**
 * Rule: tenants → organizations, providers → carriers (docs/netbox.md, "Tenants and providers").
 * A tenant is a municipality when its tenant group or one of its tags is listed in the mapping
 * file; otherwise it gets the default type (provider). Tenant groups are kept as tags.
 */
import { displayOf, nbTags, refField, type MappingContext } from './MappingContext.js';

export function mapOrganizations(ctx: MappingContext): void {
  const t = ctx.map.tenants ?? {};
  const municipalGroups = new Set(t.municipality_groups ?? []);
  const municipalTags = new Set(t.municipality_tags ?? []);
  for (const _ of ctx.list('tenancy.tenant-groups')) ctx.report.outcome('tenancy.tenant-groups', 'tag tenant-group:<slug> on its tenants');
  for (const tenant of ctx.list('tenancy.tenants')) {
    const group = refField(tenant.group, 'slug');
    const tagSlugs = (tenant.tags ?? []).map((x) => x.slug ?? '');
    const municipal = (group !== undefined && municipalGroups.has(group)) || tagSlugs.some((s) => municipalTags.has(s));
    ctx.add('organization', 'tenancy.tenant', tenant.id, tenant.slug ?? displayOf(tenant), {
      name: displayOf(tenant),
      type: municipal ? 'municipality' : (t.default_type ?? 'provider'),
      tags: [...(group ? [`tenant-group:${group}`] : []), ...nbTags(tenant)],
    });
    ctx.report.outcome('tenancy.tenants', 'organization');
  }
  for (const p of ctx.list('circuits.providers')) {
    ctx.add('organization', 'circuits.provider', p.id, p.slug ?? displayOf(p), { name: displayOf(p), type: 'carrier', tags: nbTags(p) });
    ctx.report.outcome('circuits.providers', 'organization (carrier)');
  }
}

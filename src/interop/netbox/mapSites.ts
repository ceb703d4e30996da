/**
 * Rule: sites → sites, provider networks → sites of type `exchange` (docs/netbox.md, "Sites").
 * The type comes from the first rule of the mapping file whose tag, site group or region
 * matches, else the default (office). Regions and site groups are kept as tags. Coordinates
 * are taken when NetBox has both; a site without them is flagged.
 */
import { displayOf, nbTags, refField, refId, type MappingContext } from './MappingContext.js';

export function mapSites(ctx: MappingContext): void {
  const rules = ctx.map.sites?.types ?? [];
  for (const _ of ctx.list('dcim.regions')) ctx.report.outcome('dcim.regions', 'tag region:<slug> on its sites');
  for (const _ of ctx.list('dcim.site-groups')) ctx.report.outcome('dcim.site-groups', 'tag site-group:<slug> on its sites');
  for (const s of ctx.list('dcim.sites')) {
    const group = refField(s.group, 'slug');
    const region = refField(s.region, 'slug');
    const tagSlugs = (s.tags ?? []).map((x) => x.slug ?? '');
    const rule = rules.find((r) => (r.tag !== undefined && tagSlugs.includes(r.tag)) || (r.group !== undefined && r.group === group) || (r.region !== undefined && r.region === region));
    const tenant = refId(s.tenant);
    const org = tenant === undefined ? undefined : ctx.get('tenancy.tenant', tenant);
    const lat = typeof s.latitude === 'number' ? s.latitude : undefined;
    const lon = typeof s.longitude === 'number' ? s.longitude : undefined;
    const address = typeof s.physical_address === 'string' && s.physical_address.trim() !== '' ? s.physical_address.replace(/\r\n/g, '\n').trim() : undefined;
    const o = ctx.add('site', 'dcim.site', s.id, s.slug ?? displayOf(s), {
      name: displayOf(s),
      type: rule?.type ?? ctx.map.sites?.default_type ?? 'office',
      ...(org && { organization: org.id }),
      ...(lat !== undefined && lon !== undefined && { location: { lat, lon } }),
      ...(address !== undefined && { address }),
      tags: [...(region ? [`region:${region}`] : []), ...(group ? [`site-group:${group}`] : []), ...nbTags(s)],
    });
    if (lat === undefined || lon === undefined) ctx.report.flag(o.id, 'no coordinates in NetBox (latitude/longitude): the site has no location and no place on the map');
    ctx.report.outcome('dcim.sites', 'site');
  }
  for (const n of ctx.list('circuits.provider-networks')) {
    const provider = refId(n.provider);
    const org = provider === undefined ? undefined : ctx.get('circuits.provider', provider);
    ctx.add('site', 'circuits.providernetwork', n.id, displayOf(n), {
      name: displayOf(n),
      type: 'exchange',
      ...(org && { organization: org.id }),
      tags: ['netbox:provider-network', ...nbTags(n)],
    });
    ctx.report.outcome('circuits.provider-networks', 'site (exchange)');
  }
}

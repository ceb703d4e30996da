/**
 * Usages: which tenant uses which application at which of its sites, by how many people.
 * A tenant adopts the common Fachverfahren and, the bigger it is, more of the rest; large
 * tenants have several organisational units (and so usages) per application, each at its
 * own sites.
 */
import type { Random } from '../util/Random.js';
import { apportion } from './apportion.js';
import type { Applications } from './applications.js';
import { specialist, type Category } from './catalog.js';
import type { IdRegistry } from './names.js';
import type { OfficeNetwork } from './offices.js';
import type { Organizations, Tenant } from './organizations.js';
import type { UsageDoc } from './types.js';

/** Categories every tenant that may use them does use. */
const CORE = 8;

function applies(c: Category, t: Tenant): boolean {
  if (!c.tenants || t.kind === 'city') return true;
  return c.tenants === (t.kind === 'district' ? 'district' : 'municipality');
}

/** Builds `target` usages (as near as the tenants' adopted applications allow). */
export function buildUsages(rng: Random, orgs: Organizations, apps: Applications, offices: OfficeNetwork, target: number, ids: IdRegistry): UsageDoc[] {
  const adopted = orgs.tenants.map((t) => {
    const p = t.kind === 'municipality' ? 0.45 + 0.5 * Math.min(1, t.population / 50_000) : 0.85;
    return specialist.filter((c, i) => applies(c, t) && apps.appFor(t.group, c.key) && (i < CORE || rng.chance(p)));
  });
  const meanWeight = orgs.tenants.reduce((s, t) => s + t.weight, 0) / orgs.tenants.length;
  const budgets = apportion(
    target,
    orgs.tenants.map((t) => t.weight + 0.5 * meanWeight),
    1,
  );

  const out: UsageDoc[] = [];
  orgs.tenants.forEach((tenant, ti) => {
    const cats = adopted[ti]!;
    if (!cats.length) return;
    const budget = budgets[ti]!;
    // Fewer usages than categories: the most common categories win.
    const used = cats.slice(0, Math.min(cats.length, budget));
    const units = apportion(budget, used.map((c) => c.units), 1);
    const list = offices.byTenant.get(tenant)!;
    const hub = offices.hubs.get(tenant)!;
    const others = list.filter((o) => !o.hub);
    let n = 0;
    let cursor = rng.int(0, Math.max(0, others.length - 1));
    // Staff of the administration: roughly one per 90 inhabitants; a Kreis administration ~800.
    const staff = tenant.kind === 'district' ? 800 : Math.max(20, tenant.population / 90);
    used.forEach((c, ci) => {
      const app = apps.appFor(tenant.group, c.key)!;
      const count = units[ci]!;
      for (let u = 0; u < count; u++) {
        // The first unit sits in the town hall; further units in the other offices in turn.
        const office = u === 0 || !others.length ? hub : others[cursor++ % others.length]!;
        const sites = office === hub || !rng.chance(0.2) ? [office.site.id] : [office.site.id, hub.site.id];
        const usage: UsageDoc = {
          id: ids.claim(`u.${tenant.org.id}.${++n}`),
          name: u === 0 ? `${c.name} ${tenant.name}` : `${c.name} ${office.site.name}`,
          tenant: tenant.org.id,
          application: app.doc.id,
          sites,
          users: Math.max(1, Math.round((staff * c.units * rng.range(0.5, 1.5)) / 10 / count)),
        };
        out.push(usage);
      }
    });
  });
  return out;
}

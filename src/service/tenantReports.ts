/**
 * The analyses as a tenant sees them: only its services (usages), and nothing that names
 * other tenants or describes the network beyond what breaks its own services.
 */
import type { CheckReport, ServiceRef, WhatIfReport } from '../contracts/index.js';
import { cycleMessage } from '../model/dependencyCycles.js';
import { continuityWarnings, type ContinuityReport } from './continuityReport.js';
import type { Scope } from './tenantScope.js';

/**
 * A check report as a tenant may see it; unchanged for staff. The route asks the check for
 * the tenant's services only (so the summary, the pages, the applications and the warnings
 * count only them); this removes what describes everybody's network, and keeps the lists to
 * what the tenant may see.
 */
export function scopeCheck(r: CheckReport, scope: Scope): CheckReport {
  if (scope.tenant === null) return r;
  const mine = (s: ServiceRef): boolean => scope.visible(s.usage);
  // A cycle through an application it uses lies in that application's dependency closure: all visible.
  const cycles = r.dependencyCycles.filter((c) => c.applications.every((id) => scope.visible(id)));
  const cycleWarnings = new Set(r.dependencyCycles.map(cycleMessage));
  const applications = r.applications.filter((a) => scope.visible(a.application));
  const services = r.services.filter(mine);
  // The applications of its services; of a check asked for its services only (a page of them
  // listed), the continuity lists their applications already: those it may see.
  const used = new Set([...services.map((s) => s.application), ...r.continuity.applications.map((a) => a.application).filter((id) => scope.visible(id))]);
  return {
    ...r,
    services,
    spofs: r.spofs
      .map((sp) => ({ ...sp, breaks: sp.breaks.filter(mine), tenants: sp.tenants.filter((t) => t.tenant === scope.tenant) }))
      .filter((sp) => sp.tenants.length > 0),
    applications,
    dependencyCycles: cycles,
    // The acceptances' warnings are the tenant's already (the check was asked for its services).
    warnings: [...r.warnings.filter((w) => !cycleWarnings.has(w)), ...cycles.map(cycleMessage)],
    continuity: scopeContinuity(r.continuity, used, scope),
    // The raw-network facts describe everybody's network: not the tenant's to see.
    network: { nodes: 0, links: 0, components: 0, articulationPoints: [], bridges: [], biconnectedComponents: [] },
    declared: [],
    problems: [],
  };
}

/** The tenant's applications only; a test's id and the elements it failed are the operator's, unless visible. */
function scopeContinuity(c: ContinuityReport, used: ReadonlySet<string>, scope: Scope): ContinuityReport {
  const applications = c.applications
    .filter((a) => used.has(a.application))
    .map((a) => ({ ...a, lastTest: a.lastTest && { ...a.lastTest, id: null, failed: a.lastTest.failed.filter((id) => scope.visible(id)) } }));
  return { applications, warnings: continuityWarnings(applications) };
}

/** A what-if report restricted to the scope's services; unchanged for staff. */
export function scopeWhatIf(r: WhatIfReport, scope: Scope): WhatIfReport {
  if (scope.tenant === null) return r;
  const mine = (s: ServiceRef): boolean => scope.visible(s.usage);
  const down = r.down.filter(mine);
  const degraded = r.degraded.filter(mine);
  const byApplication = new Map<string, { down: number; degraded: number; users: number }>();
  for (const s of down) tally(byApplication, s.application, 'down', s.users);
  for (const s of degraded) tally(byApplication, s.application, 'degraded', 0);
  return {
    ...r,
    // Which ids resolved would tell what exists; the components name everybody's devices.
    unresolved: [],
    components: [],
    down,
    degraded,
    byTenant: r.byTenant.filter((t) => t.tenant === scope.tenant),
    byApplication: [...byApplication].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([application, v]) => ({ application, ...v })),
  };
}

function tally(rows: Map<string, { down: number; degraded: number; users: number }>, key: string, field: 'down' | 'degraded', users: number): void {
  const row = rows.get(key) ?? { down: 0, degraded: 0, users: 0 };
  row[field]++;
  row.users += users;
  rows.set(key, row);
}

/**
 * The continuity and resilience report of the estate at a date (docs/continuity.md), as
 * data: summary of the verdicts, SPOFs per application and per municipality with what they
 * break, accepted risks, data-center distances against the BSI thresholds, availability
 * against targets, recovery targets against the restore order of the worst scenario,
 * failover tests, and the changes since a previous date. A tenant's report is built from
 * the same tenant views the API serves (tenantReports.ts): it never names what the tenant
 * may not see. Rendering (HTML, Markdown, PDF) is src/report's job.
 */
import type { GeoThresholds } from '../engine/datacenterDistances.js';
import { VerbundError } from '../model/errors.js';
import { parseInstant, type TimeKey } from '../timeline/time.js';
import type { Principal } from './AccountService.js';
import { AnalysisService } from './AnalysisService.js';
import type { AnalysisRunner } from './analysisTask.js';
import type { CheckSummary, SpofOut } from './checkReport.js';
import type { ContinuityReport } from './continuityReport.js';
import type { EstateService } from './EstateService.js';
import type { RestorePlanOptions } from './restorePlan.js';
import { availabilityAgainstTargets, recoveryAgainstRestore, type AuditRecovery, type AvailabilityAgainstTarget } from './recoveryTargets.js';

export type { AuditRecovery } from './recoveryTargets.js';
import { scopeCheck } from './tenantReports.js';
import { scopeOf, type Scope } from './tenantScope.js';

/** Options of {@link auditReport}. */
export interface AuditOptions {
  readonly at: string;
  /** Who reads it: a tenant principal gets its own services only. */
  readonly principal: Principal;
  /** List the changes since this date. */
  readonly since?: string | undefined;
  /** The disaster to measure recovery targets against; default: the worst single data-center loss. */
  readonly scenario?: Partial<RestorePlanOptions> | undefined;
  /** Seconds the restore MIP may take per scenario (default 10). */
  readonly timeLimit?: number | undefined;
  /**
   * The analyses to use (the API's: check and availability in its pool, results cached);
   * default a new one in this thread.
   */
  readonly analysis?: AnalysisService | undefined;
  /** Where the restore solves run (the API: its analysis pool); default this thread. */
  readonly runner?: AnalysisRunner | undefined;
  /** Cancels the analyses (the client went away). */
  readonly signal?: AbortSignal | undefined;
}

/** A SPOF as one line of the report. */
export interface AuditSpof {
  readonly element: string;
  readonly kind: string;
  readonly gap: SpofOut['gap'];
  readonly status: SpofOut['status'];
  readonly services: number;
  readonly users: number;
  readonly tenants: string[];
  readonly applications: string[];
}

/** The report as data. */
export interface AuditReport {
  readonly at: TimeKey;
  readonly since: TimeKey | null;
  readonly tenant: { id: string; name: string } | null;
  /** The estate version: baseline change sets applied by `at`, and the last of them (for a tenant only its date: change sets are the operator's). */
  readonly version: { changesets: number; last: { id: string | null; effective: string } | null };
  readonly summary: CheckSummary;
  readonly spofs: AuditSpof[];
  readonly byApplication: { application: string; name: string; services: number; users: number; spofs: string[] }[];
  readonly byTenant: { tenant: string; name: string; services: number; users: number; spofs: string[] }[];
  readonly acceptedRisks: { element: string; id: string; reason: string; acceptedBy: string; acceptedOn: string; reviewBy: string; expired: boolean }[];
  readonly distances: { thresholds: GeoThresholds; applications: { application: string; sites: string[]; distanceKm: number | null; flag: string }[] };
  readonly availability: AvailabilityAgainstTarget[];
  readonly recovery: AuditRecovery;
  readonly failoverTests: ContinuityReport;
  readonly changes: { changesets: { id: string; title: string; effective: string }[]; added: { id: string; kind: string }[]; removed: { id: string; kind: string }[]; changed: { id: string; kind: string; fields: string[] }[] } | null;
  readonly warnings: string[];
}

/** Builds the report. */
export async function auditReport(service: EstateService, o: AuditOptions): Promise<AuditReport> {
  const at = parseInstant(o.at, 'at');
  const since = o.since === undefined ? null : parseInstant(o.since, 'since');
  if (since !== null && since > at) throw new VerbundError('USAGE', `--since ${since.slice(0, 10)} is after --at ${at.slice(0, 10)}`);
  const analysis = o.analysis ?? new AnalysisService(service);
  const snapshot = await analysis.snapshot({ at });
  const { signal } = o;
  const estate = snapshot.estate;
  const scope = scopeOf(o.principal, estate);
  if (scope.tenant !== null && estate.get(scope.tenant)?.kind !== 'organization') throw new VerbundError('NOT_FOUND', `no organization "${scope.tenant}" at ${at.slice(0, 10)}`);
  // A tenant's check is asked for its own services (summary and SPOFs count only them).
  const check = scopeCheck(await analysis.check({ snapshot, signal }, scope.tenant === null ? {} : { tenant: scope.tenant }), scope);
  const nameOf = (id: string): string => (estate.get(id)?.name as string | undefined) ?? id;

  const spofs: AuditSpof[] = check.spofs.map((sp) => ({
    element: sp.element,
    kind: sp.kind,
    gap: sp.gap,
    status: sp.status,
    services: sp.breaks.length,
    users: sp.breaks.reduce((n, b) => n + b.users, 0),
    tenants: sp.tenants.map((t) => t.tenant),
    applications: [...new Set(sp.breaks.map((b) => b.application))].sort(),
  }));
  const tally = (key: 'application' | 'tenant'): { id: string; services: number; users: number; spofs: string[] }[] => {
    const rows = new Map<string, { services: number; users: number; spofs: Set<string> }>();
    for (const s of check.services) {
      const row = rows.get(s[key]) ?? { services: 0, users: 0, spofs: new Set<string>() };
      row.services++;
      row.users += s.users;
      rows.set(s[key], row);
    }
    for (const sp of check.spofs) for (const b of sp.breaks) rows.get(b[key])?.spofs.add(sp.element);
    return [...rows].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([id, r]) => ({ id, services: r.services, users: r.users, spofs: [...r.spofs].sort() }));
  };

  const availability = availabilityAgainstTargets(await analysis.availability({ snapshot, signal, maxOrder: 2 }), scope, nameOf);

  const headers = (await service.changeSets()).filter((h) => (h.status === 'done' || h.status === 'scheduled') && h.effectiveKey <= at);
  const last = headers.sort((a, b) => (a.effectiveKey < b.effectiveKey ? -1 : a.effectiveKey > b.effectiveKey ? 1 : a.seq - b.seq))[headers.length - 1];

  return {
    at,
    since,
    tenant: scope.tenant === null ? null : { id: scope.tenant, name: nameOf(scope.tenant) },
    version: { changesets: headers.length, last: last ? { id: scope.tenant === null ? last.id : null, effective: last.effectiveKey } : null },
    summary: check.summary,
    spofs,
    byApplication: tally('application').map(({ id, ...r }) => ({ application: id, name: nameOf(id), ...r })),
    byTenant: tally('tenant').map(({ id, ...r }) => ({ tenant: id, name: nameOf(id), ...r })),
    acceptedRisks: check.spofs.flatMap((sp) => (sp.acceptance ? [{ element: sp.element, ...sp.acceptance }] : [])),
    distances: { thresholds: check.georedundancy, applications: check.applications.filter((a) => a.datacenters.sites.length > 0).map((a) => ({ application: a.application, ...a.datacenters })) },
    availability,
    recovery: await recoveryAgainstRestore(service, estate, scope, at, { scenario: o.scenario, timeLimit: o.timeLimit ?? 10, runner: o.runner, signal }),
    failoverTests: check.continuity,
    changes: since === null ? null : await changesSince(service, scope, since, at),
    warnings: [...check.warnings, ...check.continuity.warnings],
  };
}

/** What changed between two dates, as far as the reader may see. */
async function changesSince(service: EstateService, scope: Scope, since: TimeKey, at: TimeKey): Promise<NonNullable<AuditReport['changes']>> {
  const d = await service.diff(since, at);
  const ref = (o: { id: string; kind: string }): { id: string; kind: string } => ({ id: o.id, kind: o.kind });
  return {
    // Change-set titles speak of everybody's estate: a tenant sees only its objects' changes.
    changesets: scope.tenant === null ? d.changesets.map((c) => ({ id: c.id, title: c.title, effective: c.effectiveKey })) : [],
    added: d.added.filter((o) => scope.visible(o.id)).map(ref),
    removed: d.removed.filter((o) => scope.visible(o.id)).map(ref),
    changed: d.changed.filter((c) => scope.visible(c.id)).map((c) => ({ id: c.id, kind: c.kind, fields: c.fields.map((f) => f.field) })),
  };
}

/**
 * From a disaster scenario to the restore problem's input (docs/continuity.md): which
 * applications failed (named ones, and those whose every instance is on a failed device,
 * site or risk group), which wait for them (their `depends_on` closure holds a failed one),
 * and the usages that need them, with recovery targets.
 */
import { dependencyId } from '../model/dependency.js';
import { VerbundError, type Problem } from '../model/errors.js';
import type { Estate } from '../timeline/Estate.js';
import type { RestoreInputApp, RestoreInputUsage } from './RestoreProblem.js';

/** The affected part of the estate. */
export interface RestoreScope {
  readonly apps: RestoreInputApp[];
  readonly usages: RestoreInputUsage[];
  /** Instances of each failed application, to bring back when it is restored. */
  readonly instances: ReadonlyMap<string, readonly string[]>;
}

/** Reads the scenario's failed elements; NOT_FOUND / USAGE problems name each bad id. */
export function restoreScope(estate: Estate, fail: readonly string[]): RestoreScope {
  const problems: Problem[] = [];
  const failedDevices = new Set<string>();
  const failedApps = new Set<string>();
  const sitesDown = new Set<string>();
  for (const id of fail) {
    const o = estate.get(id);
    if (!o) problems.push({ code: 'NOT_FOUND', id, message: `no element "${id}" in the estate at the start of the scenario` });
    else if (o.kind === 'application') failedApps.add(id);
    else if (o.kind === 'device') failedDevices.add(id);
    else if (o.kind === 'site') sitesDown.add(id);
    else if (o.kind === 'risk-group') {
      for (const d of estate.ofKind('device')) if (d.risk_groups?.includes(id)) failedDevices.add(d.id);
    } else problems.push({ code: 'USAGE', id, message: `a ${o.kind} holds no application: name applications, devices, sites or risk groups` });
  }
  if (problems.length) throw new VerbundError(problems.some((p) => p.code === 'NOT_FOUND') ? 'NOT_FOUND' : 'USAGE', `the scenario names ${problems.length} element${problems.length > 1 ? 's' : ''} it cannot fail`, problems);
  for (const d of estate.ofKind('device')) if (sitesDown.has(d.site)) failedDevices.add(d.id);

  const live = [...estate.ofKind('application')].filter((a) => a.status !== 'retired');
  const byId = new Map(live.map((a) => [a.id, a]));
  const failed = new Set(live.filter((a) => failedApps.has(a.id) || ((a.instances?.length ?? 0) > 0 && a.instances!.every((i) => failedDevices.has(i)))).map((a) => a.id));
  if (!failed.size) throw new VerbundError('PLAN_INFEASIBLE', `the scenario (${fail.join(', ')}) takes down no application: every application keeps an instance`);
  // Affected: the failed ones and, walking the dependencies backwards, all that need them.
  const needers = new Map<string, string[]>();
  for (const a of live) for (const d of a.depends_on ?? []) needers.set(dependencyId(d), [...(needers.get(dependencyId(d)) ?? []), a.id]);
  const affected = new Set<string>();
  const stack = [...failed];
  while (stack.length) {
    const id = stack.pop()!;
    if (affected.has(id)) continue;
    affected.add(id);
    stack.push(...(needers.get(id) ?? []));
  }
  const apps = [...affected].map((id) => byId.get(id)!).sort((x, y) => (x.id < y.id ? -1 : 1));
  const inScope = new Set(apps.map((a) => a.id));
  return {
    apps: apps.map((a) => ({
      id: a.id,
      failed: failed.has(a.id),
      vcpu: a.size?.vcpu ?? 0,
      deps: [...new Set((a.depends_on ?? []).map(dependencyId).filter((d) => inScope.has(d) && d !== a.id))],
      rto_h: a.recovery?.rto_h,
      mtd_h: a.recovery?.mtd_h,
      criticality: a.recovery?.criticality,
    })),
    usages: [...estate.ofKind('usage')]
      .filter((u) => inScope.has(u.application))
      .sort((x, y) => (x.id < y.id ? -1 : 1))
      .map((u) => ({ id: u.id, tenant: u.tenant, application: u.application, users: u.users ?? 0, rto_h: u.recovery?.rto_h, mtd_h: u.recovery?.mtd_h, criticality: u.recovery?.criticality })),
    instances: new Map(apps.filter((a) => failed.has(a.id)).map((a) => [a.id, a.instances ?? []])),
  };
}

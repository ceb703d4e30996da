/**
 * What a data-center move concerns, read from the estate at the plan's start: the
 * applications with an instance on the source site (they move), those already at the target,
 * the dependencies touching the moving ones, where each instance goes, and the target's free
 * capacity in the pool of receiving devices.
 */
import { VerbundError, type Problem } from '../model/errors.js';
import { dependencyOf } from '../model/dependency.js';
import type { Application, Device } from '../model/objectSchemas.js';
import type { Estate } from '../timeline/Estate.js';
import type { WaveApp, WaveDependency } from './buildWaveProblem.js';
import { sizeDimensions, type Size } from './WaveProblem.js';

/** Which devices of the target receive instances. */
export interface Receivers {
  readonly target: string;
  /** Named devices that receive every instance not mapped in `pairs`; empty: by role. */
  readonly devices: readonly string[];
  /** Source device → the target devices that receive its instances. */
  readonly pairs?: ReadonlyMap<string, readonly string[]>;
}

/**
 * Reads `--target-devices` entries: `DEVICE` (receives every instance) or
 * `SOURCE=TARGET[+TARGET…]` (receives the instances on that source device).
 */
export function parseReceivers(target: string, specs: readonly string[] = []): Receivers {
  const devices: string[] = [];
  const pairs = new Map<string, string[]>();
  for (const spec of specs) {
    const [from, to] = spec.split('=');
    if (to === undefined) devices.push(from!.trim());
    else pairs.set(from!.trim(), to.split('+').map((t) => t.trim()).filter(Boolean));
  }
  return { target, devices, pairs };
}

/** The move as the planner sees it. */
export interface MoveScope {
  readonly moving: WaveApp[];
  readonly atTarget: Set<string>;
  readonly dependencies: WaveDependency[];
  /** Per moving application, its instances after the move. */
  readonly instancesAfter: Map<string, string[]>;
  /** Roles of the receiving devices (by-role mode). */
  readonly roles: Set<string>;
}

/** Reads the scope of moving `source` to `receivers.target` from the estate at the start. */
export function moveScope(estate: Estate, source: string, receivers: Receivers): MoveScope {
  const siteOf = (deviceId: string): string | undefined => (estate.get(deviceId) as Device | undefined)?.site;
  const live = (d: Device): boolean => d.status !== 'retired';
  const targetDevices = [...estate.ofKind('device')].filter((d) => d.site === receivers.target && live(d));
  const problems: Problem[] = [];
  const pairs = receivers.pairs ?? new Map<string, readonly string[]>();
  for (const id of [...receivers.devices, ...[...pairs.values()].flat()]) {
    if (siteOf(id) !== receivers.target || estate.get(id)?.kind !== 'device')
      problems.push({ code: 'INVALID_INPUT', id, field: 'target-devices', message: `"${id}" is no device at ${receivers.target}` });
  }
  for (const [id, to] of pairs) {
    if (siteOf(id) !== source || estate.get(id)?.kind !== 'device') problems.push({ code: 'INVALID_INPUT', id, field: 'target-devices', message: `"${id}" (left of =) is no device at ${source}` });
    if (!to.length) problems.push({ code: 'INVALID_INPUT', id, field: 'target-devices', message: `"${id}=" names no target device` });
  }
  const apps = [...estate.ofKind('application')].filter((a) => a.status !== 'retired') as Application[];
  const moving: WaveApp[] = [];
  const atTarget = new Set<string>();
  const instancesAfter = new Map<string, string[]>();
  const roles = new Set<string>();
  for (const app of apps) {
    const instances = app.instances ?? [];
    const onSource = instances.filter((i) => siteOf(i) === source);
    if (!onSource.length) {
      if (instances.length && instances.every((i) => siteOf(i) === receivers.target)) atTarget.add(app.id);
      continue;
    }
    const after = instances.filter((i) => siteOf(i) !== source);
    for (const i of onSource) {
      const role = (estate.get(i) as Device).role;
      const byRole = !pairs.has(i) && !receivers.devices.length;
      const to = pairs.get(i) ?? (byRole ? targetDevices.filter((d) => d.role === role).map((d) => d.id) : receivers.devices);
      if (!to.length) {
        problems.push({ code: 'INVALID_INPUT', id: app.id, field: 'instances', message: `no ${role} at ${receivers.target} to receive ${app.id}'s instance on ${i}; name the receiving devices with --target-devices` });
      }
      if (byRole) roles.add(role);
      for (const d of to) if (!after.includes(d)) after.push(d);
    }
    instancesAfter.set(app.id, after);
    moving.push({
      id: app.id,
      size: { vcpu: app.size?.vcpu ?? 0, ram_gb: app.size?.ram_gb ?? 0, storage_tb: app.size?.storage_tb ?? 0 },
      blackouts: app.blackouts ?? [],
    });
  }
  if (problems.length) throw new VerbundError('INVALID_INPUT', `cannot plan the move of ${source} to ${receivers.target}`, problems);
  const involved = new Set(moving.map((a) => a.id));
  const dependencies: WaveDependency[] = [];
  for (const app of apps) {
    for (const d of app.depends_on ?? []) {
      const { application, coupling } = dependencyOf(d);
      if (involved.has(app.id) || involved.has(application)) dependencies.push({ from: app.id, to: application, coupling });
    }
  }
  return { moving, atTarget, dependencies, instancesAfter, roles };
}

/**
 * Free capacity of the receiving pool in an estate: the capacity of its live devices (named,
 * and the target's devices of the roles received by role) less the size of the applications that
 * already run there and do not move. A dimension no device declares is unlimited.
 */
export function freeCapacity(estate: Estate, receivers: Receivers, roles: ReadonlySet<string>, moving: ReadonlySet<string>): Size {
  const pool = new Set<string>();
  const named = new Set([...receivers.devices, ...[...(receivers.pairs?.values() ?? [])].flat()]);
  const total: Size = { vcpu: 0, ram_gb: 0, storage_tb: 0 };
  const declared = new Set<string>();
  for (const d of estate.ofKind('device')) {
    if (d.site !== receivers.target || d.status === 'retired') continue;
    if (!named.has(d.id) && !roles.has(d.role)) continue;
    pool.add(d.id);
    for (const dim of sizeDimensions) {
      const v = d.capacity?.[dim];
      if (v !== undefined) (total[dim] += v), declared.add(dim);
    }
  }
  for (const a of estate.ofKind('application')) {
    if (a.status === 'retired' || moving.has(a.id) || !(a.instances ?? []).some((i) => pool.has(i))) continue;
    for (const dim of sizeDimensions) total[dim] -= a.size?.[dim] ?? 0;
  }
  for (const dim of sizeDimensions) if (!declared.has(dim)) total[dim] = Infinity;
  return total;
}

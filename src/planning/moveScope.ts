/**
 * What a data-center move concerns, read from the estate at the plan's start: the
 * applications with an instance on the source site (they move), those already at the target,
 * the dependencies touching the moving ones, and which target devices may receive each of
 * their instances on the source.
 */
import { VerbundError, type Problem } from '../model/errors.js';
import { dependencyOf } from '../model/dependency.js';
import type { Application, Device } from '../model/objectSchemas.js';
import type { Estate } from '../timeline/Estate.js';
import type { WaveApp, WaveDependency } from './buildWaveProblem.js';
import type { MoveDemand, PlacementSlot } from './Placement.js';
import { shareOf, type TargetDevice } from './targetDevices.js';

/** Which devices of the target receive instances. */
export interface Receivers {
  readonly target: string;
  /** Named devices that may receive every instance not mapped in `pairs`; empty: by role. */
  readonly devices: readonly string[];
  /** Source device → the target devices that may receive its instances (one each). */
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
  /** The moving applications; `size` is what moves: the share of the instances on the source. */
  readonly moving: WaveApp[];
  readonly atTarget: Set<string>;
  readonly dependencies: WaveDependency[];
  /** Per moving application, what placing its instances asks for. */
  readonly demands: Map<string, MoveDemand>;
  /** Every device that may receive an instance (the pool whose capacity the solver sees). */
  readonly pool: Set<string>;
}

/**
 * Reads the scope of moving `source` to `receivers.target` from the estate at the start.
 * `targetDevices` are the target's devices over the whole baseline (those arriving later
 * included): by role, each instance may go to any of them with the role of its source device.
 */
export function moveScope(estate: Estate, source: string, receivers: Receivers, targetDevices: readonly TargetDevice[]): MoveScope {
  const siteOf = (deviceId: string): string | undefined => (estate.get(deviceId) as Device | undefined)?.site;
  const atTargetSite = new Map(targetDevices.map((d) => [d.id, d]));
  const stays = (id: string): boolean => atTargetSite.get(id)?.states.at(-1)?.alive ?? false;
  const problems: Problem[] = [];
  const pairs = receivers.pairs ?? new Map<string, readonly string[]>();
  for (const id of [...receivers.devices, ...[...pairs.values()].flat()]) {
    if (!atTargetSite.has(id)) problems.push({ code: 'INVALID_INPUT', id, field: 'target-devices', message: `"${id}" is no device at ${receivers.target}` });
  }
  for (const [id, to] of pairs) {
    if (siteOf(id) !== source || estate.get(id)?.kind !== 'device') problems.push({ code: 'INVALID_INPUT', id, field: 'target-devices', message: `"${id}" (left of =) is no device at ${source}` });
    if (!to.length) problems.push({ code: 'INVALID_INPUT', id, field: 'target-devices', message: `"${id}=" names no target device` });
  }
  const apps = [...estate.ofKind('application')].filter((a) => a.status !== 'retired') as Application[];
  const moving: WaveApp[] = [];
  const atTarget = new Set<string>();
  const demands = new Map<string, MoveDemand>();
  const pool = new Set<string>();
  for (const app of apps) {
    const instances = app.instances ?? [];
    const onSource = instances.filter((i) => siteOf(i) === source);
    if (!onSource.length) {
      if (instances.length && instances.every((i) => siteOf(i) === receivers.target)) atTarget.add(app.id);
      continue;
    }
    const keep = instances.filter((i) => siteOf(i) !== source);
    const slots: PlacementSlot[] = [];
    for (const i of onSource) {
      const role = (estate.get(i) as Device).role;
      const candidates = pairs.get(i) ?? (receivers.devices.length ? receivers.devices : targetDevices.filter((d) => d.role === role).map((d) => d.id));
      if (!candidates.length) {
        problems.push({ code: 'INVALID_INPUT', id: app.id, field: 'instances', message: `no ${role} at ${receivers.target} to receive ${app.id}'s instance on ${i}; name the receiving devices with --target-devices` });
      }
      for (const c of candidates) pool.add(c);
      slots.push({ source: i, candidates });
    }
    mergeSurplus(slots, keep, stays);
    const before = shareOf(app);
    const share = shareOf({ size: app.size, instances: [...keep, ...slots.map((s) => s.source)] });
    const growth = { vcpu: share.vcpu - before.vcpu, ram_gb: share.ram_gb - before.ram_gb, storage_tb: share.storage_tb - before.storage_tb };
    const keptAtTarget = keep.filter((i) => atTargetSite.has(i)).length;
    demands.set(app.id, { id: app.id, share, growth, slots, leaves: onSource, keep });
    const moved = (d: 'vcpu' | 'ram_gb' | 'storage_tb'): number => share[d] * slots.length + growth[d] * keptAtTarget;
    moving.push({ id: app.id, size: { vcpu: moved('vcpu'), ram_gb: moved('ram_gb'), storage_tb: moved('storage_tb') }, blackouts: app.blackouts ?? [] });
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
  return { moving, atTarget, dependencies, demands, pool };
}

/**
 * Instances that can find no device of their own because the application already runs on the
 * others that stay (say it has two of its three instances on the target's only two clusters)
 * merge into its instances there: the slots beyond the devices left are dropped, and the
 * remaining instances carry the size between them (docs/planning.md, "Placement").
 */
function mergeSurplus(slots: PlacementSlot[], keep: readonly string[], stays: (id: string) => boolean): void {
  const bySet = new Map<string, number[]>();
  slots.forEach((s, i) => {
    const key = [...s.candidates].sort().join(' ');
    bySet.set(key, [...(bySet.get(key) ?? []), i]);
  });
  const drop = new Set<number>();
  for (const members of bySet.values()) {
    const candidates = slots[members[0]!]!.candidates;
    if (!candidates.some((c) => keep.includes(c) && stays(c))) continue;
    const left = candidates.filter((c) => stays(c) && !keep.includes(c)).length;
    for (const i of members.slice(left)) drop.add(i);
  }
  for (let i = slots.length - 1; i >= 0; i--) if (drop.has(i)) slots.splice(i, 1);
}

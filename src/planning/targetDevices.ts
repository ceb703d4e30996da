/**
 * The target site's devices over time, as placement needs them: per device and per baseline
 * change, whether it exists (and is not retired) and its free capacity — its `capacity` less
 * the share of every application that runs on it then. An application's `size` is its total;
 * each of its instances carries an equal share (docs/planning.md, "Placement").
 */
import type { Application, Device } from '../model/objectSchemas.js';
import type { Estate } from '../timeline/Estate.js';
import { sizeDimensions, type Size } from './WaveProblem.js';

const MS_PER_DAY = 86_400_000;

/** A device's state from `day` until the next state. */
export interface DeviceState {
  /** Fractional day number of the instant (a change at 18:00 is `day + 0.75`). */
  readonly day: number;
  /** Exists and is not retired. */
  readonly alive: boolean;
  /** Capacity less the baseline's load; `Infinity` where the device declares no capacity. */
  readonly free: Size;
}

/** A device of the target site, over the whole baseline. */
export interface TargetDevice {
  readonly id: string;
  role: string;
  riskGroups: readonly string[];
  /** Ascending by day; before the first state the device does not exist. */
  readonly states: DeviceState[];
}

/** Fractional day number of a time key (`2027-03-01T18:00:00.000Z` → day + 0.75). */
export function fractionalDay(at: string): number {
  return Date.parse(at) / MS_PER_DAY;
}

/** The share of an application's size that each of its instances carries. */
export function shareOf(app: Pick<Application, 'size' | 'instances'>): Size {
  const n = Math.max(1, app.instances?.length ?? 0);
  return { vcpu: (app.size?.vcpu ?? 0) / n, ram_gb: (app.size?.ram_gb ?? 0) / n, storage_tb: (app.size?.storage_tb ?? 0) / n };
}

/**
 * Collects the target's devices step by step: call {@link TargetTimeline.record} with the
 * estate after each baseline change (in order), then read {@link TargetTimeline.devices}.
 */
export class TargetTimeline {
  private readonly byId = new Map<string, TargetDevice>();

  constructor(private readonly site: string) {}

  /** Records the state of every device of the site (and the end of those that left it) at `at`. */
  record(at: string, estate: Estate): void {
    const day = fractionalDay(at);
    const load = new Map<string, Size>();
    for (const a of estate.ofKind('application')) {
      if (a.status === 'retired' || !a.instances?.length) continue;
      const share = shareOf(a as Application);
      for (const i of a.instances) {
        const l = load.get(i) ?? { vcpu: 0, ram_gb: 0, storage_tb: 0 };
        for (const d of sizeDimensions) l[d] += share[d];
        load.set(i, l);
      }
    }
    const seen = new Set<string>();
    for (const d of estate.ofKind('device') as Iterable<Device>) {
      if (d.site !== this.site) continue;
      seen.add(d.id);
      let dev = this.byId.get(d.id);
      if (!dev) this.byId.set(d.id, (dev = { id: d.id, role: d.role, riskGroups: [], states: [] }));
      dev.role = d.role;
      dev.riskGroups = d.risk_groups ?? [];
      const l = load.get(d.id);
      const free = {} as Size;
      for (const dim of sizeDimensions) {
        const cap = d.capacity?.[dim];
        free[dim] = cap === undefined ? Infinity : cap - (l?.[dim] ?? 0);
      }
      push(dev, { day, alive: d.status !== 'retired', free });
    }
    for (const dev of this.byId.values()) {
      if (!seen.has(dev.id)) push(dev, { day, alive: false, free: { vcpu: 0, ram_gb: 0, storage_tb: 0 } });
    }
  }

  /** Every device that was at the site at some time. */
  devices(): TargetDevice[] {
    return [...this.byId.values()];
  }
}

function push(dev: TargetDevice, s: DeviceState): void {
  const last = dev.states[dev.states.length - 1];
  if (last && last.day === s.day) dev.states[dev.states.length - 1] = s;
  else dev.states.push(s);
}

/**
 * Free capacity of a pool of target devices over time, for the wave solver: at `startDay` and
 * at every later change before `horizon`, the sum over the pool's devices that exist then and
 * stay to the end of the baseline (only those can receive an instance). A dimension that some
 * such device does not limit is unlimited. A relaxation: placement checks each device.
 */
export function poolCapacity(devices: readonly TargetDevice[], pool: ReadonlySet<string>, startDay: number, horizon: number): { day: number; free: Size }[] {
  const members = devices.filter((d) => pool.has(d.id));
  const days = [...new Set(members.flatMap((d) => d.states.map((s) => s.day)).filter((day) => day > startDay && day < horizon))].sort((a, b) => a - b);
  return [startDay, ...days].map((day) => {
    const free: Size = { vcpu: 0, ram_gb: 0, storage_tb: 0 };
    for (const d of members) {
      const i = d.states.findLastIndex((s) => s.day <= day);
      if (i < 0 || !d.states.slice(i).every((s) => s.alive)) continue;
      for (const dim of sizeDimensions) free[dim] += Math.max(0, d.states[i]!.free[dim]);
    }
    return { day, free };
  });
}

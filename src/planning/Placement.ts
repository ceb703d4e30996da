/**
 * Placement of moved instances on target devices (docs/planning.md, "Placement"): an
 * application keeps its number of instances; each instance on the source goes to its own
 * target device that exists from the wave's instant on and is never retired or deleted later
 * in the baseline, and whose free capacity takes the instance's share on every day from the
 * wave until the plan's end. Among the devices that fit, the one sharing the fewest risk
 * groups with the application's other instances is taken (anti-affinity keeps the moved
 * application redundant), then the one with the most room left.
 */
import type { TargetDevice } from './targetDevices.js';
import { sizeDimensions, type Size } from './WaveProblem.js';

const EPS = 1e-9;

/** One instance on the source and the target devices that may receive it. */
export interface PlacementSlot {
  /** The source device the instance leaves. */
  readonly source: string;
  readonly candidates: readonly string[];
}

/** What placing one moving application asks for. */
export interface MoveDemand {
  readonly id: string;
  /** Share of the application's size per instance after the move. */
  readonly share: Size;
  /** How much the share of each kept instance grows (instances merged into kept ones: fewer carry the size). */
  readonly growth: Size;
  readonly slots: readonly PlacementSlot[];
  /** Every instance on the source (those merged into kept ones too): all of them leave. */
  readonly leaves: readonly string[];
  /** Instances that stay (not on the source): never chosen again, and anti-affinity counts them. */
  readonly keep: readonly string[];
}

/** A capacity overrun after the plan's horizon, for a warning. */
export interface LateOverrun {
  readonly device: string;
  readonly day: number;
  readonly dimension: (typeof sizeDimensions)[number];
  readonly free: number;
  readonly placed: number;
  readonly applications: readonly string[];
}

interface DeviceIndex {
  readonly device: TargetDevice;
  /** First state index from which the device is alive in every later state (states.length: never). */
  readonly aliveFrom: number;
  /** Per state index, per dimension: the least free capacity from that state up to the horizon. */
  readonly minFree: Size[];
}

/** Placements made so far, wave by wave in ascending order of days. */
export class Placement {
  private readonly index = new Map<string, DeviceIndex>();
  private readonly placed = new Map<string, { total: Size; apps: string[] }>();
  private lastDay = -Infinity;

  /**
   * @param devices the target's devices over the baseline ({@link TargetTimeline})
   * @param horizon first day after the plan's end: capacity counts until then, later drops are warned about
   */
  constructor(devices: readonly TargetDevice[], private readonly horizon: number) {
    for (const device of devices) {
      const s = device.states;
      let aliveFrom = s.length;
      while (aliveFrom > 0 && s[aliveFrom - 1]!.alive) aliveFrom--;
      const minFree: Size[] = new Array<Size>(s.length);
      let run: Size = { vcpu: Infinity, ram_gb: Infinity, storage_tb: Infinity };
      for (let i = s.length - 1; i >= 0; i--) {
        // A state counts while it begins before the horizon; later ones are only warned about.
        if (s[i]!.day < horizon) run = minOf(run, s[i]!.free);
        minFree[i] = run;
      }
      this.index.set(device.id, { device, aliveFrom, minFree });
    }
  }

  /** Whether `id` is a device of the target at some time. */
  has(id: string): boolean {
    return this.index.has(id);
  }

  /** Free capacity of `id` for a new instance from `day` on, or null if it cannot receive one then. */
  room(id: string, day: number): Size | null {
    const ix = this.index.get(id);
    if (!ix) return null;
    const i = stateAt(ix.device, day);
    if (i < 0 || i < ix.aliveFrom) return null;
    const used = this.placed.get(id)?.total;
    const out = {} as Size;
    for (const d of sizeDimensions) out[d] = ix.minFree[i]![d] - (used?.[d] ?? 0);
    return out;
  }

  /** Chooses one device per slot for `m` on `day`, or returns null if some slot finds none. Places nothing. */
  choose(m: MoveDemand, day: number): string[] | null {
    const chosen: string[] = [];
    const taken = new Set(m.keep);
    const groups = (ids: Iterable<string>): Set<string> => new Set([...ids].flatMap((id) => this.index.get(id)?.device.riskGroups ?? []));
    // The most constrained slot first, so that a slot with few candidates is not starved by another.
    const slots = [...m.slots].sort((a, b) => a.candidates.length - b.candidates.length);
    const grows = sizeDimensions.some((d) => m.growth[d] > EPS);
    for (const id of grows ? m.keep : []) {
      const room = this.index.has(id) ? this.room(id, day) : undefined;
      if (room === null || (room && sizeDimensions.some((d) => room[d] + EPS < m.growth[d]))) return null;
    }
    for (const slot of slots) {
      const others = groups([...taken]);
      let best: { id: string; shared: number; headroom: number } | null = null;
      for (const id of slot.candidates) {
        if (taken.has(id)) continue;
        const room = this.room(id, day);
        if (!room || sizeDimensions.some((d) => room[d] + EPS < m.share[d])) continue;
        const shared = (this.index.get(id)!.device.riskGroups ?? []).filter((g) => others.has(g)).length;
        const headroom = headroomOf(room, m.share);
        if (!best || shared < best.shared || (shared === best.shared && (headroom > best.headroom || (headroom === best.headroom && id < best.id)))) best = { id, shared, headroom };
      }
      if (!best) return null;
      chosen.push(best.id);
      taken.add(best.id);
    }
    return chosen;
  }

  /** Records `m`'s instances on `devices` from `day` (days must not decrease). */
  commit(m: MoveDemand, day: number, devices: readonly string[]): void {
    if (day < this.lastDay) throw new Error(`placement out of order: day ${day} after ${this.lastDay}`);
    this.lastDay = day;
    const add = (id: string, size: Size): void => {
      const p = this.placed.get(id) ?? { total: { vcpu: 0, ram_gb: 0, storage_tb: 0 }, apps: [] };
      for (const d of sizeDimensions) p.total[d] += size[d];
      p.apps.push(m.id);
      this.placed.set(id, p);
    };
    for (const id of devices) add(id, m.share);
    if (sizeDimensions.some((d) => m.growth[d] > EPS)) for (const id of m.keep) if (this.index.has(id)) add(id, m.growth);
  }

  /** Devices whose free capacity drops below what was placed on them after the horizon. */
  lateOverruns(): LateOverrun[] {
    const out: LateOverrun[] = [];
    for (const [id, p] of this.placed) {
      const dev = this.index.get(id)!.device;
      for (const s of dev.states) {
        if (s.day < this.horizon) continue;
        const dim = sizeDimensions.find((d) => s.free[d] + EPS < p.total[d]);
        if (dim) {
          out.push({ device: id, day: s.day, dimension: dim, free: s.free[dim], placed: p.total[dim], applications: [...p.apps] });
          break;
        }
      }
    }
    return out;
  }
}

/** Index of the state in effect at the start (00:00 UTC) of `day`, or -1 before the device's first. */
function stateAt(dev: TargetDevice, day: number): number {
  let lo = 0;
  let hi = dev.states.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (dev.states[mid]!.day <= day) (found = mid), (lo = mid + 1);
    else hi = mid - 1;
  }
  return found;
}

function minOf(a: Size, b: Size): Size {
  return { vcpu: Math.min(a.vcpu, b.vcpu), ram_gb: Math.min(a.ram_gb, b.ram_gb), storage_tb: Math.min(a.storage_tb, b.storage_tb) };
}

/** Room left in the tightest limited dimension after the share (larger is roomier). */
function headroomOf(room: Size, share: Size): number {
  let min = Infinity;
  for (const d of sizeDimensions) if (Number.isFinite(room[d])) min = Math.min(min, room[d] - share[d]);
  return min;
}

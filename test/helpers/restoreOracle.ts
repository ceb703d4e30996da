/**
 * An independent reference for restore orders (docs/continuity.md), written from the
 * definition and not from the solver's model: every assignment of applications to slots,
 * per application (no groups, no cycles collapsed), checked for capacity and "a dependency
 * never after what depends on it", scored by the demands' useful times (the latest restore
 * in each one's dependency closure).
 */
import type { RestoreInput } from '../../src/planning/RestoreProblem.js';

const factor: Record<string, number> = { critical: 8, high: 4, medium: 2, low: 1 };
const levels = ['critical', 'high', 'medium', 'low'];

/** Violations of an assignment (slot index per application id); empty when feasible. */
export function restoreViolations(input: RestoreInput, slotOf: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  const apps = new Map<number, number>();
  const vcpu = new Map<number, number>();
  for (const a of input.apps) {
    const k = slotOf.get(a.id);
    if (k === undefined || k < 0 || k >= input.slots.length) {
      out.push(`${a.id} has no slot`);
      continue;
    }
    if (a.failed) (apps.set(k, (apps.get(k) ?? 0) + 1), vcpu.set(k, (vcpu.get(k) ?? 0) + a.vcpu));
    for (const d of a.deps) if ((slotOf.get(d) ?? Infinity) > k) out.push(`${a.id} before its dependency ${d}`);
  }
  for (const [k, n] of apps) if (n > input.maxApps) out.push(`slot ${k}: ${n} applications`);
  for (const [k, n] of vcpu) if (n > input.maxVcpu) out.push(`slot ${k}: ${n} vCPU`);
  return out;
}

/** The objective of an assignment, from the definition: weight of missed RTOs, then weighted hours. */
export function restoreScore(input: RestoreInput, slotOf: ReadonlyMap<string, number>): { missed: number; hours: number } {
  const byId = new Map(input.apps.map((a) => [a.id, a]));
  const useful = (id: string): number => {
    const seen = new Set<string>();
    const stack = [id];
    let t = 0;
    while (stack.length) {
      const x = stack.pop()!;
      if (seen.has(x)) continue;
      seen.add(x);
      t = Math.max(t, input.slots[slotOf.get(x)!]!);
      stack.push(...byId.get(x)!.deps);
    }
    return t;
  };
  // The strictest level given on application or usage; none given counts as medium.
  const level = (...given: (string | undefined)[]): string => levels.find((l) => given.includes(l)) ?? 'medium';
  let missed = 0;
  let hours = 0;
  const add = (weight: number, t: number, deadline: number): void => {
    hours += weight * t;
    if (t > deadline) missed += weight;
  };
  const used = new Set<string>();
  for (const u of input.usages) {
    const a = byId.get(u.application);
    if (!a) continue;
    used.add(a.id);
    const t = useful(a.id);
    const deadline = Math.min(a.rto_h ?? Infinity, u.rto_h ?? Infinity);
    add(factor[level(a.criticality, u.criticality)]! * Math.max(1, u.users), t, deadline);
  }
  for (const a of input.apps) {
    if (used.has(a.id)) continue;
    const t = useful(a.id);
    add(factor[level(a.criticality)]!, t, a.rto_h ?? Infinity);
  }
  return { missed, hours };
}

/** The best score over every feasible assignment (null if none); exponential, for tiny inputs. */
export function bruteForceRestore(input: RestoreInput): { missed: number; hours: number } | null {
  const ids = input.apps.map((a) => a.id);
  const K = input.slots.length;
  const slot = new Array<number>(ids.length).fill(0);
  let best: { missed: number; hours: number } | null = null;
  for (;;) {
    const slotOf = new Map(ids.map((id, i) => [id, slot[i]!]));
    if (restoreViolations(input, slotOf).length === 0) {
      const s = restoreScore(input, slotOf);
      if (best === null || s.missed < best.missed || (s.missed === best.missed && s.hours < best.hours)) best = s;
    }
    let i = 0;
    while (i < ids.length && ++slot[i]! === K) slot[i++] = 0;
    if (i === ids.length) return best;
  }
}

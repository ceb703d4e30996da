/**
 * The restore-order problem after a disaster (docs/continuity.md): which affected application
 * is restored in which restore slot, so that the users get their services back early and
 * the recovery deadlines (WAZ/RTO) are met, within a restore capacity per slot.
 *
 * An application is *affected* when it failed itself or something in its `depends_on`
 * closure failed; only failed ones take restore work (capacity), the others wait for their
 * dependencies. Every need of a service is a *demand*: a usage (municipality, users) of an
 * affected application, with the tighter of the usage's and the application's targets.
 * A demand is met at the end of the slot in which its application is useful again — once
 * its whole closure is back; dependencies are never restored after what depends on them.
 *
 * Objective (minimised, lexicographic): first the weight of the demands that miss their RTO,
 * then Σ weight × hours until useful; weight = criticality factor (critical 8, high 4,
 * medium 2, low 1; none given = medium) × users (at least 1).
 */
import { choiceValues } from '../model/choices.js';
// The shapes this file produces are part of the API's contract: declared in src/contracts.
import type { RestoreObjective } from '../contracts/planning.js';
export type { RestoreObjective };

/** An affected application as the problem sees it. */
export interface RestoreInputApp {
  readonly id: string;
  /** True if it must be restored (takes a slot's capacity); false: it waits for dependencies. */
  readonly failed: boolean;
  readonly vcpu: number;
  /** Its direct dependencies among the affected applications. */
  readonly deps: readonly string[];
  readonly rto_h?: number | undefined;
  readonly mtd_h?: number | undefined;
  readonly criticality?: string | undefined;
}

/** A usage of an affected application. */
export interface RestoreInputUsage {
  readonly id: string;
  readonly tenant: string;
  readonly application: string;
  readonly users: number;
  readonly rto_h?: number | undefined;
  readonly mtd_h?: number | undefined;
  readonly criticality?: string | undefined;
}

/** Everything the solver needs, in plain data (the brute-force oracle of the tests reads the same). */
export interface RestoreInput {
  readonly apps: readonly RestoreInputApp[];
  readonly usages: readonly RestoreInputUsage[];
  /** Hours from the disaster to the end of each candidate restore slot, increasing. */
  readonly slots: readonly number[];
  /** Applications restorable per slot (Infinity: unlimited). */
  readonly maxApps: number;
  /** vCPU restorable per slot (Infinity: unlimited). */
  readonly maxVcpu: number;
}

/** A need of a service (or of an application nobody uses, for its own targets). */
export interface RestoreDemand {
  /** Index of the application in `apps`. */
  readonly app: number;
  readonly usage: string | null;
  readonly tenant: string | null;
  readonly users: number;
  readonly weight: number;
  /** Hours; Infinity when no RTO is set. */
  readonly deadline: number;
  readonly mtd: number;
}

/** Applications restored together: a dependency cycle (or one application). */
export interface RestoreGroup {
  readonly apps: readonly number[];
  /** Restore work: failed applications in it, and their vCPU. */
  readonly work: number;
  readonly vcpu: number;
}

/** The problem in solver form. */
export interface RestoreProblem {
  readonly input: RestoreInput;
  readonly groups: readonly RestoreGroup[];
  readonly groupOf: Int32Array;
  /** Pairs [before, after] of groups: `before` is restored no later than `after`. */
  readonly order: readonly (readonly [number, number])[];
  readonly demands: readonly RestoreDemand[];
}

/** Negative if `a` is better than `b` (tolerating floating-point noise). */
export function compareRestoreObjectives(a: RestoreObjective, b: RestoreObjective): number {
  const eps = (x: number, y: number): number => 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  if (Math.abs(a.missed - b.missed) > eps(a.missed, b.missed)) return a.missed - b.missed;
  if (Math.abs(a.hours - b.hours) > eps(a.hours, b.hours)) return a.hours - b.hours;
  return 0;
}

/** Slot index per group. */
export type RestoreAssignment = Int32Array;

/** The weight of a criticality level. */
export function criticalityFactor(level: string | undefined): number {
  return [8, 4, 2, 1][choiceValues('criticality').indexOf(level ?? 'medium')] ?? 2;
}

/** The stricter of two criticality levels (the earlier in the choice list). */
export function stricterCriticality(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const levels = choiceValues('criticality');
  return levels.indexOf(a) <= levels.indexOf(b) ? a : b;
}

const min = (a: number | undefined, b: number | undefined): number => Math.min(a ?? Infinity, b ?? Infinity);

/** Builds groups (strongly connected components of the dependencies), order and demands. */
export function buildRestoreProblem(input: RestoreInput): RestoreProblem {
  const index = new Map(input.apps.map((a, i) => [a.id, i]));
  const n = input.apps.length;
  const adj = input.apps.map((a) => a.deps.map((d) => index.get(d)).filter((d): d is number => d !== undefined));
  const comp = stronglyConnected(adj);
  const groupOf = Int32Array.from(comp);
  const members: number[][] = [];
  for (let i = 0; i < n; i++) (members[comp[i]!] ??= []).push(i);
  const groups = members.map((apps) => ({
    apps,
    work: apps.filter((i) => input.apps[i]!.failed).length,
    vcpu: apps.reduce((s, i) => s + (input.apps[i]!.failed ? input.apps[i]!.vcpu : 0), 0),
  }));
  const seen = new Set<string>();
  const order: [number, number][] = [];
  adj.forEach((deps, a) => {
    for (const d of deps) {
      const pair: [number, number] = [comp[d]!, comp[a]!];
      if (pair[0] === pair[1] || seen.has(`${pair[0]}-${pair[1]}`)) continue;
      seen.add(`${pair[0]}-${pair[1]}`);
      order.push(pair);
    }
  });
  const demands: RestoreDemand[] = [];
  const used = new Set<number>();
  for (const u of input.usages) {
    const i = index.get(u.application);
    if (i === undefined) continue;
    used.add(i);
    const a = input.apps[i]!;
    demands.push({
      app: i,
      usage: u.id,
      tenant: u.tenant,
      users: u.users,
      weight: criticalityFactor(stricterCriticality(a.criticality, u.criticality)) * Math.max(1, u.users),
      deadline: min(a.rto_h, u.rto_h),
      mtd: min(a.mtd_h, u.mtd_h),
    });
  }
  input.apps.forEach((a, i) => {
    if (!used.has(i)) demands.push({ app: i, usage: null, tenant: null, users: 0, weight: criticalityFactor(a.criticality), deadline: a.rto_h ?? Infinity, mtd: a.mtd_h ?? Infinity });
  });
  return { input, groups, groupOf, order, demands };
}

/** The objective of an assignment (see the file comment). */
export function restoreObjective(p: RestoreProblem, a: RestoreAssignment): RestoreObjective {
  let missed = 0;
  let hours = 0;
  for (const d of p.demands) {
    const t = p.input.slots[a[p.groupOf[d.app]!]!]!;
    hours += d.weight * t;
    if (t > d.deadline) missed += d.weight;
  }
  return { missed, hours };
}

/** What putting group g into slot k adds to one part of the objective. */
export function groupSlotCost(p: RestoreProblem, g: number, k: number, part: keyof RestoreObjective): number {
  const t = p.input.slots[k]!;
  let sum = 0;
  for (const d of p.demands) if (p.groupOf[d.app] === g) sum += part === 'hours' ? d.weight * t : t > d.deadline ? d.weight : 0;
  return sum;
}

/**
 * The first slot by whose end a demand's application could be useful if nothing else were
 * restored: its failed closure must fit into the slots up to it. A lower bound of its slot.
 */
export function earliestSlot(p: RestoreProblem, app: number): number {
  const closure = closureOf(p.input, app);
  let work = 0;
  let vcpu = 0;
  for (const i of closure) if (p.input.apps[i]!.failed) (work++, (vcpu += p.input.apps[i]!.vcpu));
  if (work === 0) return 0;
  return Math.max(Math.ceil(work / p.input.maxApps), Math.ceil(vcpu / p.input.maxVcpu), 1) - 1;
}

/** The application and every affected application it depends on (transitively), as indices. */
export function closureOf(input: RestoreInput, app: number): Set<number> {
  const index = new Map(input.apps.map((a, i) => [a.id, i]));
  const out = new Set<number>();
  const stack = [app];
  while (stack.length) {
    const i = stack.pop()!;
    if (out.has(i)) continue;
    out.add(i);
    for (const d of input.apps[i]!.deps) {
      const j = index.get(d);
      if (j !== undefined) stack.push(j);
    }
  }
  return out;
}

/**
 * Per group the first slot it may take in any feasible order: its members' earliest slots
 * (a cycle's members share one closure), at most the last slot. Every column before it is
 * zero in every solution, so the MIP fixes them (the same integer points, a tighter LP).
 */
export function releaseSlots(p: RestoreProblem): Int32Array {
  const last = p.input.slots.length - 1;
  const release = new Int32Array(p.groups.length);
  p.groups.forEach((g, i) => (release[i] = Math.min(last, Math.max(0, ...g.apps.map((a) => earliestSlot(p, a))))));
  return release;
}

/** A lower bound of both parts of the objective: every demand at its earliest slot. */
export function restoreLowerBound(p: RestoreProblem): RestoreObjective {
  let missed = 0;
  let hours = 0;
  for (const d of p.demands) {
    const t = p.input.slots[Math.min(earliestSlot(p, d.app), p.input.slots.length - 1)]!;
    hours += d.weight * t;
    if (t > d.deadline) missed += d.weight;
  }
  return { missed, hours };
}

/** Tarjan's strongly connected components, iterative; components numbered in reverse topological order of the dependency edges (dependencies first). */
function stronglyConnected(adj: readonly (readonly number[])[]): number[] {
  const n = adj.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const comp = new Array<number>(n).fill(-1);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  let counter = 0;
  let components = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length) {
      const top = work[work.length - 1]!;
      const [v, i] = top;
      if (i === 0 && index[v] === -1) {
        index[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = true;
      }
      if (i < adj[v]!.length) {
        top[1]++;
        const w = adj[v]![i]!;
        if (index[w] === -1) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        for (;;) {
          const w = stack.pop()!;
          onStack[w] = false;
          comp[w] = components;
          if (w === v) break;
        }
        components++;
      }
    }
  }
  return comp;
}

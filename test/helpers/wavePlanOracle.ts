/**
 * An independent validator of wave plans, written from docs/planning.md's rules rather than from
 * the planner's data structures: it reads the planner's input (applications, dependencies,
 * limits, capacity steps) and a schedule (application → date) and lists every broken rule.
 * It also scores a schedule and, for tiny inputs, finds the optimum by brute force.
 */
import type { WaveInput } from '../../src/planning/buildWaveProblem.js';

/** A schedule: the cut-over date (`YYYY-MM-DD`) of every moving application. */
export type Schedule = ReadonlyMap<string, string>;

const DAY = 86_400_000;
const ms = (d: string): number => Date.parse(`${d}T00:00:00Z`);

function blackedOut(date: string, b: { from: string; to: string }): boolean {
  const md = date.slice(5);
  if (b.from.startsWith('--') && b.to.startsWith('--')) {
    const [f, t] = [b.from.slice(2), b.to.slice(2)];
    return f <= t ? f <= md && md <= t : md >= f || md <= t;
  }
  return (b.from.startsWith('--') || b.from <= date) && (b.to.startsWith('--') || date <= b.to);
}

/** Every rule the schedule breaks (empty: valid). */
export function violations(input: WaveInput, s: Schedule): string[] {
  const out: string[] = [];
  const moving = new Map(input.moving.map((a) => [a.id, a]));
  for (const id of moving.keys()) if (!s.has(id)) out.push(`${id} does not move`);
  for (const id of s.keys()) if (!moving.has(id)) out.push(`${id} moves but is not on the source`);
  for (const [id, date] of s) {
    const app = moving.get(id);
    if (!app) continue;
    if (date < input.start || date > input.end) out.push(`${id} moves on ${date}, outside ${input.start}…${input.end}`);
    if (!input.weekdays.includes(new Date(ms(date)).getUTCDay())) out.push(`${id} moves on ${date}, a disallowed weekday`);
    for (const b of app.blackouts) if (blackedOut(date, b)) out.push(`${id} moves on ${date}, in its blackout ${b.from}…${b.to}`);
  }
  for (const d of input.dependencies) {
    if (d.coupling === 'tight' && s.has(d.from) && s.has(d.to) && s.get(d.from) !== s.get(d.to)) out.push(`tight ${d.from}–${d.to} split: ${s.get(d.from)} vs ${s.get(d.to)}`);
  }
  const waves = new Map<string, string[]>();
  for (const [id, date] of s) waves.set(date, [...(waves.get(date) ?? []), id]);
  for (const [date, ids] of waves) {
    if (input.maxApps !== undefined && ids.length > input.maxApps) out.push(`wave ${date} has ${ids.length} applications > ${input.maxApps}`);
    const vcpu = ids.reduce((n, id) => n + (moving.get(id)?.size.vcpu ?? 0), 0);
    if (input.maxVcpu !== undefined && vcpu > input.maxVcpu + 1e-9) out.push(`wave ${date} has ${vcpu} vCPU > ${input.maxVcpu}`);
  }
  // Capacity: at every wave date and every capacity change, what has moved must fit what is free then.
  const checkpoints = new Set<number>([...waves.keys()].map(ms));
  for (const step of input.capacity) if (step.day * DAY >= ms(input.start) && step.day * DAY <= ms(input.end)) checkpoints.add(step.day * DAY);
  for (const t of checkpoints) {
    const inForce = [...input.capacity].reverse().find((c) => c.day * DAY <= t);
    if (!inForce) continue;
    for (const dim of ['vcpu', 'ram_gb', 'storage_tb'] as const) {
      let used = 0;
      for (const [id, date] of s) if (ms(date) <= t) used += moving.get(id)?.size[dim] ?? 0;
      if (used > inForce.free[dim] + 1e-6) out.push(`capacity ${dim} at ${new Date(t).toISOString().slice(0, 10)}: ${used} moved > ${inForce.free[dim]} free`);
    }
  }
  return out;
}

/** The objective: waves, last date, and Σ days each dependency spans the sites. */
export function score(input: WaveInput, s: Schedule): { waves: number; end: string; splitDays: number } {
  const dates = [...new Set(s.values())].sort();
  let splitDays = 0;
  for (const d of input.dependencies) {
    const a = s.get(d.from);
    const b = s.get(d.to);
    if (a !== undefined && b !== undefined) splitDays += Math.abs(ms(a) - ms(b)) / DAY;
    else if (a !== undefined && input.atTarget.has(d.to)) splitDays += (ms(a) - ms(input.start)) / DAY;
    else if (b !== undefined && input.atTarget.has(d.from)) splitDays += (ms(b) - ms(input.start)) / DAY;
  }
  return { waves: dates.length, end: dates.at(-1) ?? '', splitDays };
}

/** Lexicographic comparison of scores (negative: a better). */
export function compareScores(a: ReturnType<typeof score>, b: ReturnType<typeof score>): number {
  return a.waves - b.waves || (a.end < b.end ? -1 : a.end > b.end ? 1 : 0) || a.splitDays - b.splitDays;
}

/** The best valid schedule by enumerating every date for every application (tiny inputs only). */
export function bruteForce(input: WaveInput): ReturnType<typeof score> | null {
  const dates: string[] = [];
  for (let t = ms(input.start); t <= ms(input.end); t += DAY) {
    if (input.weekdays.includes(new Date(t).getUTCDay())) dates.push(new Date(t).toISOString().slice(0, 10));
  }
  const ids = input.moving.map((a) => a.id);
  let best: ReturnType<typeof score> | null = null;
  const pick = new Array<string>(ids.length);
  const rec = (i: number): void => {
    if (i === ids.length) {
      const s = new Map(ids.map((id, j) => [id, pick[j]!]));
      if (violations(input, s).length) return;
      const sc = score(input, s);
      if (!best || compareScores(sc, best) < 0) best = sc;
      return;
    }
    for (const d of dates) {
      pick[i] = d;
      rec(i + 1);
    }
  };
  rec(0);
  return best;
}

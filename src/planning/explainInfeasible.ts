/**
 * Why no wave plan exists, said precisely: which move group breaks which limit. Checked in
 * order from the most specific (one group too big for any wave) to the most global (too few
 * cut-over days for the waves the totals need).
 */
import type { Problem } from '../model/errors.js';
import { dateOf, describeBlackout, inBlackout, type Blackout } from './calendar.js';
import { sizeDimensions, type WaveProblem } from './WaveProblem.js';
import { stageOneBound } from './waveBounds.js';
import { suffixMinima } from './greedyWaves.js';

/** Input the explanations quote: the groups' tight couplings and each application's blackouts. */
export interface ExplainContext {
  readonly couplings: readonly (readonly (readonly [string, string])[])[];
  readonly blackouts: ReadonlyMap<string, readonly Blackout[]>;
}

/** Every reason found; empty when the limits alone do not prove infeasibility. */
export function explainInfeasible(p: WaveProblem, ctx: ExplainContext): Problem[] {
  const out: Problem[] = [];
  const problem = (id: string, field: string, message: string): void => void out.push({ code: 'PLAN_INFEASIBLE', id, field, message });
  if (!p.days.length) {
    out.push({ code: 'PLAN_INFEASIBLE', field: 'days', message: `no allowed cut-over weekday between ${dateOf(p.startDay)} and the end of the horizon` });
    return out;
  }
  const room = suffixMinima(p);
  const last = p.days.length - 1;
  p.groups.forEach((g, gi) => {
    const name = g.apps.length > 1 ? `move group {${g.apps.join(', ')}} (tight couplings ${ctx.couplings[gi]!.map(([a, b]) => `${a}–${b}`).join(', ')})` : g.apps[0]!;
    const id = g.apps[0]!;
    if (g.apps.length > p.maxApps) problem(id, 'max-apps', `${name} has ${g.apps.length} applications; a wave takes at most ${p.maxApps} (--max-apps)`);
    if (g.size.vcpu > p.maxVcpu) problem(id, 'max-vcpu', `${name} needs ${g.size.vcpu} vCPU; a wave takes at most ${p.maxVcpu} (--max-vcpu)`);
    if (!g.allowed.includes(1)) {
      const blocking = g.apps.flatMap((a) => (ctx.blackouts.get(a) ?? []).filter((b) => p.days.some((d) => inBlackout(d, b))).map((b) => `${a}: ${describeBlackout(b)}`));
      problem(id, 'blackouts', `${name} has no allowed cut-over day between ${dateOf(p.days[0]!)} and ${dateOf(p.days[last]!)}: every one falls in a blackout (${blocking.join('; ')})`);
    }
    for (const d of sizeDimensions) {
      let most = -Infinity;
      for (let k = 0; k < p.days.length; k++) if (g.allowed[k]) most = Math.max(most, room[d][k]!);
      if (g.allowed.includes(1) && g.size[d] > most) problem(id, `capacity.${d}`, `${name} needs ${g.size[d]} ${d} at the target; it never has more than ${round(most)} free on an allowed day`);
    }
  });
  if (out.length) return out;
  for (const d of sizeDimensions) {
    const total = p.groups.reduce((s, g) => s + g.size[d], 0);
    if (total > room[d][last]!) {
      out.push({ code: 'PLAN_INFEASIBLE', field: `capacity.${d}`, message: `moving everything needs ${round(total)} ${d} at the target; it has ${round(room[d][last]!)} free on the last cut-over day ${dateOf(p.days[last]!)}` });
    }
  }
  const lb = stageOneBound(p);
  if (lb.waves > p.days.length) {
    out.push({ code: 'PLAN_INFEASIBLE', field: 'days', message: `the plan needs at least ${lb.waves} waves (${lb.how.filter((h) => !h.startsWith('end:')).join('; ')}), but there are only ${p.days.length} allowed cut-over days up to ${dateOf(p.days[last]!)} (extend --end, allow more --days or raise --max-apps/--max-vcpu)` });
  }
  return out;
}

function round(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 100) / 100) : 'unlimited';
}

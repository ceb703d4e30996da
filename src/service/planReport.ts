/**
 * A plan as the timeline holds it: per change set (wave) the date, the applications it
 * touches, their size, the dependencies that span sites after it, and the verdicts of the
 * estate after it (redundant, the headline, and survives). Derived from the stored change sets alone, so it also
 * describes hand-written or edited plans. Accepting and dropping move all of a plan's
 * proposed change sets at once.
 */
import { textOf, withPlanTexts } from './serverTexts.js';
import { VerbundError } from '../model/errors.js';
import type { Application, Device } from '../model/objectSchemas.js';
import { dependencyOf } from '../model/dependency.js';
import type { Plan } from '../store/planRepository.js';
import type { Estate } from '../timeline/Estate.js';
import { formatInstant, nowKey, type TimeKey } from '../timeline/time.js';
import { AnalysisService } from './AnalysisService.js';
import type { EstateService } from './EstateService.js';
// The results are the API's contract: declared in src/contracts.
import type { PlanReport, PlanStep } from '../contracts/index.js';
export type { PlanReport, PlanStep };

/** Describes a plan step by step. */
export async function planReport(service: EstateService, name: string): Promise<PlanReport> {
  const plan = await planNamed(service, name);
  const all = await service.changeSetsWithChanges((c) => c.plan === name);
  const touched = new Set(all.flatMap((c) => c.changes.filter((ch) => ch.op === 'update' || ch.op === 'create').map((ch) => ch.id)));
  const ids = new Set(all.map((c) => c.id));
  const after = new Map<string, Pick<PlanStep, 'applications' | 'size' | 'splits' | 'placement'>>();
  // The instances of the plan's applications before each step, to say where each step puts them.
  const instancesBefore = new Map<string, readonly string[]>();
  // One walk of the timeline: the check's verdicts, and what each of the plan's change sets moved.
  const check = await new AnalysisService(service).timelineCheck(name, (step) => {
    const placement: PlanStep['placement'] = [];
    for (const id of touched) {
      const now = ((step.estate.get(id) as Application | undefined)?.instances ?? []) as string[];
      const was = instancesBefore.get(id) ?? [];
      const from = was.filter((i) => !now.includes(i));
      const to = now.filter((i) => !was.includes(i));
      if (from.length || to.length) placement.push({ application: id, from, to });
      instancesBefore.set(id, now);
    }
    placement.sort((a, b) => (a.application < b.application ? -1 : 1));
    for (const h of step.changesets) {
      if (!ids.has(h.id)) continue;
      const cs = all.find((c) => c.id === h.id)!;
      // An update that only marks an application `migrating` announces a later wave; it moves nothing now.
      const moves = cs.changes.filter((ch) => !(ch.op === 'update' && Object.keys(ch.fields).length === 1 && ch.fields.status === 'migrating'));
      const apps = [...new Set(moves.map((ch) => ch.id))].filter((id) => step.estate.get(id)?.kind === 'application').sort();
      // Two change sets of the plan on one instant share the step: each shows the applications it changes.
      after.set(h.id, { applications: apps, size: sizeOf(step.estate, apps), splits: splitDependencies(step.estate, touched), placement: placement.filter((p) => cs.changes.some((ch) => ch.id === p.application)) });
    }
  });
  const verdictOf = new Map<string, PlanStep['verdict']>();
  for (const s of check.steps) {
    for (const c of s.changesets) {
      verdictOf.set(c.id, {
        services: s.services,
        surviving: s.surviving,
        failing: s.failing,
        lost: s.lost.length,
        weakened: s.weakened.length,
        regained: s.regained.length,
        redundant: s.redundant,
        lostRedundancy: s.lostRedundancy.length,
        regainedRedundancy: s.regainedRedundancy.length,
      });
    }
  }
  const steps: PlanStep[] = all
    .sort((a, b) => (a.effectiveKey < b.effectiveKey ? -1 : a.effectiveKey > b.effectiveKey ? 1 : a.seq - b.seq))
    .map((c) => {
      const a = after.get(c.id);
      return {
        changeset: c.id,
        title: c.title,
        text: textOf(c.title),
        date: formatInstant(c.effectiveKey),
        status: c.status,
        applications: a?.applications ?? [],
        size: a?.size ?? { vcpu: 0, ram_gb: 0, storage_tb: 0 },
        splits: a?.splits ?? [],
        placement: a?.placement ?? [],
        verdict: verdictOf.get(c.id) ?? null,
      };
    });
  return { plan: withPlanTexts(plan), steps, problems: check.problems };
}

/** Options of {@link setPlanStatus}. */
export interface PlanStatusOptions {
  /** Accept waves whose date has passed, recording them `done` (they happened as planned). */
  readonly backdate?: boolean | undefined;
  /** Whether the caller may backdate (an operator); checked only when `backdate` is asked. */
  readonly mayBackdate?: boolean | undefined;
  /** The present (default: now); waves before it lie in the past. */
  readonly now?: TimeKey | undefined;
}

/** What accepting or dropping wrote. */
export interface PlanStatusResult {
  /** Change sets that became scheduled (accept) or cancelled (drop). */
  readonly changed: string[];
  /** Change sets of past waves recorded as done (accept with backdate). */
  readonly done: string[];
}

/**
 * Moves every proposed change set of a plan to `to` (scheduled: accept; cancelled: drop) in
 * one transaction. Accepting never rewrites history: a wave dated before now is refused, or,
 * with `backdate` (operators only), recorded as `done`.
 */
export async function setPlanStatus(service: EstateService, name: string, to: 'scheduled' | 'cancelled', o: PlanStatusOptions = {}): Promise<PlanStatusResult> {
  await planNamed(service, name);
  const proposed = (await service.changeSets()).filter((h) => h.plan === name && h.status === 'proposed');
  if (!proposed.length) throw new VerbundError('INVALID_TRANSITION', `plan "${name}" has no proposed change sets left to ${to === 'scheduled' ? 'accept' : 'drop'}`);
  const now = o.now ?? nowKey();
  const past = to === 'scheduled' ? proposed.filter((h) => h.effectiveKey < now) : [];
  if (past.length && !o.backdate) {
    throw new VerbundError(
      'INVALID_TRANSITION',
      `plan "${name}" has ${past.length} change set${past.length > 1 ? 's' : ''} dated before now (${past.map((h) => `${h.id} on ${formatInstant(h.effectiveKey)}`).join(', ')}): accepting would rewrite history; plan again from today, or record them as done with --backdate (operators)`,
      past.map((h) => ({ code: 'INVALID_TRANSITION', changeset: h.id, field: 'effective', message: `${formatInstant(h.effectiveKey)} is in the past` })),
    );
  }
  if (past.length && !o.mayBackdate) throw new VerbundError('FORBIDDEN', `only an operator may record past waves as done (--backdate)`);
  const done = new Set(past.map((h) => h.id));
  await service.setStatus(proposed.map((h) => ({ id: h.id, to: done.has(h.id) ? ('done' as const) : to })));
  return { changed: proposed.filter((h) => !done.has(h.id)).map((h) => h.id), done: [...done] };
}

async function planNamed(service: EstateService, name: string): Promise<Plan> {
  const plan = (await service.plans()).find((p) => p.id === name);
  if (!plan) throw new VerbundError('UNKNOWN_PLAN', `no plan "${name}"`);
  return plan;
}

function sizeOf(estate: Estate, apps: readonly string[]): PlanStep['size'] {
  const size = { vcpu: 0, ram_gb: 0, storage_tb: 0 };
  for (const id of apps) {
    const a = estate.get(id) as Application;
    for (const d of ['vcpu', 'ram_gb', 'storage_tb'] as const) size[d] += a.size?.[d] ?? 0;
  }
  return size;
}

/** Dependencies from or to `apps` whose two applications run on no common site. */
export function splitDependencies(estate: Estate, apps: ReadonlySet<string>): PlanStep['splits'] {
  const sitesOf = (id: string): Set<string> => {
    const a = estate.get(id) as Application | undefined;
    return new Set((a?.instances ?? []).map((i) => (estate.get(i) as Device | undefined)?.site).filter((s): s is string => s !== undefined));
  };
  const out: PlanStep['splits'] = [];
  for (const a of estate.ofKind('application')) {
    if (a.status === 'retired') continue;
    for (const d of a.depends_on ?? []) {
      const { application, coupling } = dependencyOf(d);
      if (!apps.has(a.id) && !apps.has(application)) continue;
      const x = sitesOf(a.id);
      const y = sitesOf(application);
      if (x.size && y.size && ![...x].some((s) => y.has(s))) out.push({ from: a.id, to: application, coupling });
    }
  }
  return out;
}

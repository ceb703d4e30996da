/**
 * Joint operation as use cases: list the candidates of a view, and write the consolidation
 * of one of them as a proposed plan that the timeline check then verifies.
 */
import type { JointQuerystring } from '../contracts/requests/plans.js';
import { VerbundError } from '../model/errors.js';
import { ID_RULE, idSchema } from '../model/objectSchemas.js';
import { consolidation, jointCandidates as findCandidates, productKey, type JointCandidate } from '../planning/jointCandidates.js';
import { jointChanges } from '../planning/jointChanges.js';
import { dayOf, inBlackout } from '../planning/calendar.js';
import type { Application } from '../model/objectSchemas.js';
import { displayInstant, formatInstant, nowKey, parseInstant, type TimeKey } from '../timeline/time.js';
import type { Estate } from '../timeline/Estate.js';
import type { EstateService } from './EstateService.js';
import { english, notice, textOf } from './serverTexts.js';
// The results are the API's contract: declared in src/contracts.
import type { ApplyJointOptions, ApplyJointResult, JointCandidatesReport } from '../contracts/index.js';
export type { ApplyJointOptions, ApplyJointResult, JointCandidatesReport };

/** The candidates of an estate, found once per estate (the API's snapshots are cached per estate version and shared). */
const found = new WeakMap<Estate, JointCandidate[]>();
function candidatesOf(estate: Estate): JointCandidate[] {
  let list = found.get(estate);
  if (!list) found.set(estate, (list = findCandidates(estate)));
  return list;
}

/**
 * Joint-operation candidates of a view (baseline or plan) at an instant; with `product`, only
 * that one's. `read`: the view's estate, when the caller has it already (the API's cached
 * snapshot); else it is read.
 */
export async function jointCandidates(service: EstateService, view: JointQuerystring = {}, read?: { readonly at: TimeKey; readonly estate: Estate }): Promise<JointCandidatesReport> {
  const { at, estate } = read ?? (await service.estate(view));
  const all = candidatesOf(estate);
  const { product } = view;
  const chosen = product === undefined ? all : all.filter((c) => productKey(c.product) === productKey(product));
  const consolidating = await consolidationPlans(service);
  const plansOf = (c: JointCandidate): string[] => [...new Set(c.applications.flatMap((a) => consolidating.get(a.id) ?? []))].sort();
  return { at, plan: view.plan ?? null, candidates: chosen.map((c) => ({ ...c, plans: plansOf(c) })) };
}

/**
 * Per application, the plans (proposed or accepted, not cancelled) whose change sets make it
 * `joint` or `retired`: a candidate with such an application is in a plan already.
 */
async function consolidationPlans(service: EstateService): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const cs of await service.changeSetsWithChanges((h) => h.plan !== undefined && (h.status === 'proposed' || h.status === 'scheduled'))) {
    if (!cs.plan) continue;
    for (const ch of cs.changes) {
      if (ch.op !== 'update' || (ch.fields.status !== 'joint' && ch.fields.status !== 'retired')) continue;
      out.set(ch.id, [...(out.get(ch.id) ?? []), cs.plan]);
    }
  }
  return out;
}

/**
 * Writes one proposed change set in a new plan that consolidates a candidate of the
 * baseline at the effective date (see {@link jointChanges} for what it changes). Refuses,
 * writing nothing, when the plan id is invalid or taken, the product is no candidate then,
 * or `keep` is not one of its applications.
 */
export async function applyJoint(service: EstateService, opts: ApplyJointOptions): Promise<ApplyJointResult> {
  if (!idSchema.safeParse(opts.plan).success) throw new VerbundError('INVALID_INPUT', `"${opts.plan}" is no valid plan id: ${ID_RULE}`);
  if ((await service.plans()).some((p) => p.id === opts.plan)) throw new VerbundError('CONFLICT', `plan "${opts.plan}" already exists; choose another name`);
  const effective = opts.effective ?? firstOfNextMonth(nowKey());
  const at = parseInstant(effective, 'effective');
  const { estate } = await service.estate({ at: effective });
  const found = pick(findCandidates(estate), opts.product, at);
  const keep = opts.keep ?? found.keep;
  if (!found.applications.some((a) => a.id === keep)) {
    throw new VerbundError('INVALID_INPUT', `"${keep}" is not an application of the ${found.product} candidate; its applications are ${found.applications.map((a) => a.id).join(', ')}`);
  }
  const candidate = keep === found.keep ? found : consolidation(estate, found.applications, keep);
  const { changes, usages, dependents } = jointChanges(estate, candidate);
  const title = opts.title ?? english('plan.joint', { product: candidate.product });
  const csTitle = english('plan.jointChange', { product: candidate.product, keep, retired: candidate.frees.applications.join(', ') });
  const id = `cs-${at.slice(0, 10)}-${opts.plan}`.slice(0, 64).replace(/[-._]+$/, '');
  const f = candidate.frees;
  const day = dayOf(at);
  const blackouts = candidate.applications.flatMap((a) =>
    ((estate.get(a.id) as Application | undefined)?.blackouts ?? []).filter((b) => inBlackout(day, b)).map((b) => ({ application: a.id, from: b.from, to: b.to, reason: b.reason ?? null })),
  );
  const notices = blackouts.map((b) => {
    const params = { at: displayInstant(at), application: b.application, from: b.from, to: b.to };
    return b.reason ? notice('joint.blackoutReason', { ...params, reason: b.reason }) : notice('joint.blackout', params);
  });
  // The notes are stored in English (the fallback) and answered with their code, as titles are.
  const planNotes = english('joint.consolidates', { applications: candidate.applications.map((a) => a.id).join(', '), product: candidate.product, keep });
  const instances = f.instances.join(', ');
  // The candidate's note says the versions differ (jointCandidates): its text is the code's.
  const versions = candidate.compatible ? '' : candidate.versions.join(' vs ');
  const freesCode = instances ? (versions ? 'joint.freesInstancesCheck' : 'joint.freesInstances') : versions ? 'joint.freesCheck' : 'joint.frees';
  const notes = english(freesCode, { usages: usages.length, keep, vcpu: f.size.vcpu, ram: f.size.ram_gb, storage: f.size.storage_tb, instances, versions });
  if (!opts.dryRun) await service.addChangeSets({
    plans: [{ id: opts.plan, title, notes: planNotes }],
    changesets: [{ id, title: csTitle, effective, status: 'proposed', plan: opts.plan, notes, changes }],
  });
  return {
    plan: { id: opts.plan, title, text: textOf(title), notes: planNotes, notesText: textOf(planNotes) },
    changeset: { id, title: csTitle, text: textOf(csTitle), effective: formatInstant(at), changes: changes.length, notes, notesText: textOf(notes) },
    candidate,
    usages,
    dependents,
    warnings: notices.map((n) => n.message),
    notices,
    blackouts,
    written: !opts.dryRun,
  };
}

/** The candidate of `product`, or the only one when no product is given. */
function pick(candidates: readonly JointCandidate[], product: string | undefined, at: TimeKey): JointCandidate {
  const list = candidates.map((c) => `"${c.product}"`).join(', ') || 'none';
  if (product === undefined) {
    if (candidates.length === 1) return candidates[0]!;
    throw new VerbundError('USAGE', `choose the candidate to consolidate with a product; candidates at ${displayInstant(at)}: ${list}`);
  }
  const found = candidates.find((c) => productKey(c.product) === productKey(product));
  if (!found) throw new VerbundError('NOT_FOUND', `no joint-operation candidate for product "${product}" at ${displayInstant(at)}; candidates: ${list}`);
  return found;
}

/** The first day of the month after `at`, as a date. */
function firstOfNextMonth(at: TimeKey): string {
  const d = new Date(at);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

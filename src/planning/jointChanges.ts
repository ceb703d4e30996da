/**
 * The changes that consolidate a joint-operation candidate onto its keeper, shaped like the
 * hand-written consolidations of the OWL-IT example (`cs-2027-05-finanzwesen-gemeinsam`).
 * Pure: reads the estate the change set will apply to.
 */
import { dependencyId, dependencyOf } from '../model/dependency.js';
import type { Dependency } from '../model/objectSchemas.js';
import type { UpdateChange } from '../timeline/changeSet.js';
import type { Estate } from '../timeline/Estate.js';
import type { ApplicationObject, JointCandidate } from './jointCandidates.js';

/** The updates of a consolidation, and which objects they touch. */
export interface JointChanges {
  readonly changes: UpdateChange[];
  /** Usages moved to the keeper. */
  readonly usages: string[];
  /** Applications whose `depends_on` now names the keeper instead of a retired application. */
  readonly dependents: string[];
}

/**
 * Consolidates `c` onto `c.keep`:
 * - the keeper becomes `joint`, is operated by `c.operator`, and its size becomes the sum of
 *   the group's sizes (only the dimensions some member gives): one installation now carries
 *   every user and all data; shrinking it is a later, measured decision;
 * - every usage of a retired application is re-pointed to the keeper;
 * - every other application that is not retired and depends on a retired one depends on the
 *   keeper instead, with the same coupling (the tighter one if it already depended on it);
 * - the others become `retired` and give up their instances (as the generator retires
 *   applications), so that freed devices can later be deleted without a dangling reference.
 */
export function jointChanges(estate: Estate, c: JointCandidate): JointChanges {
  const retired = new Set(c.frees.applications);
  const keeper = estate.get(c.keep) as ApplicationObject;
  const group = c.applications.map((a) => estate.get(a.id) as ApplicationObject);
  const keeperFields: Record<string, unknown> = { status: 'joint' };
  if (c.operator !== null && c.operator !== keeper.operator) keeperFields.operator = c.operator;
  const size: Record<string, number> = {};
  for (const dim of ['vcpu', 'ram_gb', 'storage_tb'] as const) if (group.some((a) => a.size?.[dim] !== undefined)) size[dim] = c.keeperSize[dim];
  if (Object.keys(size).length) keeperFields.size = size;
  const ownDeps = keeper.depends_on && repoint(keeper.depends_on, retired, c.keep, c.keep);
  if (ownDeps) keeperFields.depends_on = ownDeps;

  const changes: UpdateChange[] = [{ op: 'update', id: c.keep, fields: keeperFields }];
  const usages: string[] = [];
  for (const u of estate.ofKind('usage')) if (retired.has(u.application)) usages.push(u.id);
  usages.sort();
  for (const id of usages) changes.push({ op: 'update', id, fields: { application: c.keep } });

  const dependents: string[] = [];
  for (const a of estate.ofKind('application')) {
    if (a.id === c.keep || retired.has(a.id) || a.status === 'retired' || !a.depends_on) continue;
    const deps = repoint(a.depends_on, retired, c.keep, a.id);
    if (deps) {
      dependents.push(a.id);
      changes.push({ op: 'update', id: a.id, fields: { depends_on: deps } });
    }
  }
  for (const id of c.frees.applications) changes.push({ op: 'update', id, fields: { status: 'retired', instances: null } });
  return { changes, usages, dependents: dependents.sort() };
}

const target = dependencyId;
const isTight = (d: Dependency): boolean => dependencyOf(d).coupling === 'tight';

/**
 * `deps` with every retired application replaced by the keeper, duplicates merged (tight
 * wins) and a dependency of `self` on itself dropped; undefined when nothing changes.
 */
function repoint(deps: readonly Dependency[], retired: ReadonlySet<string>, keep: string, self: string): Dependency[] | undefined {
  if (!deps.some((d) => retired.has(target(d)))) return undefined;
  const out: Dependency[] = [];
  const at = new Map<string, number>();
  for (const d of deps) {
    const to = retired.has(target(d)) ? keep : target(d);
    if (to === self) continue;
    const moved: Dependency = typeof d === 'string' ? to : { ...d, application: to };
    const i = at.get(to);
    if (i === undefined) {
      at.set(to, out.length);
      out.push(moved);
    } else if (isTight(moved) && !isTight(out[i]!)) {
      out[i] = moved;
    }
  }
  return out;
}

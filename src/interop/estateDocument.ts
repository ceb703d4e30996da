/**
 * The parsed, not yet validated content of estate files: what an import writes.
 */
import type { ChangeSetInput, CreateChange, Origin } from '../timeline/changeSet.js';
import type { PlanInput } from '../timeline/plan.js';

/** Metadata of the change set that the top-level objects form. */
export interface InitialMeta {
  readonly id?: string;
  readonly title?: string;
  readonly effective?: string;
  readonly author?: string;
  readonly notes?: string;
  readonly origin?: Origin;
}

/** One or more estate files, merged. */
export interface EstateDocument {
  readonly initial?: InitialMeta;
  /** Top-level objects, created by the initial change set. */
  readonly objects: CreateChange[];
  readonly plans: PlanInput[];
  readonly changesets: ChangeSetInput[];
}

/** An empty document. */
export function emptyDocument(): EstateDocument {
  return { objects: [], plans: [], changesets: [] };
}

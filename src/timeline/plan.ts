/**
 * Plans: named scenarios that group proposed change sets (docs/design.md, "Time model").
 * The types live in the timeline so that the files (interop), the store and the service
 * share them without importing one another.
 */
import type { ChangeSetInput } from './changeSet.js';

/** A plan as stored. */
export interface Plan {
  readonly id: string;
  readonly title: string;
  readonly notes?: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** A new plan, as read from a file or a request. */
export interface PlanInput {
  readonly id: string;
  readonly title?: string;
  readonly notes?: string;
  readonly origin?: ChangeSetInput['origin'];
}

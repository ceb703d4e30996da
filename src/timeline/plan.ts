/**
 * Plans: named scenarios that group proposed change sets (docs/design.md, "Time model").
 * The types live in the timeline so that the files (interop), the store and the service
 * share them without importing one another.
 */
import type { ChangeSetInput } from './changeSet.js';
// A stored plan is part of the API's contract (the plans listed): declared in src/contracts.
import type { PlanInfo as Plan } from '../contracts/planning.js';
export type { Plan };

/** A new plan, as read from a file or a request. */
export interface PlanInput {
  readonly id: string;
  readonly title?: string;
  readonly notes?: string;
  readonly origin?: ChangeSetInput['origin'];
}

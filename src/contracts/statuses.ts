/**
 * The status vocabularies the API answers with and filters by: of change sets, of the
 * applications' migration progress, of the check's verdicts. Held here so that the layer
 * that produces a status and the client that shows it read one list.
 */

// Change-set statuses are the model's (the timeline's vocabulary); the check's verdict filter is
// declared with its request schema. Both re-exported here so that a client reads one list.
export { changeSetStatuses, type ChangeSetStatus } from '../model/changeSetStatuses.js';
export { checkVerdicts, type CheckVerdict } from './requests/analyses.js';

/** The statuses migration progress counts, in the order a burn-up chart stacks them. */
export const migrationStatuses = ['legacy', 'migrating', 'migrated', 'joint', 'planned', 'retired'] as const;

/** One application status of the migration progress report. */
export type MigrationStatus = (typeof migrationStatuses)[number];

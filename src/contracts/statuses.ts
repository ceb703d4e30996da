/**
 * The status vocabularies the API answers with and filters by: of change sets, of the
 * applications' migration progress, of the check's verdicts. Held here so that the layer
 * that produces a status and the client that shows it read one list.
 */

/** Statuses of a change set: the baseline is done and scheduled; proposed ones belong to plans. */
export const changeSetStatuses = ['done', 'scheduled', 'proposed', 'cancelled'] as const;

/** A change-set status. */
export type ChangeSetStatus = (typeof changeSetStatuses)[number];

/** The statuses migration progress counts, in the order a burn-up chart stacks them. */
export const migrationStatuses = ['legacy', 'migrating', 'migrated', 'joint', 'planned', 'retired'] as const;

/** One application status of the migration progress report. */
export type MigrationStatus = (typeof migrationStatuses)[number];

/** The verdicts a check can be filtered by. */
export const checkVerdicts = ['surviving', 'failing', 'up', 'down', 'redundant', 'not-redundant', 'georedundant', 'not-georedundant'] as const;

/** A verdict filter of the check. */
export type CheckVerdict = (typeof checkVerdicts)[number];

/**
 * The statuses of a change set (docs/file-format.md, "Change sets"): vocabulary of the
 * timeline, of the requests that write or filter change sets, and of the web UI.
 */

/** Every status of a change set. `done` and `scheduled` form the baseline. */
export const changeSetStatuses = ['done', 'scheduled', 'proposed', 'cancelled'] as const;

/** Status of a change set. */
export type ChangeSetStatus = (typeof changeSetStatuses)[number];

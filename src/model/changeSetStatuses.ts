/**
 * The statuses of a change set (docs/file-format.md, "Change sets"): vocabulary of the
 * timeline, of the requests that write or filter change sets, and of the web UI.
 */

/** Every status of a change set. `done` and `scheduled` form the baseline. */
export const changeSetStatuses = ['done', 'scheduled', 'proposed', 'cancelled'] as const;

/** Status of a change set. */
export type ChangeSetStatus = (typeof changeSetStatuses)[number];

/** True for the change sets of the baseline (done and scheduled). */
export function isBaseline(status: ChangeSetStatus): boolean {
  return status === 'done' || status === 'scheduled';
}

/**
 * True if the change set belongs to the view of the baseline overlaid with `plan` (the
 * timeline's views; the web UI's timeline picks a date's change sets by it too).
 */
export function inView(cs: { readonly status: ChangeSetStatus; readonly plan?: string | null | undefined }, plan: string | undefined): boolean {
  return isBaseline(cs.status) || (plan !== undefined && cs.status === 'proposed' && cs.plan === plan);
}

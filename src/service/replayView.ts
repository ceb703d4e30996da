/**
 * How a write replays a view of the timeline it changes (the baseline, or the baseline with
 * a plan): incrementally (replayDifference: in proportion to what the write changes), or in
 * full from the earliest instant it changes (the whole estate loaded there, every later
 * change set applied) when that would be cheaper — a big import — or when asked (the tests
 * compare both). Both find the same problems and give the same versions.
 */
import type { Kysely } from 'kysely';
import type { Problem } from '../model/errors.js';
import type { Database } from '../store/schema.js';
import { VersionRowBuilder, type ChangeSetVersions } from '../store/versionRepository.js';
import { END_OF_TIME, type TimeKey } from '../timeline/time.js';
import { append } from '../util/append.js';
import { replayFrom } from './readView.js';
import { replayDifference, type DifferenceInput } from './replayDifference.js';

/**
 * How many changes an incremental replay may apply: beyond, reading each object where a
 * change set looks costs more than loading the estate once (docs/design.md, "Writes").
 */
export const INCREMENTAL_BUDGET = 20_000;

/** How to replay: `auto` (incremental within {@link INCREMENTAL_BUDGET}, else full), or one way only (tests). */
export type ReplayMode = 'auto' | 'full' | 'incremental';

/** What the replay wrote down for the write phase. */
export type Replayed =
  | { readonly how: 'full'; readonly from: TimeKey; readonly builder: VersionRowBuilder; readonly objects: number }
  | { readonly how: 'incremental'; readonly replaced: readonly number[]; readonly written: readonly ChangeSetVersions[] };

/** The problems and warnings of a view after a write, and how to write its versions. */
export interface ViewReplay {
  readonly problems: Problem[];
  readonly warnings: Problem[];
  readonly replayed: Replayed;
}

/**
 * Replays a view from `input.from` on. `changes`: how many changes the write itself brings
 * (when they alone exceed the budget, the full replay is taken at once); `rows`: whether the
 * full replay collects version rows (the baseline's), or only validates (a plan's).
 */
export async function replayView(
  db: Kysely<Database>,
  input: Omit<DifferenceInput, 'budget'>,
  opts: { readonly mode?: ReplayMode | undefined; readonly changes: number; readonly rows: boolean },
): Promise<ViewReplay> {
  const mode = opts.mode ?? 'auto';
  if (mode === 'incremental' || (mode === 'auto' && opts.changes <= INCREMENTAL_BUDGET)) {
    const r = await replayDifference(db, { ...input, budget: mode === 'incremental' ? Number.POSITIVE_INFINITY : INCREMENTAL_BUDGET });
    if (r) return { problems: r.problems, warnings: r.warnings, replayed: { how: 'incremental', replaced: r.replaced, written: r.written } };
  }
  const builder = new VersionRowBuilder();
  const warnings: Problem[] = [];
  const view = await replayFrom(
    db,
    input.after,
    input.from,
    END_OF_TIME,
    (cs, versions, estate) => {
      if (opts.rows) builder.add(cs, versions);
      if (input.warn) append(warnings, input.warn(cs, estate));
    },
    input.onApplied,
  );
  return { problems: view.problems, warnings, replayed: { how: 'full', from: input.from, builder, objects: view.estate.size } };
}

/**
 * Estates for tests, built the way an import builds them: a document read by the file
 * reader, its top-level objects as the initial change set, then the timeline replayed.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { generateEstate, type GenerateOptions } from '../../src/synthetic/generateEstate.js';
import type { EstateDocument } from '../../src/interop/estateDocument.js';
import { readEstatePath } from '../../src/interop/readEstatePath.js';
import { toEstateDocument } from '../../src/interop/toEstateDocument.js';
import type { ChangeSet } from '../../src/timeline/changeSet.js';
import type { Estate } from '../../src/timeline/Estate.js';
import { estateAt } from '../../src/timeline/replay.js';
import { END_OF_TIME, parseInstant } from '../../src/timeline/time.js';

/** The change sets of a document in recording order: the initial one first. */
export function changeSetsOf(doc: EstateDocument): ChangeSet[] {
  const initial = { id: doc.initial?.id ?? 'initial', title: 'initial', effective: doc.initial?.effective ?? '0001-01-01', status: 'done' as const, changes: doc.objects };
  return [initial, ...doc.changesets].map((cs, seq) => ({ ...cs, seq, effectiveKey: parseInstant(cs.effective) }));
}

/** The change sets of the OWL-IT example. */
export function owlChangeSets(): ChangeSet[] {
  const read = readEstatePath(join(import.meta.dirname, '..', '..', 'examples', 'owl-it'));
  assert.deepEqual(read.problems, []);
  return changeSetsOf(read.doc);
}

/** The OWL-IT example at a date (baseline, or with a plan). */
export function owlAt(date: string, plan?: string): Estate {
  const { estate, problems } = estateAt(owlChangeSets(), parseInstant(date), plan);
  assert.deepEqual(problems, []);
  return estate;
}

/** A generated estate at the end of its baseline timeline. */
export function generatedEstate(opts: GenerateOptions): Estate {
  const doc = generateEstate(opts);
  const read = toEstateDocument(JSON.parse(JSON.stringify(doc)), 'generated.json');
  assert.deepEqual(read.problems, []);
  const { estate, problems } = estateAt(changeSetsOf({ ...read.doc, initial: doc.initial }), END_OF_TIME);
  assert.deepEqual(problems, []);
  return estate;
}

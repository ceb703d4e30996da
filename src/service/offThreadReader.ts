/**
 * How the API reads a large estate: over a SQLite file, in a thread of its own
 * (readEstateOffThread), so that the thread answering requests is free meanwhile
 * (docs/api.md, "Heavy analyses"). PostgreSQL answers asynchronously anyway: there the
 * estate is read as before.
 */
import type { Store } from '../store/openStore.js';
import { readEstateOffThread } from '../store/readEstateOffThread.js';
import type { AnalysisServiceOptions } from './AnalysisService.js';

/** The `offThread` option of AnalysisService for a store, or undefined where it does not apply. */
export function offThreadReader(store: Store): AnalysisServiceOptions['offThread'] {
  const file = store.file;
  return file === undefined ? undefined : { read: (at) => readEstateOffThread(file, at) };
}

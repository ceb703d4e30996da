/**
 * Catalogue errors as plain data, to cross a thread boundary (the analysis pool's threads,
 * the writer thread) and come back as the same VerbundError.
 */
import { VerbundError, type ErrorCode, type Problem } from '../model/errors.js';

/** An error as it crosses a thread boundary (structured clone keeps no class). */
export interface ErrorOut {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly problems: readonly Problem[] };
}

/** A catalogue error as plain data; anything else is rethrown (an internal error). */
export function errorOut(e: unknown): ErrorOut {
  if (e instanceof VerbundError) return { error: { code: e.code, message: e.message, problems: e.problems } };
  throw e;
}

/** The catalogue error back from plain data. */
export function errorIn(out: ErrorOut): VerbundError {
  return new VerbundError(out.error.code, out.error.message, out.error.problems);
}

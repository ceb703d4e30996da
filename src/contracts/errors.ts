/**
 * How the API says no: every error answer is `{ error: { code, message, details } }` with a
 * code of the one catalogue (docs/errors.md) and the problems found, each located where known.
 */
import type { ErrorCode, Problem } from '../model/errors.js';

export type { ErrorCode, Problem } from '../model/errors.js';

/** The error body of every failed request. */
export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly details: readonly Problem[] };
}

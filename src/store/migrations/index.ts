/**
 * Every migration, in order. Static imports keep them in the compiled bundle.
 */
import type { Migration } from 'kysely';
import * as m0001 from './0001_timeline.js';

/** Migrations by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '0001_timeline': m0001,
};

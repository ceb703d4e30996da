/**
 * Every migration, in order. Static imports keep them in the compiled bundle.
 */
import type { Migration } from 'kysely';
import * as m0001 from './0001_timeline.js';
import * as m0002 from './0002_accounts.js';
import * as m0003 from './0003_change_object.js';
import * as m0004 from './0004_object_ref.js';

/** Migrations by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '0001_timeline': m0001,
  '0002_accounts': m0002,
  '0003_change_object': m0003,
  '0004_object_ref': m0004,
};

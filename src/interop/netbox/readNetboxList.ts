/** Checks the shape of one NetBox list answer (`{count, next, previous, results}`). */
import { VerbundError } from '../../model/errors.js';
import type { NbObject } from './NetboxPull.js';

/** One page (or a merged file) of a list endpoint. */
export interface NetboxPage {
  readonly count: number;
  readonly next: string | null;
  readonly results: readonly NbObject[];
}

/** Returns the page, or throws INVALID_INPUT naming `where` and what is wrong. */
export function readNetboxList(body: unknown, where: string): NetboxPage {
  const b = body as Record<string, unknown> | null;
  if (typeof b !== 'object' || b === null || !Array.isArray(b.results) || typeof b.count !== 'number') {
    throw new VerbundError('INVALID_INPUT', `${where}: not a NetBox list answer (expected {"count", "next", "results": [...]})`);
  }
  b.results.forEach((r: unknown, i: number) => {
    if (typeof r !== 'object' || r === null || typeof (r as { id?: unknown }).id !== 'number') {
      throw new VerbundError('INVALID_INPUT', `${where}: results[${i}] has no numeric "id"`);
    }
  });
  const next = typeof b.next === 'string' && b.next !== '' ? b.next : null;
  return { count: b.count, next, results: b.results as NbObject[] };
}

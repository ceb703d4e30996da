/** Reading a numeric option of the command line. */
import { VerbundError } from '../model/errors.js';

/** The option's value as a positive number (undefined when not given); USAGE naming the option otherwise. */
export function positiveNumber(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new VerbundError('USAGE', `${name}: "${v}" is not a positive number`);
  return n;
}

/**
 * Appends items to an array in place. `target.push(...items)` passes every item as an
 * argument and overflows the stack for large arrays (an estate has hundreds of thousands).
 */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}

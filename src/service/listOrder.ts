/**
 * The order of the API's lists (`?sort=field`, `-field` descending), one rule for every list
 * the server orders: numbers by value, texts by the German collation, absent values last,
 * ties in the order given (the lists come in id order, so ties are by id).
 */

/** A value to order by: a number, a text, or undefined (absent: last either way). */
export type OrderKey = number | string | undefined;

const collator = new Intl.Collator('de', { numeric: true, sensitivity: 'base' });

/** Compares two texts as the lists order them (German collation, numbers in texts by value). */
export function compareTexts(a: string, b: string): number {
  return collator.compare(a, b);
}

/**
 * The items (given in id order) ordered by `sort` (`-field`: descending). `keyOf` reads an
 * item's key for a field; by default the field itself (see {@link fieldKey}). Stable.
 */
export function sortedBy<T>(list: readonly T[], sort: string, keyOf: (item: T, field: string) => OrderKey = fieldKey): T[] {
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  const keyed = list.map((o) => ({ o, k: keyOf(o, field) }));
  keyed.sort((a, b) => {
    if (a.k === undefined || b.k === undefined) return a.k === b.k ? 0 : a.k === undefined ? 1 : -1;
    const c = typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : collator.compare(String(a.k), String(b.k));
    return desc ? -c : c;
  });
  return keyed.map((x) => x.o);
}

/** A field's key: a number as it is, anything else as its values' text (see {@link valuesOf}). */
export function fieldKey(o: unknown, field: string): OrderKey {
  const v = (o as Record<string, unknown>)[field];
  return typeof v === 'number' ? v : v === undefined || v === null ? undefined : valuesOf(o, field).join(', ');
}

/** The values of a field as texts: a list's items (a dependency by its application), or the one value. */
export function valuesOf(o: unknown, field: string): string[] {
  const v = (o as Record<string, unknown>)[field];
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.map((x) => (x !== null && typeof x === 'object' ? String((x as { application?: unknown }).application) : String(x)));
  return [String(v)];
}

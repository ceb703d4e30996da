/**
 * Field-level differences between two versions of an object, for the history and for the
 * side-by-side of a write conflict. Groups (location, capacity, size) compare field by field
 * (`capacity.power_kw`); lists compare whole.
 */

/** One field that differs: its path and both values (undefined: absent). */
export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

const isGroup = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The fields of an object with groups spread out (`capacity.power_kw`), without id and kind. */
export function flatFields(obj: Record<string, unknown> | undefined): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj ?? {})) {
    if (k === 'id' || k === 'kind') continue;
    if (isGroup(v)) for (const [sub, x] of Object.entries(v)) out.set(`${k}.${sub}`, x);
    else out.set(k, v);
  }
  return out;
}

/** Every field whose value differs between two versions (either may be absent: created, deleted). */
export function fieldChanges(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): FieldChange[] {
  const a = flatFields(before);
  const b = flatFields(after);
  const fields = [...new Set([...a.keys(), ...b.keys()])];
  return fields.filter((f) => JSON.stringify(a.get(f)) !== JSON.stringify(b.get(f))).map((f) => ({ field: f, before: a.get(f), after: b.get(f) }));
}

/**
 * The edit form's model, without React: an object's fields as the inputs hold them (texts as
 * typed), and the JSON merge patch they mean. A field is removed only when the user removed
 * it explicitly; an emptied input of a field that has a value is an error, never a deletion,
 * and a number that does not parse is an error, never null (docs/ui.md, "Editing").
 */
import type { FieldSpec } from '../fields.js';
import { parseNumber } from '../numbers.js';

/** A dependency as the form holds it. */
export interface DepDraft {
  application: string;
  coupling: string;
}
/** A blackout as the form holds it. */
export interface RangeDraft {
  from: string;
  to: string;
  reason: string;
}
/** What one input (or list of inputs) holds. */
export type DraftValue = string | string[] | DepDraft[] | RangeDraft[] | Record<string, string>;

/** Why a field cannot be written as typed. */
export type DraftError = 'notANumber' | 'notAnInteger' | 'emptyUseRemove';

/** A number as an input shows it: no grouping, the language's decimal separator. */
export function numberText(n: unknown, lang: 'de' | 'en'): string {
  return typeof n === 'number' ? (lang === 'de' ? String(n).replace('.', ',') : String(n)) : '';
}

/** The draft of a field's stored value. */
export function toDraft(spec: FieldSpec, value: unknown, lang: 'de' | 'en'): DraftValue {
  switch (spec.type) {
    case 'number':
      return numberText(value, lang);
    case 'refs':
    case 'texts':
      return typeof value === 'string' ? [value] : Array.isArray(value) ? value.map(String) : [];
    case 'deps':
      return Array.isArray(value) ? value.map((d: unknown) => (typeof d === 'string' ? { application: d, coupling: '' } : { application: String((d as DepDraft).application), coupling: (d as DepDraft).coupling ?? '' })) : [];
    case 'date-ranges':
      return Array.isArray(value) ? value.map((r: RangeDraft) => ({ from: r.from, to: r.to, reason: r.reason ?? '' })) : [];
    case 'group': {
      const o = (value ?? {}) as Record<string, unknown>;
      return Object.fromEntries(spec.fields.map((f) => [f.name, f.type === 'number' ? numberText(o[f.name], lang) : o[f.name] === undefined ? '' : String(o[f.name])]));
    }
    default:
      return value === undefined ? '' : String(value);
  }
}

/** A field's value from its draft: the value, nothing (an empty input) or an error. */
type Read = { readonly value: unknown } | { readonly empty: true } | { readonly error: DraftError };

function readScalar(spec: FieldSpec, text: string, lang: 'de' | 'en'): Read {
  if (text.trim() === '') return { empty: true };
  if (spec.type !== 'number') return { value: spec.type === 'multiline' ? text : text.trim() };
  const n = parseNumber(text, lang);
  if (n === undefined) return { error: 'notANumber' };
  if (spec.integer && !Number.isInteger(n)) return { error: 'notAnInteger' };
  return { value: n };
}

function readList(spec: FieldSpec, draft: DraftValue): unknown[] {
  if (spec.type === 'deps') return (draft as DepDraft[]).filter((d) => d.application).map((d) => (d.coupling ? { application: d.application, coupling: d.coupling } : d.application));
  if (spec.type === 'date-ranges') return (draft as RangeDraft[]).map((r) => (r.reason ? { from: r.from, to: r.to, reason: r.reason } : { from: r.from, to: r.to }));
  return (draft as string[]).map((s) => s.trim()).filter((s) => s !== '');
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The merge patch of a form, and its errors by field (`capacity.power_kw` for a group's field). */
export function patchOf(
  specs: readonly FieldSpec[],
  original: Record<string, unknown>,
  drafts: Record<string, DraftValue>,
  removed: ReadonlySet<string>,
  lang: 'de' | 'en',
): { patch: Record<string, unknown>; errors: Record<string, DraftError> } {
  const patch: Record<string, unknown> = {};
  const errors: Record<string, DraftError> = {};
  for (const spec of specs) {
    const was = original[spec.name];
    const draft = drafts[spec.name]!;
    if (removed.has(spec.name)) {
      if (was !== undefined) patch[spec.name] = null;
      continue;
    }
    if (spec.type === 'group') {
      const wasGroup = (was ?? {}) as Record<string, unknown>;
      const sub: Record<string, unknown> = {};
      for (const f of spec.fields) {
        const path = `${spec.name}.${f.name}`;
        if (removed.has(path)) {
          if (wasGroup[f.name] !== undefined) sub[f.name] = null;
          continue;
        }
        const r = readScalar(f, (draft as Record<string, string>)[f.name] ?? '', lang);
        if ('error' in r) errors[path] = r.error;
        else if ('empty' in r) {
          if (wasGroup[f.name] !== undefined) errors[path] = 'emptyUseRemove';
        } else if (r.value !== wasGroup[f.name]) sub[f.name] = r.value;
      }
      if (Object.keys(sub).length > 0) patch[spec.name] = sub;
      continue;
    }
    if (Array.isArray(draft)) {
      const list = readList(spec, draft);
      const wasList = spec.type === 'refs' && typeof was === 'string' ? [was] : (was ?? []);
      if (!same(list, wasList)) patch[spec.name] = list;
      continue;
    }
    const r = readScalar(spec, draft as string, lang);
    if ('error' in r) errors[spec.name] = r.error;
    else if ('empty' in r) {
      if (was !== undefined) errors[spec.name] = 'emptyUseRemove';
    } else if (!same(r.value, was)) patch[spec.name] = r.value;
  }
  return { patch, errors };
}

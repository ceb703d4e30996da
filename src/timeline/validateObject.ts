/**
 * Field validation of one object against the schema of its kind.
 */
import type { z } from 'zod';
import { isKind, kinds } from '../model/kinds.js';
import { objectSchemas } from '../model/objectSchemas.js';
import type { StoredObject } from './Estate.js';

/** A field-level problem: the dotted field path and what is wrong. */
export interface FieldProblem {
  readonly field?: string;
  readonly message: string;
}

/** Validates an object's fields; returns the parsed object or every problem. */
export function validateObject(raw: Record<string, unknown>): { ok: true; value: StoredObject } | { ok: false; problems: FieldProblem[] } {
  const kind = raw.kind;
  if (!isKind(kind)) {
    return {
      ok: false,
      problems: [{ field: 'kind', message: kind === undefined ? 'kind is missing' : `unknown kind ${JSON.stringify(kind)}; kinds are ${kinds.join(', ')}` }],
    };
  }
  const result = objectSchemas[kind].safeParse(raw);
  if (result.success) return { ok: true, value: result.data as StoredObject };
  return { ok: false, problems: issuesToProblems(result.error.issues, raw) };
}

/** Turns zod issues into field problems, one per unknown key; `input` tells missing from wrong. */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[], input: unknown): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ field: [...path, key].join('.'), message: `unknown field "${key}"` });
    } else if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
      out.push({ field: path.join('.'), message: `${path[path.length - 1] ?? 'value'} is required` });
    } else {
      out.push({ field: path.length ? path.join('.') : undefined, message: issue.message } as FieldProblem);
    }
  }
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

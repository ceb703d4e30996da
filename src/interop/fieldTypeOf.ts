/**
 * What a CSV cell of a field must become, read off the kind's zod schema so that the schema
 * stays the only place where fields are declared.
 */
import type { z } from 'zod';
import type { Kind } from '../model/kinds.js';
import { objectSchemas } from '../model/objectSchemas.js';

/** How a CSV cell converts. */
export type CellType = 'string' | 'number' | 'list' | 'unknown';

interface Def {
  type: string;
  innerType?: z.ZodType;
  out?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
}

function def(s: z.ZodType): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

function unwrap(s: z.ZodType): z.ZodType {
  for (;;) {
    const d = def(s);
    if ((d.type === 'optional' || d.type === 'nullable' || d.type === 'default') && d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.out) s = d.out;
    else return s;
  }
}

/** The cell type of a (dotted) field path of a kind. */
export function fieldTypeOf(kind: Kind, path: readonly string[]): CellType {
  let s: z.ZodType = objectSchemas[kind];
  for (const key of path) {
    const d = def(unwrap(s));
    const shape = d.type === 'object' ? (unwrap(s) as unknown as { shape: Record<string, z.ZodType> }).shape : undefined;
    const next = shape?.[key];
    if (!next) return 'unknown';
    s = next;
  }
  const t = def(unwrap(s)).type;
  return t === 'number' ? 'number' : t === 'array' ? 'list' : t === 'object' ? 'unknown' : 'string';
}

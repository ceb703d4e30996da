/**
 * JSON schemas of the estate's kinds, derived from the model's zod schemas (one truth for
 * validation, API responses and the OpenAPI document), and the fields a list can filter by.
 */
import { z } from 'zod';
import { kinds, type Kind } from '../model/kinds.js';
import { objectSchemas } from '../model/objectSchemas.js';

/** A JSON schema object. */
export type JsonSchema = Record<string, unknown>;

let schemas: Record<Kind, JsonSchema> | undefined;

/** The JSON schema of each kind's objects. */
export function kindJsonSchemas(): Readonly<Record<Kind, JsonSchema>> {
  if (!schemas) {
    schemas = {} as Record<Kind, JsonSchema>;
    for (const kind of kinds) {
      const { $schema: _s, ...schema } = z.toJSONSchema(objectSchemas[kind] as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
      schemas[kind] = { ...schema, title: kind };
    }
  }
  return schemas;
}

/**
 * The fields of a kind a list can filter by: those holding a text, number or boolean, or a
 * list of texts (matched if it contains the value). Nested objects (location, capacity) are
 * not filters.
 */
export function filterFields(kind: Kind): string[] {
  const props = (kindJsonSchemas()[kind].properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(props)
    .filter(([name, s]) => !['kind', 'id', 'notes', 'tags'].includes(name) && isFilterable(s))
    .map(([name]) => name);
}

function isFilterable(s: JsonSchema): boolean {
  const type = s.type;
  if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean' || s.enum !== undefined || s.const !== undefined) return true;
  if (type === 'array') return isFilterable((s.items ?? {}) as JsonSchema) || Array.isArray((s.items as JsonSchema | undefined)?.anyOf);
  if (Array.isArray(s.anyOf)) return (s.anyOf as JsonSchema[]).every((x) => x.type !== 'object');
  return Object.keys(s).length === 0; // unrepresentable in JSON schema (e.g. a preprocessed list): treat as text
}

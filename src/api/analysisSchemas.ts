/**
 * The published JSON schemas of the analyses' results (docs/schemas, shared with the CLI's
 * `--json` and tested there), made self-contained for Fastify and the OpenAPI document:
 * every `$ref` (also across files) is replaced by what it points to.
 */
import availability from '../../docs/schemas/availability.schema.json' with { type: 'json' };
import check from '../../docs/schemas/check.schema.json' with { type: 'json' };
import paths from '../../docs/schemas/paths.schema.json' with { type: 'json' };
import timelineCheck from '../../docs/schemas/timeline-check.schema.json' with { type: 'json' };
import whatIf from '../../docs/schemas/what-if.schema.json' with { type: 'json' };
import type { JsonSchema } from './kindSchemas.js';

const files: Record<string, JsonSchema> = {
  'availability.schema.json': availability,
  'check.schema.json': check,
  'paths.schema.json': paths,
  'timeline-check.schema.json': timelineCheck,
  'what-if.schema.json': whatIf,
};

/** Self-contained response schemas of the analyses, by name. */
export const analysisSchemas = {
  check: inline(check, 'check.schema.json'),
  whatIf: inline(whatIf, 'what-if.schema.json'),
  paths: inline(paths, 'paths.schema.json'),
  availability: inline(availability, 'availability.schema.json'),
  timelineCheck: inline(timelineCheck, 'timeline-check.schema.json'),
};

function inline(schema: JsonSchema, file: string): JsonSchema {
  const resolve = (node: unknown, here: string): unknown => {
    if (Array.isArray(node)) return node.map((x) => resolve(x, here));
    if (node === null || typeof node !== 'object') return node;
    const o = node as JsonSchema;
    if (typeof o.$ref === 'string') {
      const [target = '', pointer = ''] = o.$ref.split('#');
      const targetFile = target === '' ? here : target;
      const doc = files[targetFile];
      if (!doc) throw new Error(`unresolved $ref ${o.$ref} in ${here}`);
      const found = pointer.split('/').filter(Boolean).reduce<unknown>((n, key) => (n as JsonSchema)[key], doc);
      return resolve(found, targetFile);
    }
    const out: JsonSchema = {};
    for (const [k, v] of Object.entries(o)) if (k !== '$schema' && k !== '$id' && k !== '$defs') out[k] = resolve(v, here);
    return out;
  };
  return resolve(schema, file) as JsonSchema;
}

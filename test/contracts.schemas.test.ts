/**
 * The request contracts and what is published of them: docs/schemas/requests holds exactly
 * what src/contracts/requests generates (`npm run schemas`), and the API validates every
 * request body, query string and path with one of those schemas, as its OpenAPI document
 * shows (the per-kind object lists extend theirs with the kind's filters).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Ajv from 'ajv';
import { requestSchemaDir, requestSchemaDocuments } from '../scripts/requestSchemas.js';
import { apiFixture, type ApiFixture } from './helpers/api.js';
import { dialects } from './helpers/dialects.js';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[] };
type Parameter = { in: string; name: string; required: boolean; description?: string; schema: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } };

/** Every schema the published documents define, by `file#name`. */
function publishedDefs(): Map<string, Schema> {
  const defs = new Map<string, Schema>();
  for (const file of readdirSync(requestSchemaDir)) {
    const doc = JSON.parse(readFileSync(join(requestSchemaDir, file), 'utf8')) as { $defs: Record<string, Schema> };
    for (const [name, s] of Object.entries(doc.$defs)) defs.set(`${file}#${name}`, s);
  }
  return defs;
}

/** The object schema a route's parameters of one kind (query, path) come from, as the OpenAPI generator split it. */
function joined(params: readonly Parameter[]): Schema {
  const properties = Object.fromEntries(params.map((p) => [p.name, { ...p.schema, ...(p.description !== undefined && { description: p.description }) }]));
  return { properties, required: params.filter((p) => p.required).map((p) => p.name).sort() };
}

/** Whether `want` (parameters joined back into an object) is `def`'s properties and required list. */
function sameParameters(want: Schema, def: Schema): boolean {
  try {
    assert.deepStrictEqual(want.properties, def.properties);
    assert.deepStrictEqual(want.required, [...(def.required ?? [])].sort());
    return true;
  } catch {
    return false;
  }
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

describe('request contracts', () => {
  test('docs/schemas/requests is what src/contracts/requests generates (run `npm run schemas` after a change)', async () => {
    const generated = await requestSchemaDocuments();
    assert.deepEqual(readdirSync(requestSchemaDir).sort(), [...generated.keys()].sort());
    for (const [file, text] of generated) assert.equal(readFileSync(join(requestSchemaDir, file), 'utf8'), text, `docs/schemas/requests/${file} differs from the contracts`);
  });

  test('every published schema compiles (with the options the API validates with)', () => {
    const ajv = new Ajv.default({ allErrors: true, removeAdditional: false, useDefaults: true, strict: false });
    for (const [name, s] of publishedDefs()) assert.doesNotThrow(() => ajv.compile(s), name);
  });

  describe('the API validates with the published schemas', () => {
    let f: ApiFixture;
    let ops: [string, Operation][];
    before(async () => {
      f = await apiFixture(dialects[0]!);
      const doc = JSON.parse((await f.app.inject({ url: '/api/v1/openapi.json' })).body) as { paths: Record<string, Record<string, Operation>> };
      ops = Object.entries(doc.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation]));
    });
    after(() => f.cleanup());

    test('every request body is a published schema', () => {
      const defs = [...publishedDefs().values()];
      const bodies = ops.filter(([, op]) => op.requestBody);
      assert.ok(bodies.length >= 15, `only ${bodies.length} bodies`);
      for (const [route, op] of bodies) {
        const body = op.requestBody!.content['application/json']!.schema;
        assert.ok(defs.some((d) => isDeepEqual(d, body)), `${route}: its body schema is none of docs/schemas/requests`);
      }
    });

    test('every query string and path is a published schema (a kind list: the published list query and its filters)', () => {
      const defs = publishedDefs();
      const list = defs.get('objects.schema.json#objectListQuerystring')!;
      let checked = 0;
      for (const [route, op] of ops) {
        for (const where of ['query', 'path']) {
          const params = (op.parameters ?? []).filter((p) => p.in === where);
          if (!params.length) continue;
          checked++;
          const want = joined(params);
          if ([...defs.values()].some((d) => sameParameters(want, d))) continue;
          // A kind's list: the published properties (sort narrowed to the kind's fields), then one text filter per field.
          assert.equal(where, 'query', `${route}: its path parameters are none of docs/schemas/requests`);
          for (const [name, s] of Object.entries(list.properties!)) {
            const got = want.properties![name];
            assert.deepEqual(name === 'sort' ? { ...got, enum: undefined } : got, name === 'sort' ? { ...s, enum: undefined } : s, `${route}: ${name} is not the published list query's`);
          }
          for (const [name, s] of Object.entries(want.properties!)) {
            if (!(name in list.properties!)) assert.deepEqual({ type: s.type, maxLength: s.maxLength }, { type: 'string', maxLength: 200 }, `${route}: ${name} is neither a list query property nor a filter`);
          }
        }
      }
      assert.ok(checked >= 20, `only ${checked} parameter sets`);
    });
  });
});

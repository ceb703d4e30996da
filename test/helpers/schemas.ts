/**
 * The documented JSON contracts (docs/schemas) as assertions: a test checks a command's
 * `--json` output against the schema users build on.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';

const dir = join(import.meta.dirname, '..', '..', 'docs', 'schemas');
const ajv = new Ajv2020.default({ allErrors: true, strict: false });
// Every published schema, the requests' (docs/schemas/requests) too.
for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'))) ajv.addSchema(JSON.parse(readFileSync(join(dir, f), 'utf8')));

/** Asserts that `value` matches `docs/schemas/NAME.schema.json`. */
export function assertSchema(name: string, value: unknown): void {
  const validate = ajv.getSchema(`https://verbund.invalid/schemas/${name}.schema.json`);
  assert.ok(validate, `no schema ${name}`);
  assert.ok(validate(value), `${name}: ${ajv.errorsText(validate.errors)}`);
}

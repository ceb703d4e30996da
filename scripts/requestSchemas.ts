/**
 * The published JSON Schemas of the API's requests (docs/schemas/requests/*.schema.json),
 * generated from src/contracts/requests, where the routes take them from: one document per
 * contracts file, each exported schema under `$defs` by its name. `npm run schemas` writes
 * them; test/contracts.schemas.test.ts fails when the files and the contracts differ.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the contracts are, and where their documents go. */
export const requestContracts = join(root, 'src', 'contracts', 'requests');
export const requestSchemaDir = join(root, 'docs', 'schemas', 'requests');

/** A JSON Schema among a module's exports: a plain object with a `type` (the shared property maps and limits have none). */
function isSchema(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'type' in value;
}

/** Each document's file name and text, from the contracts as they are now. */
export async function requestSchemaDocuments(): Promise<Map<string, string>> {
  const docs = new Map<string, string>();
  for (const file of readdirSync(requestContracts).filter((f) => f.endsWith('.ts')).sort()) {
    const name = basename(file, '.ts');
    const mod = (await import(pathToFileURL(join(requestContracts, file)).href)) as Record<string, unknown>;
    const defs = Object.fromEntries(
      Object.keys(mod)
        .sort()
        .flatMap((k) => (isSchema(mod[k]) ? [[k, mod[k]] as const] : [])),
    );
    if (!Object.keys(defs).length) continue;
    const doc = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `https://verbund.invalid/schemas/requests/${name}.schema.json`,
      title: `Verbund API requests: ${name}`,
      description: `Generated from src/contracts/requests/${file} by \`npm run schemas\`; the API validates its requests with these schemas (docs/api.md).`,
      $defs: defs,
    };
    docs.set(`${name}.schema.json`, `${JSON.stringify(doc, null, 2)}\n`);
  }
  return docs;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  mkdirSync(requestSchemaDir, { recursive: true });
  for (const [file, text] of await requestSchemaDocuments()) writeFileSync(join(requestSchemaDir, file), text);
}

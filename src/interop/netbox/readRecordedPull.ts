/**
 * `import netbox --from DIR`: a pull recorded as files, one per endpoint, named
 * `<app>.<model>.json` (or `.json.gz`), each a NetBox list answer with every page merged, and
 * `status.json`. The same files `curl` writes (see docs/netbox.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { VerbundError } from '../../model/errors.js';
import { checkNetboxVersion } from './checkNetboxVersion.js';
import { netboxEndpoints, type NbObject, type NetboxEndpoint, type NetboxPull } from './NetboxPull.js';
import { readNetboxList } from './readNetboxList.js';

/** Reads `DIR/<name>.json` or `DIR/<name>.json.gz`; undefined if neither exists. */
function readJson(dir: string, name: string): { body: unknown; file: string } | undefined {
  for (const file of [join(dir, `${name}.json`), join(dir, `${name}.json.gz`)]) {
    if (!existsSync(file)) continue;
    const raw = readFileSync(file);
    const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
    try {
      return { body: JSON.parse(text), file };
    } catch (e) {
      throw new VerbundError('INVALID_INPUT', `${file}: not JSON (${(e as Error).message})`);
    }
  }
  return undefined;
}

/** Reads a recorded pull from a folder; every endpoint file must be there. */
export function readRecordedPull(dir: string): NetboxPull {
  const status = readJson(dir, 'status');
  if (!status) throw new VerbundError('INVALID_INPUT', `${dir}: no status.json (the /api/status/ answer) in the folder`);
  const version = checkNetboxVersion(status.body, status.file);
  const lists = {} as Record<NetboxEndpoint, readonly NbObject[]>;
  const missing: string[] = [];
  for (const endpoint of netboxEndpoints) {
    const r = readJson(dir, endpoint);
    if (!r) {
      missing.push(`${endpoint}.json`);
      continue;
    }
    const page = readNetboxList(r.body, r.file);
    if (page.next !== null) throw new VerbundError('INVALID_INPUT', `${r.file}: holds one page of several ("next" is set); merge every page into the file`);
    if (page.results.length !== page.count) throw new VerbundError('INVALID_INPUT', `${r.file}: "count" is ${page.count} but there are ${page.results.length} results`);
    lists[endpoint] = page.results;
  }
  if (missing.length) throw new VerbundError('INVALID_INPUT', `${dir}: missing ${missing.join(', ')}`);
  return { url: pathToFileURL(resolve(dir)).href, version, lists };
}

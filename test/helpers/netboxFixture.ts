/**
 * The recorded NetBox v4.2.9 demo pull (test/fixtures/netbox-demo-v4.2, see its README), and
 * edited copies of it for tests that need changed data.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The folder of the recorded pull. */
export const netboxDemo = join(import.meta.dirname, '..', 'fixtures', 'netbox-demo-v4.2');

/** The example mapping file for the demo data. */
export const netboxDemoMap = join(import.meta.dirname, '..', '..', 'examples', 'netbox-demo', 'netbox-map.yaml');

/** A recorded list answer. */
export interface RecordedList {
  count: number;
  next: string | null;
  previous: string | null;
  results: Record<string, any>[];
}

/** One recorded answer, parsed (`dcim.devices`, `status`, `trace.interface.1018`, …). */
export function recorded<T = RecordedList>(name: string): T {
  return JSON.parse(gunzipSync(readFileSync(join(netboxDemo, `${name}.json.gz`))).toString('utf8')) as T;
}

/**
 * A copy of the recorded pull as plain `.json` files in a new folder, with `edit` applied to
 * each answer (return it changed, or unchanged).
 */
export function editedCopy(edit: (name: string, body: RecordedList) => unknown = (_n, b) => b): string {
  const dir = mkdtempSync(join(tmpdir(), 'verbund-netbox-'));
  for (const f of readdirSync(netboxDemo).filter((x) => x.endsWith('.json.gz'))) {
    const name = f.slice(0, -'.json.gz'.length);
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(edit(name, recorded(name))));
  }
  return dir;
}

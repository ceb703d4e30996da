/**
 * `verbund import netbox`: pull NetBox (live with --url/--token-file, or recorded with --from)
 * and write what changed as one change set; `--dry-run` prints the difference only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VerbundError } from '../../model/errors.js';
import { readNetboxMap, type NetboxMap } from '../../interop/netbox/NetboxMap.js';
import type { NetboxPull } from '../../interop/netbox/NetboxPull.js';
import { syncNetbox, type NetboxSyncResult } from '../../service/NetboxSync.js';
import { displayInstant, parseInstant } from '../../timeline/time.js';
import { io, out, outJson, withService, type GlobalOptions } from '../context.js';
import { diffTable } from '../diffTable.js';
import { table } from '../table.js';

interface NetboxOptions extends GlobalOptions {
  url?: string;
  tokenFile?: string;
  from?: string;
  map?: string;
  dryRun?: boolean;
}

/** Reads the token file: one line, the token; its content is never printed. */
function readToken(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new VerbundError('USAGE', `--token-file ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const token = text.trim();
  if (token === '' || /\s/.test(token)) throw new VerbundError('USAGE', `--token-file ${file}: must hold the token alone on one line`);
  return token;
}

async function pull(opts: NetboxOptions): Promise<NetboxPull> {
  if (opts.from !== undefined) {
    if (opts.url !== undefined || opts.tokenFile !== undefined) throw new VerbundError('USAGE', 'give either --from DIR or --url with --token-file, not both');
    const { readRecordedPull } = await import('../../interop/netbox/readRecordedPull.js');
    return readRecordedPull(opts.from);
  }
  if (opts.url === undefined || opts.tokenFile === undefined) throw new VerbundError('USAGE', 'import netbox needs --url and --token-file (or --from DIR)');
  const { fetchNetboxPull } = await import('../../interop/netbox/fetchNetboxPull.js');
  return fetchNetboxPull({ url: opts.url, token: readToken(opts.tokenFile), onRequest: (path) => io.stderr(`verbund: GET ${path}\n`) });
}

function mapOf(opts: NetboxOptions): { map?: NetboxMap; mapFile?: string } {
  const file = opts.map ?? (opts.from !== undefined && existsSync(join(opts.from, 'netbox-map.yaml')) ? join(opts.from, 'netbox-map.yaml') : undefined);
  return file === undefined ? {} : { map: readNetboxMap(file), mapFile: file };
}

export async function run(opts: NetboxOptions): Promise<void> {
  const map = mapOf(opts);
  const p = await pull(opts);
  await withService(opts, async (service) => {
    const r = await syncNetbox(service, p, { ...map, dryRun: opts.dryRun ?? false, ...(opts.at !== undefined && { pulledAt: new Date(parseInstant(opts.at, 'at')) }) });
    if (opts.json) return outJson(r);
    printResult(r);
  });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function printResult(r: NetboxSyncResult): void {
  const kinds = Object.entries(r.objects).map(([k, n]) => plural(n, k)).join(', ');
  out(`NetBox ${r.version} at ${r.url}, pulled ${displayInstant(r.pulledAt)}: ${kinds}`);
  const d = r.diff;
  const what = `${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed`;
  if (r.dryRun) out(`dry run: the sync would write ${what} (${plural(d.changes, 'change')}); nothing written`);
  else if (r.changeset) out(`wrote change set ${r.changeset} (done, effective ${displayInstant(r.pulledAt)}, author "netbox sync"): ${what}`);
  else out('nothing changed since the last sync: no change set written');
  if (r.dryRun && d.changes) {
    out('');
    out(diffTable(d));
  }
  out('');
  out(table(['endpoint', 'read', 'became'], r.report.counts.map((c) => [c.endpoint, c.seen, Object.entries(c.outcomes).map(([o, n]) => `${n} ${o}`).join('; ')])));
  const groups = new Map<string, { endpoint: string; reason: string; names: string[] }>();
  for (const s of r.report.skipped) {
    const k = `${s.endpoint}\n${s.reason}`;
    const g = groups.get(k) ?? groups.set(k, { endpoint: s.endpoint, reason: s.reason, names: [] }).get(k)!;
    g.names.push(s.display);
  }
  if (groups.size) {
    out('');
    out(`skipped (${r.report.skipped.length}; every one listed with --json):`);
    out(table(['endpoint', 'count', 'reason', 'e.g.'], [...groups.values()].map((g) => [g.endpoint, g.names.length, g.reason, g.names.slice(0, 3).join(', ') + (g.names.length > 3 ? ', …' : '')])));
  }
  const flags = new Map<string, string[]>();
  for (const f of r.report.flags) (flags.get(f.message) ?? flags.set(f.message, []).get(f.message)!).push(f.id);
  if (flags.size) {
    out('');
    out('flagged:');
    out(table(['count', 'what', 'objects'], [...flags].map(([m, ids]) => [ids.length, m, ids.slice(0, 3).join(', ') + (ids.length > 3 ? ', …' : '')])));
  }
}

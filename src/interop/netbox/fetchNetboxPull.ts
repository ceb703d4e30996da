/**
 * Live mode: pulls the endpoints from a NetBox over its REST API (docs/netbox.md, "Live mode").
 * Lists are paged with `limit`/`offset` by following `next`; `next` is taken for its path and
 * query only and sent to the configured origin, so that the token never goes to a host the
 * operator did not name (a NetBox behind a proxy may name its inner host in `next`). Failed
 * requests (network, 5xx, 429) are retried; 401/403/404, TLS and unknown versions are clear
 * errors. The token is sent in the Authorization header and appears in no message.
 */
import { VerbundError } from '../../model/errors.js';
import { checkNetboxVersion } from './checkNetboxVersion.js';
import { endpointPath, netboxEndpoints, type NbObject, type NetboxEndpoint, type NetboxPull } from './NetboxPull.js';
import { readNetboxList } from './readNetboxList.js';

/** How to reach NetBox. */
export interface LiveOptions {
  /** Base URL of NetBox, e.g. `https://netbox.example` (a trailing `/api` is tolerated). */
  readonly url: string;
  readonly token: string;
  /** Page size asked for (NetBox caps it at its MAX_PAGE_SIZE). */
  readonly pageSize?: number;
  /** Retries after the first failed attempt. */
  readonly retries?: number;
  /** First back-off in ms, doubled per retry. */
  readonly backoffMs?: number;
  readonly timeoutMs?: number;
  /** Called with each path fetched (for a log line), never with the token. */
  readonly onRequest?: (path: string) => void;
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

/** The origin and the path prefix of a NetBox (no trailing `/`, no `/api`). */
export function netboxBase(url: string): { origin: string; prefix: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new VerbundError('USAGE', `--url "${url}" is not a URL (give e.g. https://netbox.example)`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new VerbundError('USAGE', `--url must be http(s), not ${u.protocol}`);
  return { origin: u.origin, prefix: u.pathname.replace(/\/+$/, '').replace(/\/api$/, '') };
}

/** Pulls every endpoint of {@link netboxEndpoints}. */
export async function fetchNetboxPull(opts: LiveOptions): Promise<NetboxPull> {
  const base = netboxBase(opts.url);
  const at = (pathAndQuery: string): URL => new URL(`${base.origin}${base.prefix}${pathAndQuery}`);
  const status = await getJson(at('/api/status/'), opts);
  const version = checkNetboxVersion(status, `${base.origin}${base.prefix}/api/status/`);
  const lists = {} as Record<NetboxEndpoint, readonly NbObject[]>;
  for (const endpoint of netboxEndpoints) {
    const results: NbObject[] = [];
    let next: URL | undefined = at(`${endpointPath(endpoint)}?limit=${opts.pageSize ?? 1000}&offset=0`);
    let count = 0;
    while (next) {
      const page = readNetboxList(await getJson(next, opts), `NetBox ${next.pathname}${next.search}`);
      count = page.count;
      results.push(...page.results);
      if (page.next === null) break;
      const n = new URL(page.next, next);
      // The path NetBox names, rebased onto the configured origin (see above).
      const path = base.prefix && n.pathname.startsWith(base.prefix) ? n.pathname.slice(base.prefix.length) : n.pathname;
      next = at(`${path}${n.search}`);
      if (results.length > count) throw new VerbundError('NETBOX_UNREACHABLE', `NetBox ${endpointPath(endpoint)}: pages hold more objects than "count" (${count}); the data changed while paging, pull again`);
    }
    if (results.length !== count) throw new VerbundError('NETBOX_UNREACHABLE', `NetBox ${endpointPath(endpoint)}: "count" is ${count} but the pages held ${results.length}; the data changed while paging, pull again`);
    lists[endpoint] = results;
  }
  return { url: `${base.origin}${base.prefix}`, version, lists };
}

/** GET with retries; the errors of docs/errors.md (NETBOX_*). */
async function getJson(url: URL, opts: LiveOptions): Promise<unknown> {
  const retries = opts.retries ?? 3;
  const where = `${url.pathname}${url.search}`;
  let last = '';
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, (opts.backoffMs ?? 250) * 2 ** (attempt - 1)));
    opts.onRequest?.(where);
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { Authorization: `Token ${opts.token}`, Accept: 'application/json' },
        redirect: 'error',
        signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const code = cause?.code ?? (e as Error).name;
      if (TLS_CODES.test(code)) throw new VerbundError('NETBOX_UNREACHABLE', `NetBox ${url.origin}: TLS failed (${code}): the certificate does not verify; fix it or trust its CA with NODE_EXTRA_CA_CERTS`);
      last = `${code}${cause?.message ? `: ${cause.message}` : ''}`;
      continue;
    }
    if (res.ok) {
      try {
        return await res.json();
      } catch {
        throw new VerbundError('NETBOX_UNREACHABLE', `NetBox ${where}: the answer is not JSON`);
      }
    }
    await res.body?.cancel();
    if (res.status === 401 || res.status === 403) throw new VerbundError('NETBOX_REFUSED', `NetBox answered ${res.status} for ${where}: ${res.status === 401 ? 'the token is missing, wrong or expired' : 'the token\'s user may not read this'}`);
    if (res.status === 404) throw new VerbundError('NETBOX_NOT_FOUND', `NetBox answered 404 for ${url.origin}${where}: is --url the base URL of a NetBox?`);
    if (res.status < 500 && res.status !== 429) throw new VerbundError('NETBOX_UNREACHABLE', `NetBox answered ${res.status} for ${where}`);
    last = `HTTP ${res.status}`;
  }
  throw new VerbundError('NETBOX_UNREACHABLE', `NetBox ${url.origin}${where}: ${last} (after ${retries + 1} attempts)`);
}

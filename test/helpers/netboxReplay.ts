/**
 * A local HTTP server that answers like NetBox from the recorded demo responses: token
 * authentication, `limit`/`offset` paging with `next`/`previous` links (NetBox's
 * MAX_PAGE_SIZE caps the limit), 404 for unknown paths, and switches for the failures the
 * live mode must handle.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { netboxDemo, recorded, type RecordedList } from './netboxFixture.js';

/** How the replay misbehaves. */
export interface ReplayOptions {
  readonly token: string;
  readonly maxPageSize?: number;
  /** Endpoints (`dcim.cables`) that answer 403. */
  readonly forbidden?: readonly string[];
  /** Requests (by count, 1-based) that answer 503. */
  readonly failRequests?: readonly number[];
  readonly version?: string;
}

/** A running replay. */
export interface Replay {
  readonly url: string;
  readonly requests: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export async function startNetboxReplay(opts: ReplayOptions): Promise<Replay> {
  const requests: Replay['requests'] = [];
  const cache = new Map<string, RecordedList>();
  const server: Server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (opts.failRequests?.includes(requests.length)) return send(503, { detail: 'Service Unavailable' });
    if (req.headers.authorization !== `Token ${opts.token}`) return send(401, { detail: 'Invalid token.' });
    const u = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (u.pathname === '/api/status/') return send(200, { ...recorded<object>('status'), ...(opts.version && { 'netbox-version': opts.version }) });
    const m = /^\/api\/([a-z]+)\/([a-z-]+)\/$/.exec(u.pathname);
    const name = m ? `${m[1]}.${m[2]}` : '';
    if (!m || !existsSync(join(netboxDemo, `${name}.json.gz`))) return send(404, { detail: 'Not found.' });
    if (opts.forbidden?.includes(name)) return send(403, { detail: 'You do not have permission to perform this action.' });
    const all = cache.get(name) ?? cache.set(name, recorded(name)).get(name)!;
    const limit = Math.min(Number(u.searchParams.get('limit') ?? 50) || 50, opts.maxPageSize ?? 1000);
    const offset = Number(u.searchParams.get('offset') ?? 0);
    const link = (o: number): string => `http://${req.headers.host}${u.pathname}?limit=${limit}&offset=${o}`;
    send(200, {
      count: all.count,
      next: offset + limit < all.count ? link(offset + limit) : null,
      previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
      results: all.results.slice(offset, offset + limit),
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

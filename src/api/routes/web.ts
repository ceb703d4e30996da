/**
 * The web UI (built by Vite into dist/web) at `/`: its files, and index.html for every other
 * path that is not the API's, so that the UI's own paths (`/map`, `/objects/x`) survive a
 * reload. Static files need no authentication: the UI signs in through the API. Hashed
 * assets are cached for a year; index.html is revalidated each time.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { VerbundError } from '../../model/errors.js';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Paths that belong to the API (and its docs, health and metrics), never to the UI. */
const apiPaths = /^\/(api|healthz|readyz|metrics)(\/|$)/;

/** A URL path decoded; a malformed one is no file of ours. */
function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw new VerbundError('NOT_FOUND', 'no such file');
  }
}

/**
 * Whether a path names one of the UI's files (a missing one is 404) rather than a page of the
 * UI (answered with index.html): the hashed assets and files at the top (`/favicon.ico`).
 * Pages' paths may hold dots — an object id is a slug with dots (`/objects/krz.abgabenwerk`).
 */
function isFilePath(path: string): boolean {
  if (path === '/index.html') return false;
  return path.startsWith('/assets/') || (extname(path) !== '' && path.lastIndexOf('/') === 0);
}

/** dist/web: beside the bundled server (dist/*.js), or from src/api/routes when run by tsx. */
function builtUi(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, 'web'), join(here, '..', '..', '..', 'dist', 'web')].find((d) => existsSync(join(d, 'index.html'))) ?? join(here, 'web');
}

/** Registers the UI routes; `root` is the built UI (default: the package's dist/web). */
export function webRoutes(app: FastifyInstance, root = builtUi()): void {
  const base = normalize(root + sep);
  // Files are small and few: read once, serve from memory.
  const cache = new Map<string, Buffer>();
  const read = (file: string): Buffer | undefined => {
    let b = cache.get(file);
    if (!b && existsSync(file) && statSync(file).isFile()) cache.set(file, (b = readFileSync(file)));
    return b;
  };

  app.get<{ Params: { '*': string } }>('/*', { config: { auth: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const path = decoded(req.url.split('?')[0]!);
    if (apiPaths.test(path)) throw new VerbundError('NOT_FOUND', `no route GET ${path}`);
    const file = normalize(join(root, path));
    if (!file.startsWith(base)) throw new VerbundError('NOT_FOUND', `no file ${path}`);
    const asset = extname(file) !== '' ? read(file) : undefined;
    if (asset) {
      const hashed = path.startsWith('/assets/');
      void reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      return reply.type(types[extname(file)] ?? 'application/octet-stream').send(asset);
    }
    if (isFilePath(path)) throw new VerbundError('NOT_FOUND', `no file ${path}`);
    const index = read(join(root, 'index.html'));
    if (!index) throw new VerbundError('NOT_FOUND', 'the web UI is not built: run `npm run build`');
    return reply.header('cache-control', 'no-cache').type(types['.html']!).send(index);
  });
}

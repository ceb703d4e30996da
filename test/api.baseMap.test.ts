/**
 * The web map's base map on the server (src/api/baseMap.ts, `serve --map-style`): none by
 * default; a style URL handed to the browser with its origin allowed by the CSP; a style file
 * served by the server with its sources' origins allowed; bad files refused at start.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { BASE_MAP_STYLE_PATH, baseMapOrigins, loadBaseMap } from '../src/api/baseMap.js';
import { VerbundError } from '../src/model/errors.js';
import { apiFixture } from './helpers/api.js';
import { dialects } from './helpers/dialects.js';

const dir = mkdtempSync(join(tmpdir(), 'verbund-basemap-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const sqlite = dialects.find((d) => d.name === 'sqlite')!;
const csp = (h: Record<string, unknown>) => String(h['content-security-policy']);
const directive = (h: Record<string, unknown>, name: string) => csp(h).split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';

test('no base map: the route answers null, the style route does not exist, the CSP stays as it was', async () => {
  const f = await apiFixture(sqlite);
  try {
    const r = await f.call('viewer', { url: '/api/v1/base-map' });
    assert.deepEqual([r.statusCode, r.json()], [200, { style: null }]);
    assert.equal((await f.call('viewer', { url: BASE_MAP_STYLE_PATH })).statusCode, 404);
    assert.equal(directive(r.headers, 'connect-src'), '');
    assert.equal((await f.call('anonymous', { url: '/api/v1/base-map' })).statusCode, 401);
  } finally {
    await f.cleanup();
  }
});

test('a style URL: handed to the browser, its origin allowed to connect and to show images', async () => {
  const f = await apiFixture(sqlite, { baseMap: loadBaseMap('https://tiles.example.org/styles/owl/style.json') });
  try {
    const r = await f.call('tenant', { url: '/api/v1/base-map' });
    assert.deepEqual([r.statusCode, r.json()], [200, { style: 'https://tiles.example.org/styles/owl/style.json' }]);
    assert.equal(directive(r.headers, 'connect-src'), "connect-src 'self' https://tiles.example.org");
    assert.match(directive(r.headers, 'img-src'), /^img-src 'self' data: blob: https:\/\/tiles\.example\.org$/);
    assert.match(directive(r.headers, 'script-src'), /^script-src 'self'$/, 'scripts still only from the server');
  } finally {
    await f.cleanup();
  }
});

test('a style file: served by the server; the origins of its sources, glyphs and sprites allowed', async () => {
  const style = {
    version: 8,
    glyphs: 'https://fonts.example.net/{fontstack}/{range}.pbf',
    sprite: 'https://tiles.example.org/sprite',
    sources: {
      region: { type: 'vector', tiles: ['https://tiles.example.org/owl/{z}/{x}/{y}.pbf'] },
      local: { type: 'vector', url: '/tiles/local.json' },
      // A PMTiles archive on a plain web server: its origin, not the protocol's.
      archive: { type: 'raster', url: 'pmtiles://https://static.example.com/owl.pmtiles' },
    },
    layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#eee' } }],
  };
  const option = loadBaseMap(file('style.json', JSON.stringify(style)));
  assert.deepEqual(baseMapOrigins(option).sort(), ['https://fonts.example.net', 'https://static.example.com', 'https://tiles.example.org']);
  const f = await apiFixture(sqlite, { baseMap: option });
  try {
    assert.deepEqual((await f.call('viewer', { url: '/api/v1/base-map' })).json(), { style: BASE_MAP_STYLE_PATH });
    const r = await f.call('viewer', { url: BASE_MAP_STYLE_PATH });
    assert.deepEqual([r.statusCode, r.json()], [200, style]);
    assert.equal((await f.call('anonymous', { url: BASE_MAP_STYLE_PATH })).statusCode, 401);
    assert.equal(directive(r.headers, 'connect-src'), "connect-src 'self' https://fonts.example.net https://tiles.example.org https://static.example.com");
  } finally {
    await f.cleanup();
  }
});

test('a bad --map-style is refused at start, naming the file and what is wrong', () => {
  const refused = (value: string, pattern: RegExp) =>
    assert.throws(
      () => loadBaseMap(value),
      (e: unknown) => e instanceof VerbundError && e.code === 'USAGE' && pattern.test(e.message),
    );
  refused(join(dir, 'missing.json'), /cannot read the style file .*missing\.json/);
  refused(file('bad.json', '{ "version": 8,'), /bad\.json is not JSON/);
  refused(file('list.json', '[]'), /list\.json is not a MapLibre style/);
  refused(file('v7.json', '{"version": 7, "layers": []}'), /"version" must be 8 .*not 7/);
  refused(file('nolayers.json', '{"version": 8}'), /"layers" must be a list/);
  refused('https://exa mple.org/style.json', /no valid URL/);
});

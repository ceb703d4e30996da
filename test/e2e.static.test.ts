/**
 * The web UI's files as `verbund serve` serves them: index.html for the UI's own paths (so a
 * reload of /map works), hashed assets cached for a year, no traversal out of the folder,
 * and the API's paths never answered with the UI.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerErrorHandling } from '../src/api/errorHandling.js';
import { webRoutes } from '../src/api/routes/web.js';

let app: FastifyInstance;
const dir = mkdtempSync(join(tmpdir(), 'verbund-web-'));

before(async () => {
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Verbund</title>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'verbund-secret.txt'), 'secret');
  app = Fastify();
  registerErrorHandling(app);
  webRoutes(app, dir);
  await app.ready();
});
after(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'verbund-secret.txt'), { force: true });
});

test('the UI at / and at its own paths, revalidated each time', async () => {
  // Ids are slugs that may hold dots: a deep link to such an object is a page, not a file.
  for (const url of ['/', '/map', '/objects/finanzwesen', '/objects/krz-nordost.abgabenwerk', '/objects/app.v2.js', '/index.html']) {
    const r = await app.inject({ url });
    assert.equal(r.statusCode, 200, url);
    assert.match(r.headers['content-type'] as string, /^text\/html/);
    assert.equal(r.headers['cache-control'], 'no-cache');
    assert.match(r.body, /<title>Verbund/);
  }
});

test('hashed assets with their type, cached for a year', async () => {
  const r = await app.inject({ url: '/assets/index-abc123.js' });
  assert.equal(r.statusCode, 200);
  assert.match(r.headers['content-type'] as string, /^text\/javascript/);
  assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable');
});

test('a missing file, a path out of the folder and the API paths are 404 with the error body', async () => {
  for (const url of ['/assets/nope.js', '/favicon.ico', '/../verbund-secret.txt', '/assets/..%2F..%2Fverbund-secret.txt', '/api/v1/nope', '/api/docs/nope', '/metrics/x']) {
    const r = await app.inject({ url });
    assert.equal(r.statusCode, 404, url);
    assert.equal(JSON.parse(r.body).error.code, 'NOT_FOUND', url);
  }
});

test('a malformed path is refused, not a crash', async () => {
  const r = await app.inject({ url: '/%E0%A4%A' });
  // Fastify's router refuses it before any route runs (its own error body: see buildApp's frameworkErrors).
  assert.equal(r.statusCode, 400);
});

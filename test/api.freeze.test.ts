/**
 * No request can freeze the server (docs/api.md, "Heavy analyses"): a Monte Carlo
 * availability with a million samples (about 80 s of work on the OWL-IT example) runs in a
 * worker thread while `/healthz` and light reads answer at once; SIGTERM stops the server
 * within seconds; a full queue answers OVERLOADED with Retry-After; an analysis past its
 * deadline answers DEADLINE_EXCEEDED; a client that goes away frees its thread.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { apiFixture, type ApiFixture } from './helpers/api.js';
import { dialects } from './helpers/dialects.js';

const root = join(import.meta.dirname, '..');
const heavy = '/api/v1/availability?monteCarlo=1000000';

/** Milliseconds a fetch takes; fails (instead of hanging) after `limitMs`. */
async function timed(url: string, init: RequestInit, limitMs: number): Promise<{ ms: number; status: number }> {
  const t0 = performance.now();
  const r = await fetch(url, { ...init, signal: AbortSignal.timeout(limitMs) });
  await r.arrayBuffer();
  return { ms: performance.now() - t0, status: r.status };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `ok` holds (or fails after 20 s). */
async function until(ok: () => Promise<boolean>): Promise<void> {
  for (const t0 = Date.now(); !(await ok()); await sleep(50)) if (Date.now() - t0 > 20_000) throw new Error('timed out waiting');
}

describe('a heavy analysis never freezes the server', () => {
  let api: ApiFixture;
  before(async () => {
    api = await apiFixture(dialects[0]!);
  });
  after(async () => {
    await api.cleanup();
  });

  test('while a viewer asks for a million Monte Carlo samples, /healthz and reads answer before it ends; SIGTERM stops it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/run.ts'), '--db', api.location.file!, 'serve', '--port', '0', '--log-level', 'silent'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += String(d);
          const m = /serves (http:\/\/[\d.:]+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      const auth = { authorization: `Bearer ${api.tokens.viewer}` };
      let settled = false;
      const answer = fetch(url + heavy, { headers: auth }).then(
        (r) => r.status,
        () => 'closed' as const,
      );
      void answer.finally(() => {
        settled = true;
      });
      // No clock in the assertions (a loaded CI machine stretches every figure): the order is
      // what shows the event loop is free. The analysis runs for about 80 s; /healthz and a
      // read answer while it is still running. Before the pool, they answered only after it.
      const running = async () => /verbund_analyses\{state="running"\} [1-9]/.test(await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${api.tokens.admin}` } })).text());
      await until(running);
      for (let i = 0; i < 5; i++) {
        const h = await timed(`${url}/healthz`, {}, 30_000);
        assert.equal(h.status, 200);
        const read = await timed(`${url}/api/v1/sites?limit=5`, { headers: auth }, 30_000);
        assert.equal(read.status, 200);
      }
      assert.ok(await running(), 'the analysis still runs after the light requests answered');
      assert.equal(settled, false, 'the heavy request is still in flight');
      const t0 = performance.now();
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      // Well below the ~80 s the analysis would still need: SIGTERM stopped it.
      assert.ok(performance.now() - t0 < 30_000, `SIGTERM took ${performance.now() - t0} ms`);
      // The analysis in flight was stopped: its client got 503 (or the connection closed), never a result.
      assert.ok([503, 'closed'].includes(await answer), 'the heavy request did not finish');
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('the analysis pool is bounded', () => {
  test('a full queue answers 503 OVERLOADED with Retry-After; the deadline answers DEADLINE_EXCEEDED', async () => {
    const api = await apiFixture(dialects[0]!, { analysis: { threads: 1, queue: 1, deadlineMs: 6000 } });
    try {
      const get = () => api.call('viewer', { method: 'GET', url: heavy });
      // One runs (once its thread has started), one waits, the third finds the queue full.
      const first = get();
      await until(async () => /verbund_analyses\{state="running"\} 1/.test((await api.call('admin', { method: 'GET', url: '/metrics' })).body));
      const answers = await Promise.all([first, get(), get()]);
      const overloaded = answers.filter((r) => r.statusCode === 503 && r.json().error.code === 'OVERLOADED');
      assert.equal(overloaded.length, 1, answers.map((r) => r.body).join('\n'));
      assert.equal(overloaded[0]!.headers['retry-after'], '5');
      const late = answers.filter((r) => r.statusCode === 503 && r.json().error.code === 'DEADLINE_EXCEEDED');
      assert.equal(late.length, 2, 'both admitted analyses ran past the 6 s deadline');
      assert.match(late[0]!.json().error.message, /within 6 s/);
      // The pool recovers: a small question answers.
      assert.equal((await api.call('viewer', { method: 'GET', url: '/api/v1/check?form=summary' })).statusCode, 200);
    } finally {
      await api.cleanup();
    }
  });

  test('an analysis whose client goes away stops and frees its thread', async () => {
    const api = await apiFixture(dialects[0]!, { analysis: { threads: 1, queue: 4, deadlineMs: 300_000 } });
    try {
      const url = await api.app.listen({ port: 0, host: '127.0.0.1' });
      const auth = { authorization: `Bearer ${api.tokens.viewer}` };
      const gone = new AbortController();
      const abandoned = fetch(url + heavy, { headers: auth, signal: gone.signal }).catch(() => 'aborted');
      await sleep(1500);
      gone.abort();
      assert.equal(await abandoned, 'aborted');
      // With one thread, the next analysis could only start after ~80 s if the first kept running.
      const next = await timed(`${url}/api/v1/check?form=summary`, { headers: auth }, 20_000);
      assert.equal(next.status, 200);
    } finally {
      await api.cleanup();
    }
  });
});

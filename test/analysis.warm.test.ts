/**
 * The warm-up at start (docs/api.md, "Heavy analyses"): `serve` has every analysis thread
 * decode and project the estate of now and compute its whole-estate verdicts once it
 * listens. The first municipality's check after it is answered from that warm state (no
 * thread decodes the estate or computes verdicts again) and equals the answer of a server
 * without warm-up; a question asked during the warm-up waits until a thread is warm instead
 * of doing its work a second time; a question about another estate version does not wait.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../src/api/buildApp.js';
import { toEstateDocument } from '../src/interop/toEstateDocument.js';
import { AccountService } from '../src/service/AccountService.js';
import { inProcess, type AnalysisRunner } from '../src/service/analysisTask.js';
import { AnalysisService } from '../src/service/AnalysisService.js';
import { EstateService } from '../src/service/EstateService.js';
import type { Store } from '../src/store/openStore.js';
import { generateEstate } from '../src/synthetic/generateEstate.js';
import { dialects } from './helpers/dialects.js';

describe('warming the analyses at start', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let estates: EstateService;
  let token: string;
  before(async () => {
    ({ store, cleanup } = await dialects[0]!.fresh());
    estates = new EstateService(store, 'test');
    const read = toEstateDocument(JSON.parse(JSON.stringify(generateEstate({ preset: 'small', seed: 3 }))), 'generated.json');
    assert.deepEqual(read.problems, []);
    await estates.importDocument(read.doc, {}, read.problems);
    const accounts = new AccountService(store);
    await accounts.addUser({ name: 'viewer', role: 'viewer' });
    token = (await accounts.createToken('viewer')).token;
  });
  after(async () => {
    await cleanup();
  });

  test('a question during the warm-up waits for the first warm thread; one about another version does not; both answer as without warm-up', async () => {
    const events: string[] = [];
    // Two threads' copies of the warm-up, each held until released.
    const releases: (() => void)[] = [];
    const holds = [0, 1].map(() => new Promise<void>((resolve) => releases.push(resolve)));
    const runner: AnalysisRunner = {
      ...inProcess,
      run: async (snap, task, signal) => {
        events.push(`run ${snap.key === warmKey ? 'now' : 'other'}`);
        return inProcess.run(snap, task, signal);
      },
      everyThread: (snap, task) => {
        events.push('warm-up starts');
        return holds.map(async (held, i) => {
          await held;
          await Promise.all(inProcess.everyThread(snap, task));
          events.push(`thread ${i} warm`);
        });
      },
    };
    const warmed = new AnalysisService(estates, { runner });
    const cold = new AnalysisService(estates);
    const now = await cold.snapshot({});
    const warmKey = now.key;
    const at = now.at;
    const tenant = now.services.tenant[0]!;
    // Before the last change up to now: another estate version.
    const past = (await estates.timelineDates()).map((d) => d.at).filter((d) => d <= at);
    const earlier = past[past.length - 2]!;
    assert.notEqual((await cold.snapshot({ at: earlier })).key, warmKey);

    const warming = warmed.warm();
    const question = warmed.check({ at }, { tenant });
    const other = await warmed.check({ at: earlier }, { tenant });
    assert.deepEqual(events, ['warm-up starts', 'run other'], 'the other version is answered while the warm-up holds');
    releases[1]!();
    const answer = await question;
    assert.deepEqual(events, ['warm-up starts', 'run other', 'thread 1 warm', 'run now'], 'the question ran once a thread was warm');
    releases[0]!();
    await warming;
    assert.deepEqual(events.slice(4), ['thread 0 warm']);
    assert.deepEqual(answer, await cold.check({ at }, { tenant }));
    assert.deepEqual(other, await cold.check({ at: earlier }, { tenant }));
    assert.notEqual(answer.summary.services, 0);
  });

  test('serve: /healthz says warm once every thread holds the estate; the first municipality is answered from there, as cold', async () => {
    const threads = 2;
    const warm = await buildApp({ store, warmAnalyses: true, analysis: { threads } });
    const cold = await buildApp({ store, analysis: { threads: 1 } });
    try {
      const get = async (app: typeof warm, url: string) => {
        const r = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
        assert.equal(r.statusCode, 200, r.body);
        return r;
      };
      const work = async () => {
        const text = (await get(warm, '/metrics')).body;
        const of = (name: string) => Number(new RegExp(`^verbund_analysis_thread_work\\{work="${name}"\\} (\\d+)$`, 'm').exec(text)?.[1]);
        return { decoded: of('decoded'), verdicts: of('verdicts'), warm: /^verbund_analysis_warm 1$/m.test(text) };
      };
      assert.equal((await get(cold, '/healthz')).json().warm, false, 'no warm-up without the option');
      assert.equal((await get(warm, '/healthz')).json().warm, false, 'not before listening');
      // The warm-up starts once the app listens.
      await warm.listen({ port: 0, host: '127.0.0.1' });
      for (let i = 0; !(await get(warm, '/healthz')).json().warm; i++) {
        assert.ok(i < 600, 'warm within a minute');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.deepEqual(await work(), { decoded: threads, verdicts: threads, warm: true }, 'every thread decoded the estate and computed its verdicts, once');

      const tenants = (await get(cold, '/api/v1/check?limit=10000')).json().services.map((s: { tenant: string }) => s.tenant);
      const tenant = tenants[Math.floor(tenants.length / 2)];
      const first = (await get(warm, `/api/v1/check?tenant=${tenant}`)).json();
      assert.deepEqual(await work(), { decoded: threads, verdicts: threads, warm: true }, 'answered from the warm state');
      const { at: _a, ...answer } = first;
      const { at: _b, ...coldAnswer } = (await get(cold, `/api/v1/check?tenant=${tenant}`)).json();
      assert.deepEqual(answer, coldAnswer);
      assert.ok(answer.summary.services > 0);
    } finally {
      await Promise.all([warm.close(), cold.close()]);
    }
  });
  test('after a large availability lets the threads go, a warmed server warms the new ones again; one never warmed does not', async () => {
    for (const warmFirst of [true, false]) {
      const events: string[] = [];
      const runner: AnalysisRunner = {
        ...inProcess,
        everyThread: (snap, task) => {
          events.push('warm-up');
          return inProcess.everyThread(snap, task);
        },
        release: () => void events.push('release'),
      };
      // Every availability answer counts as large here (at state scale: 10,000 services and more).
      const service = new AnalysisService(estates, { runner, releaseAfterServices: 1 });
      if (warmFirst) await service.warm();
      const result = await service.availability({});
      assert.ok(result.summary.services > 0);
      // The second warm-up is started by the answer, not awaited by it: under way now, and a call joins it.
      assert.equal(Reflect.get(service, 'warmUp') !== null, warmFirst, 'a warm-up under way after the answer');
      if (warmFirst) await service.warm();
      assert.deepEqual(events, warmFirst ? ['warm-up', 'release', 'warm-up'] : ['release']);
    }
  });
});

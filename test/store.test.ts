/**
 * The store against the pure timeline: whatever order change sets are recorded in, and
 * whatever status changes follow, the version index must give exactly the estate that a
 * replay from nothing gives, at every date, in both dialects.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { VerbundError } from '../src/model/errors.js';
import { EstateService } from '../src/service/EstateService.js';
import type { Change, ChangeSet, ChangeSetStatus } from '../src/timeline/changeSet.js';
import { estateAt } from '../src/timeline/replay.js';
import { parseInstant } from '../src/timeline/time.js';
import { dialects } from './helpers/dialects.js';

const dates = ['2018-01-01', '2018-06-01', '2019-01-01', '2019-01-01T12:00Z', '2020-01-01', '2021-03-01'];
const probes = ['2017-06-01', ...dates, '2018-03-01', '2019-06-01', '2030-01-01'];

/*
 * The fixed part of every random estate:
 *   site dc: [r1] router --l1-- [c1] cluster      site office (no devices) --l0-- r1
 */
const seedChanges: Change[] = [
  { op: 'create', id: 'org', fields: { kind: 'organization', id: 'org', name: 'Org', type: 'provider' } },
  { op: 'create', id: 'dc', fields: { kind: 'site', id: 'dc', name: 'DC', type: 'datacenter' } },
  { op: 'create', id: 'office', fields: { kind: 'site', id: 'office', name: 'Office', type: 'office' } },
  { op: 'create', id: 'r1', fields: { kind: 'device', id: 'r1', name: 'R1', site: 'dc', role: 'router' } },
  { op: 'create', id: 'c1', fields: { kind: 'device', id: 'c1', name: 'C1', site: 'dc', role: 'cluster' } },
  { op: 'create', id: 'l0', fields: { kind: 'link', id: 'l0', a: 'r1', b: 'office', type: 'fibre' } },
  { op: 'create', id: 'l1', fields: { kind: 'link', id: 'l1', a: 'r1', b: 'c1', type: 'fibre' } },
  { op: 'create', id: 'app', fields: { kind: 'application', id: 'app', name: 'App', instances: ['c1'] } },
];

const deviceIds = ['d1', 'd2', 'd3'];
const changeArb: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ id: fc.constantFrom(...deviceIds), name: fc.constantFrom('A', 'B', 'C') }).map(({ id, name }): Change => ({ op: 'create', id, fields: { kind: 'device', id, name, site: 'dc', role: 'server' } })),
  fc.record({ id: fc.constantFrom(...deviceIds, 'app', 'r1'), name: fc.constantFrom('X', 'Y', 'Z') }).map(({ id, name }): Change => ({ op: 'update', id, fields: { id, name } })),
  fc.constantFrom(...deviceIds).map((id): Change => ({ op: 'delete', id })),
  fc.subarray(['c1', ...deviceIds], { minLength: 1 }).map((instances): Change => ({ op: 'update', id: 'app', fields: { instances } })),
  fc.constantFrom('l1').map((id): Change => ({ op: 'delete', id })),
);
const statusArb = fc.constantFrom<ChangeSetStatus>('done', 'done', 'scheduled', 'proposed', 'cancelled');
const stepArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), effective: fc.constantFrom(...dates), status: statusArb, changes: fc.array(changeArb, { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('status' as const), index: fc.nat(20), to: statusArb }) },
);

const transitions: Record<ChangeSetStatus, ChangeSetStatus[]> = { proposed: ['scheduled', 'done', 'cancelled'], scheduled: ['done', 'cancelled'], done: [], cancelled: [] };

for (const dialect of dialects) {
  describe(`store (${dialect.name})`, async () => {
    const available = await dialect.available();

    test('random timelines recorded in any order read back exactly as a replay from nothing', { skip: !available && 'no server' }, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 12 }), async (steps) => {
          const { store, cleanup } = await dialect.fresh();
          try {
            const service = new EstateService(store, 'tester');
            let seq = 0;
            const accepted: ChangeSet[] = [];
            const add = async (cs: ChangeSet): Promise<void> => {
              const candidate = [...accepted, cs];
              const expectOk = estateAt(candidate, parseInstant('9999-01-01')).problems.length === 0 && (cs.status !== 'proposed' || estateAt(candidate, parseInstant('9999-01-01'), 'p').problems.length === 0);
              let ok = true;
              try {
                await service.addChangeSets({ plans: [], changesets: [cs] });
              } catch (e) {
                if (!(e instanceof VerbundError)) throw e;
                ok = false;
              }
              assert.equal(ok, expectOk, `change set ${cs.id} accepted=${ok}, oracle says ${expectOk}`);
              if (ok) accepted.push(cs);
            };
            await service.addChangeSets({ plans: [{ id: 'p' }], changesets: [] });
            await add({ id: 'seed', title: 'seed', effective: '2017-01-01', effectiveKey: parseInstant('2017-01-01'), status: 'done', changes: seedChanges, seq: ++seq });
            for (const step of steps) {
              if (step.kind === 'add') {
                const id = `cs${seq + 1}`;
                await add({ id, title: id, effective: step.effective, effectiveKey: parseInstant(step.effective), status: step.status, ...(step.status === 'proposed' && { plan: 'p' }), changes: step.changes, seq: ++seq });
              } else if (accepted.length) {
                const target = accepted[step.index % accepted.length]!;
                const next = accepted.map((c) => (c === target ? { ...c, status: step.to } : c));
                const allowed = target.status === step.to || transitions[target.status].includes(step.to);
                const expectOk = allowed && estateAt(next, parseInstant('9999-01-01')).problems.length === 0 && estateAt(next, parseInstant('9999-01-01'), 'p').problems.length === 0;
                let ok = true;
                try {
                  await service.setStatus([{ id: target.id, to: step.to }]);
                } catch (e) {
                  if (!(e instanceof VerbundError)) throw e;
                  ok = false;
                }
                // A refused transition is right whenever the oracle refuses; the store checks
                // only the plans a mutation touches, so it may accept where a plan was already broken.
                if (expectOk) assert.equal(ok, true, `status ${target.id} → ${step.to} refused`);
                if (ok) accepted.splice(accepted.indexOf(target), 1, { ...target, status: step.to });
              }
            }
            for (const at of probes) {
              for (const plan of [undefined, 'p']) {
                const oracle = estateAt(accepted, parseInstant(at), plan);
                if (plan && oracle.problems.length) continue;
                const got = (await service.estate({ at, plan })).estate;
                const sort = (xs: Iterable<{ id: string }>) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
                assert.deepEqual(sort(got.values()), sort(oracle.estate.values()), `estate at ${at}${plan ? ` plan ${plan}` : ''}`);
              }
            }
          } finally {
            await cleanup();
          }
        }),
        { numRuns: dialect.name === 'sqlite' ? 60 : 15, seed: 4680 },
      );
    });

    describe('writes', { skip: !available && 'no server' }, () => {
      let ctx: Awaited<ReturnType<typeof dialect.fresh>>;
      let service: EstateService;
      before(async () => {
        ctx = await dialect.fresh();
        service = new EstateService(ctx.store, 'anna');
        await service.importDocument({ objects: seedChanges.map((c) => c as Extract<Change, { op: 'create' }>), plans: [{ id: 'p', title: 'Plan P' }], changesets: [] }, { effective: '2017-01-01' });
      });
      after(async () => ctx?.cleanup());

      const count = async (): Promise<number[]> =>
        Promise.all(
          (['changeset', 'change', 'object_version', 'changeset_event', 'plan'] as const).map(async (t) => {
            const r = await ctx.store.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
            return Number(r.n);
          }),
        );

      test('an invalid change set writes nothing and lists every problem', async () => {
        const before = await count();
        await assert.rejects(
          service.addChangeSets({
            plans: [],
            changesets: [
              { id: 'ok', title: 'fine', effective: '2018-01-01', status: 'done', changes: [{ op: 'update', id: 'app', fields: { name: 'New' } }] },
              { id: 'bad', title: 'bad', effective: '2018-02-01', status: 'done', changes: [{ op: 'delete', id: 'c1' }, { op: 'update', id: 'ghost', fields: { name: 'x' } }] },
            ],
          }),
          (e: VerbundError) => e.code === 'INVALID_ESTATE' && e.problems.length === 3,
        );
        assert.deepEqual(await count(), before);
        assert.equal((await service.get('app', { at: '2030-01-01' })).name, 'App');
      });

      test('unknown plans are refused, in change sets and in reads', async () => {
        await assert.rejects(service.addChangeSets({ plans: [], changesets: [{ id: 'x', title: 'x', effective: '2018-01-01', status: 'proposed', plan: 'nope', changes: [] }] }), (e: VerbundError) => e.code === 'UNKNOWN_PLAN');
        await assert.rejects(service.estate({ plan: 'nope' }), (e: VerbundError) => e.code === 'UNKNOWN_PLAN');
      });

      test('plan and change set ids are slugs, whoever writes them', async () => {
        const before = (await service.changeSets()).length;
        await assert.rejects(
          service.addChangeSets({ plans: [{ id: 'Bad Plan' }], changesets: [{ id: 'Bad Id', title: 'x', effective: '2018-01-01', status: 'proposed', plan: 'Bad Plan', changes: [] }] }),
          (e: VerbundError) => e.problems.some((p) => p.field === 'plans' && /no valid plan id/.test(p.message)) && e.problems.some((p) => p.changeset === 'Bad Id' && /no valid change set id/.test(p.message)),
        );
        assert.equal((await service.changeSets()).length, before, 'nothing written');
      });

      test('history lists every version with change set, author and recorder; status changes are audited', async () => {
        await service.addChangeSets({
          plans: [],
          changesets: [
            { id: 'h1', title: 'rename', effective: '2019-01-01', status: 'done', author: 'krz team', changes: [{ op: 'update', id: 'r1', fields: { name: 'R1 new' } }] },
            { id: 'h2', title: 'later', effective: '2031-01-01', status: 'scheduled', changes: [{ op: 'update', id: 'r1', fields: { name: 'R1 later' } }] },
            { id: 'h3', title: 'idea', effective: '2030-01-01', status: 'proposed', plan: 'p', changes: [{ op: 'update', id: 'r1', fields: { name: 'R1 idea' } }] },
          ],
        });
        const h = await service.history('r1');
        assert.deepEqual(
          h.versions.map((v) => [v.changeset, v.op, v.author, v.recordedBy, (v.object as { name: string }).name]),
          [
            ['initial', 'create', null, 'anna', 'R1'],
            ['h1', 'update', 'krz team', 'anna', 'R1 new'],
            ['h2', 'update', null, 'anna', 'R1 later'],
          ],
        );
        assert.deepEqual(h.proposed.map((p) => p.changeset.id), ['h3']);
        await service.setStatus([{ id: 'h2', to: 'cancelled' }]);
        assert.equal((await service.get('r1', { at: '2032-01-01' })).name, 'R1 new');
        assert.equal((await service.get('r1', { at: '2032-01-01', plan: 'p' })).name, 'R1 idea');
        await assert.rejects(service.setStatus([{ id: 'h2', to: 'scheduled' }]), (e: VerbundError) => e.code === 'INVALID_TRANSITION');
        const events = await ctx.store.db.selectFrom('changeset_event').innerJoin('changeset', 'changeset.seq', 'changeset_event.changeset_seq').select(['from_status', 'to_status']).where('changeset.id', '=', 'h2').execute();
        assert.deepEqual(events.map((e) => [e.from_status, e.to_status]), [[null, 'scheduled'], ['scheduled', 'cancelled']]);
      });

      test('diff lists the change sets between two dates and what they changed', async () => {
        const d = await service.diff('2018-06-01', '2020-01-01');
        assert.deepEqual(d.changesets.map((c) => c.id), ['h1']);
        assert.deepEqual(d.changed, [{ id: 'r1', kind: 'device', fields: [{ field: 'name', from: 'R1', to: 'R1 new' }] }]);
      });
    });
  });
}

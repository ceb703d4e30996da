/**
 * `plan restore` on the OWL-IT example, both dialects: the ransomware scenario on the Lemgo
 * data center within capacity and shifts, dependencies first, the municipality's tighter
 * target honoured, the plan on the timeline (applications lose their instances at the
 * incident and get them back step by step, services regained), and clear errors.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cli } from './helpers/cli.js';
import { dialects } from './helpers/dialects.js';
import { owlDatabase } from './helpers/owlDatabase.js';
import { assertSchema } from './helpers/schemas.js';

const scenario = join(import.meta.dirname, '..', 'examples', 'scenarios', 'ransomware-lemgo-dc.yaml');

interface Restore {
  start: string;
  optimal: boolean;
  applications: { id: string; failed: boolean; usefulAt: string }[];
  steps: { at: string; changeset: string; restored: string[]; served: { usage: string }[] }[];
  misses: { usage: string | null; application: string; why: string }[];
}

for (const dialect of dialects) {
  describe(`plan restore on the OWL-IT example (${dialect.name})`, { skip: !(await dialect.available()) && 'no server' }, () => {
    const owl = owlDatabase(dialect);

    test('the ransomware scenario: capacity, shifts, dependencies first, the tighter target of Paderborn met', async () => {
      const r = await cli('--db', owl.url, 'plan', 'restore', '--name', 'ransomware', '--scenario', scenario, '--json');
      assert.equal(r.code, 0, r.stderr);
      const plan = JSON.parse(r.stdout) as Restore;
      assertSchema('plan-restore', plan);
      assert.equal(plan.optimal, true);
      assert.equal(plan.start, '2026-11-06T18:30:00.000Z');
      // Every application ran only on the encrypted clusters in 2026.
      assert.ok(plan.applications.length >= 10 && plan.applications.every((a) => a.failed));
      const sizes = new Map<string, number>((JSON.parse((await cli('--db', owl.url, 'show', 'application', '--at', '2026-11-06', '--json')).stdout) as { id: string; size?: { vcpu?: number } }[]).map((a) => [a.id, a.size?.vcpu ?? 0]));
      for (const s of plan.steps) {
        assert.ok(s.restored.length <= 2, `${s.changeset}: ${s.restored.join(', ')}`);
        assert.ok(s.restored.reduce((n, id) => n + sizes.get(id)!, 0) <= 96);
        // Slots start within the shift 06–22 local time (UTC+1): a slot ending at HH:30 UTC started at HH-2:30 UTC.
        const startLocal = (new Date(s.at).getUTCHours() - 2 + 1 + 24) % 24;
        assert.ok(startLocal >= 6 && startLocal < 22, `${s.at} starts outside the shifts`);
      }
      const apps = JSON.parse((await cli('--db', owl.url, 'show', 'application', '--at', '2026-11-06', '--json')).stdout) as { id: string; depends_on?: (string | { application: string })[] }[];
      const usefulAt = new Map(plan.applications.map((a) => [a.id, a.usefulAt]));
      for (const a of apps) {
        for (const d of a.depends_on ?? []) {
          const dep = typeof d === 'string' ? d : d.application;
          if (usefulAt.has(a.id) && usefulAt.has(dep)) assert.ok(usefulAt.get(dep)! <= usefulAt.get(a.id)!, `${a.id} before its dependency ${dep}`);
        }
      }
      assert.ok(!plan.misses.some((m) => m.usage === 'u-paderborn-einwohnerwesen'), 'Paderborn registry office within its 8 hours');
      const pb = plan.steps.find((s) => s.served.some((x) => x.usage === 'u-paderborn-einwohnerwesen'))!;
      assert.ok(Date.parse(pb.at) - Date.parse(plan.start) <= 8 * 3_600_000);
    });

    test('the plan on the timeline: instances gone at the incident, back at their step, services regained', async () => {
      const show = JSON.parse((await cli('--db', owl.url, 'plan', 'show', 'ransomware', '--json')).stdout) as { steps: { changeset: string; applications: string[]; verdict: { regained: number; lost: number } | null }[] };
      assertSchema('plan-show', show);
      assert.equal(show.steps[0]!.changeset, 'ransomware-incident');
      const plan = JSON.parse((await cli('--db', owl.url, 'plan', 'restore', '--name', 'again', '--scenario', scenario, '--json', '--dry-run')).stdout) as Restore;
      const first = plan.steps[0]!;
      const during = JSON.parse((await cli('--db', owl.url, 'show', 'application', first.restored[0]!, '--at', '2026-11-06T19:00:00Z', '--plan', 'ransomware', '--json')).stdout);
      assert.deepEqual(during.instances, []);
      const back = JSON.parse((await cli('--db', owl.url, 'show', 'application', first.restored[0]!, '--at', first.at, '--plan', 'ransomware', '--json')).stdout);
      assert.ok(back.instances.length > 0);
      // Services down (check's summary.down): many after the incident, fewer after each step, none at the end.
      const down = async (at: string): Promise<number> => JSON.parse((await cli('--db', owl.url, 'check', '--at', at, '--plan', 'ransomware', '--json')).stdout).summary.down as number;
      const counts = [await down('2026-11-06T19:00:00Z')];
      for (const s of plan.steps) counts.push(await down(s.at));
      assert.ok(counts[0]! > 100, `only ${counts[0]} services down after the incident`);
      for (let i = 1; i < counts.length; i++) assert.ok(counts[i]! < counts[i - 1]!, `step ${i} brings nothing back: ${counts.join(' → ')}`);
      assert.equal(counts[counts.length - 1], await down('2026-11-06T18:00:00Z'));
    });

    test('bad scenarios are refused with what is wrong', async () => {
      const unknown = await cli('--db', owl.url, 'plan', 'restore', '--name', 'x', '--fail', 'nope', '--apps-per-slot', '1', '--start', '2026-11-06');
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /nope: no element "nope"/);
      const link = await cli('--db', owl.url, 'plan', 'restore', '--name', 'x', '--fail', 'l-lem-sw1-vmca', '--apps-per-slot', '1', '--start', '2026-11-06');
      assert.equal(link.code, 2);
      assert.match(link.stderr, /a link holds no application/);
      const noCapacity = await cli('--db', owl.url, 'plan', 'restore', '--name', 'x', '--fail', 'lemgo-dc', '--start', '2026-11-06');
      assert.equal(noCapacity.code, 2);
      assert.match(noCapacity.stderr, /--apps-per-slot and\/or --vcpu-per-slot/);
      const tooBig = await cli('--db', owl.url, 'plan', 'restore', '--name', 'x', '--fail', 'lemgo-dc', '--vcpu-per-slot', '10', '--start', '2026-11-06');
      assert.equal(tooBig.code, 2);
      assert.match(tooBig.stderr, /datenbank-lemgo: 1 application with 64 vCPU exceed the restore capacity of one slot/);
    });
  });
}

/**
 * An independent check of a written plan, without the planner's code: from the stored change
 * sets it replays the estate with the plan overlaid (the pure timeline replay) on every day from
 * `from` to `to` on which it changes (at 00:00 and at the instant of each change), and
 * re-derives each device's load — every application's size shared equally by its instances
 * (docs/planning.md, "Placement"). It reports a device the plan pushes over its capacity (or
 * loads more while it is over already), an application with more instances than it had at
 * `from`, and an instance on a device that does not exist or is retired at that instant.
 */
import type { EstateService } from '../../src/service/EstateService.js';
import { dateOf, dayOf } from '../../src/planning/calendar.js';
import type { ChangeSet } from '../../src/timeline/changeSet.js';
import type { Estate } from '../../src/timeline/Estate.js';
import { estateAt } from '../../src/timeline/replay.js';
import { parseInstant } from '../../src/timeline/time.js';

const dims = ['vcpu', 'ram_gb', 'storage_tb'] as const;

function loads(estate: Estate): Map<string, Record<(typeof dims)[number], number>> {
  const out = new Map<string, Record<(typeof dims)[number], number>>();
  for (const a of estate.ofKind('application')) {
    if (a.status === 'retired') continue;
    const n = a.instances?.length ?? 0;
    for (const i of a.instances ?? []) {
      const l = out.get(i) ?? { vcpu: 0, ram_gb: 0, storage_tb: 0 };
      for (const d of dims) l[d] += (a.size?.[d] ?? 0) / n;
      out.set(i, l);
    }
  }
  return out;
}

/** Every violation of the plan `plan` between `from` and `to` (dates), as readable lines. */
export async function placementViolations(service: EstateService, plan: string, from: string, to: string): Promise<string[]> {
  const sets = (await service.changeSetsWithChanges()) as unknown as ChangeSet[];
  const at = (key: string, view?: string): Estate => {
    const { estate, problems } = estateAt(sets, key, view);
    if (problems.length) throw new Error(`replay at ${key}: ${problems.map((p) => p.message).join('; ')}`);
    return estate;
  };
  const start = at(parseInstant(from));
  const countAtStart = new Map([...start.ofKind('application')].map((a) => [a.id, a.instances?.length ?? 0]));
  // The estate is constant between two changes, so the days on which something changes (and
  // the instants of the changes themselves, which may fall in a day) cover every day.
  const instants = new Set<string>([parseInstant(from)]);
  for (const cs of sets) {
    if (cs.effectiveKey < parseInstant(from) || cs.effectiveKey > parseInstant(to)) continue;
    instants.add(cs.effectiveKey);
    instants.add(parseInstant(dateOf(dayOf(cs.effectiveKey))));
  }
  const out: string[] = [];
  for (const key of [...instants].sort()) {
    const withPlan = at(key, plan);
    const baseline = loads(at(key));
    const load = loads(withPlan);
    for (const [id, l] of load) {
      const dev = withPlan.get(id);
      if (!dev || dev.kind !== 'device' || dev.status === 'retired') {
        out.push(`${key}: an instance is on ${id}, which ${dev ? 'is retired' : 'does not exist'}`);
        continue;
      }
      for (const d of dims) {
        const cap = dev.capacity?.[d];
        const before = baseline.get(id)?.[d] ?? 0;
        if (cap !== undefined && l[d] > cap + 1e-6 && l[d] > before + 1e-6) out.push(`${key}: ${id} carries ${l[d]} ${d}, capacity ${cap} (baseline ${before})`);
      }
    }
    for (const a of withPlan.ofKind('application')) {
      const had = countAtStart.get(a.id);
      if (had !== undefined && (a.instances?.length ?? 0) > had) out.push(`${key}: ${a.id} has ${a.instances!.length} instances, had ${had}`);
    }
  }
  return out;
}

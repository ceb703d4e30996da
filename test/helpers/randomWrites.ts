/**
 * Random writes to a timeline, valid and invalid alike, for the oracle of the incremental
 * write (test/write.incremental.test.ts): change sets of random edits at random instants
 * (before, between, on and after the stored ones), in the baseline or in a plan, and status
 * changes (accept, mark done, cancel). The edits touch every rule a write validates:
 * schemas, references at every date, link ends and devices at sites, deletions of
 * referenced objects, duplicates, risk-group membership on either side, dependencies
 * (cycles), usages, organizations.
 */
import type { ChangeSetHeader } from '../../src/timeline/changeSet.js';
import type { Change, ChangeSetInput, ChangeSetStatus } from '../../src/timeline/changeSet.js';
import type { Estate, StoredObject } from '../../src/timeline/Estate.js';
import type { TimeKey } from '../../src/timeline/time.js';
import type { Random } from '../../src/util/Random.js';

/** One write: change sets to add (with the plans they need), or a status change. */
export type RandomWrite = { readonly kind: 'add'; readonly plans: { id: string; title: string }[]; readonly changesets: ChangeSetInput[] } | { readonly kind: 'status'; readonly id: string; readonly to: ChangeSetStatus };

function pick<T>(rng: Random, list: readonly T[]): T | undefined {
  return list.length ? list[rng.int(0, list.length - 1)] : undefined;
}

/** A few distinct items of a list (possibly none). */
function some<T>(rng: Random, list: readonly T[], most: number): T[] {
  return [...new Set(Array.from({ length: rng.int(0, most) }, () => pick(rng, list)).filter((x): x is T => x !== undefined))];
}

/** An instant near the stored ones: one of them exactly, a day before or after one, or far after all. */
export function randomInstant(rng: Random, keys: readonly TimeKey[]): string {
  const key = pick(rng, keys) ?? '2020-01-01T00:00:00.000Z';
  const day = 86_400_000;
  switch (rng.int(0, 4)) {
    case 0:
      return key;
    case 1:
      return new Date(Date.parse(key) - day * rng.int(1, 40)).toISOString();
    case 2:
    case 3:
      return new Date(Date.parse(key) + day * rng.int(1, 40)).toISOString();
    default:
      return new Date(Date.parse(keys[keys.length - 1] ?? key) + day * rng.int(1, 400)).toISOString();
  }
}

/**
 * A random write against a timeline whose change sets are `headers` and whose estate at
 * some instant is `estate` (the ids it edits come from there, so most edits are close to
 * valid; the instant they are written at may not be). `tag` makes new ids unique.
 */
export function randomWrite(rng: Random, estate: Estate, headers: readonly ChangeSetHeader[], tag: string): RandomWrite {
  const open = headers.filter((h) => h.status === 'proposed' || h.status === 'scheduled');
  if (open.length && rng.chance(0.15)) {
    const h = pick(rng, open)!;
    const to = pick<ChangeSetStatus>(rng, h.status === 'proposed' ? ['scheduled', 'done', 'cancelled', 'scheduled'] : ['done', 'cancelled', 'cancelled'])!;
    return { kind: 'status', id: h.id, to };
  }
  const keys = [...new Set(headers.map((h) => h.effectiveKey))].sort();
  const changesets: ChangeSetInput[] = [];
  const plans: { id: string; title: string }[] = [];
  for (let k = rng.int(1, rng.chance(0.2) ? 3 : 1); k > 0; k--) {
    const status = pick<ChangeSetStatus>(rng, ['done', 'done', 'scheduled', 'scheduled', 'proposed'])!;
    const plan = status === 'proposed' ? pick(rng, ['p', `p-${tag}`])! : undefined;
    if (plan && plan !== 'p' && !plans.some((p) => p.id === plan)) plans.push({ id: plan, title: plan });
    const changes = Array.from({ length: rng.int(1, 4) }, (_, i) => randomChange(rng, estate, `${tag}-${k}-${i}`));
    changesets.push({ id: `w-${tag}-${k}`, title: `write ${tag}`, effective: randomInstant(rng, keys), status, ...(plan && { plan }), changes });
  }
  return { kind: 'add', plans, changesets };
}

/** One random change, valid or not. */
export function randomChange(rng: Random, estate: Estate, tag: string): Change {
  const all = [...estate.values()];
  const of = <K extends StoredObject['kind']>(kind: K) => all.filter((o) => o.kind === kind) as Extract<StoredObject, { kind: K }>[];
  const ids = (kind: StoredObject['kind']): string[] => of(kind).map((o) => o.id);
  const devices = of('device');
  const links = of('link');
  const sites = ids('site');
  const groups = ids('risk-group');
  const apps = ids('application');
  const orgs = ids('organization');
  const withDevices = [...new Set(devices.map((d) => d.site))];
  // Mostly ids that exist somewhere, now and then one that never did.
  const any = (list: readonly string[]): string => (rng.chance(0.08) ? `missing-${tag}` : (pick(rng, list) ?? `missing-${tag}`));
  const nodes = [...devices.map((d) => d.id), ...sites];
  switch (rng.int(0, 19)) {
    case 0:
      return { op: 'create', id: `d-${tag}`, fields: { kind: 'device', name: `D ${tag}`, site: any(rng.chance(0.7) ? withDevices : sites), role: pick(rng, ['router', 'server', 'switch'])!, ...(rng.chance(0.3) && { risk_groups: some(rng, groups, 2) }) } };
    case 1:
      return { op: 'create', id: `l-${tag}`, fields: { kind: 'link', name: `L ${tag}`, a: any(nodes), b: any(nodes), type: 'fibre', ...(rng.chance(0.3) && { risk_groups: some(rng, groups, 2) }) } };
    case 2:
      return { op: 'delete', id: any(ids('link')) };
    case 3:
      return { op: 'delete', id: any(devices.map((d) => d.id)) };
    case 4:
      return { op: 'delete', id: any(rng.chance(0.5) ? sites : groups) };
    case 5:
      return { op: 'update', id: any(devices.map((d) => d.id)), fields: { site: any(rng.chance(0.6) ? withDevices : sites) } };
    case 6:
      return { op: 'update', id: any(devices.map((d) => d.id)), fields: { role: pick(rng, ['router', 'server', 'switch', 'bogus'])! } };
    case 7:
      return { op: 'update', id: any(devices.map((d) => d.id)), fields: { risk_groups: rng.chance(0.2) ? null : some(rng, [...groups, ...(rng.chance(0.1) ? [`missing-${tag}`] : [])], 2) } };
    case 8:
      return { op: 'update', id: any(links.map((l) => l.id)), fields: { risk_groups: some(rng, groups, 2) } };
    case 9:
      return { op: 'update', id: any(links.map((l) => l.id)), fields: { [rng.chance(0.5) ? 'a' : 'b']: any(nodes) } };
    case 10:
      return { op: 'update', id: any(groups), fields: { members: rng.chance(0.15) ? null : some(rng, [...devices.map((d) => d.id), ...links.map((l) => l.id), ...(rng.chance(0.1) ? [pick(rng, sites) ?? 'x'] : [])], 3) } };
    case 11:
      return { op: 'create', id: `g-${tag}`, fields: { kind: 'risk-group', name: `G ${tag}`, type: 'duct', ...(rng.chance(0.6) && { members: some(rng, [...devices.map((d) => d.id), ...links.map((l) => l.id)], 3) }) } };
    case 12:
      return { op: 'update', id: any(apps), fields: { depends_on: rng.chance(0.2) ? [] : some(rng, [...apps, ...(rng.chance(0.1) ? [`missing-${tag}`] : [])], 2) } };
    case 13:
      return { op: 'update', id: any(apps), fields: { instances: some(rng, devices.map((d) => d.id), 3) } };
    case 14:
      return { op: 'create', id: `a-${tag}`, fields: { kind: 'application', name: `A ${tag}`, instances: some(rng, devices.map((d) => d.id), 2), ...(rng.chance(0.5) && { depends_on: some(rng, apps, 2) }) } };
    case 15: {
      const usage = pick(rng, ids('usage'));
      return usage ? { op: 'update', id: usage, fields: { sites: some(rng, sites, 2) } } : { op: 'delete', id: any(apps) };
    }
    case 16:
      return { op: 'create', id: rng.chance(0.15) ? any(sites) : `s-${tag}`, fields: { kind: 'site', name: `S ${tag}`, type: pick(rng, ['office', 'datacenter'])!, ...(orgs.length && rng.chance(0.5) && { organization: any(orgs) }) } };
    case 17:
      return { op: 'update', id: any(orgs), fields: { member_of: some(rng, orgs, 1) } };
    case 18:
      return { op: 'update', id: any(all.map((o) => o.id)), fields: { name: `renamed ${tag}`, ...(rng.chance(0.1) && { kind: 'site' }) } };
    default:
      return { op: 'delete', id: any(all.map((o) => o.id)) };
  }
}

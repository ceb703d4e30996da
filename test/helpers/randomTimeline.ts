/**
 * Random timelines for the incremental timeline check's tests: an initial change set of a
 * random estate and change sets of random valid edits of every kind the check must bound.
 */
import assert from 'node:assert/strict';
import { applyChangeSet } from '../../src/timeline/applyChangeSet.js';
import type { Change, ChangeSet } from '../../src/timeline/changeSet.js';
import { Estate, type StoredObject } from '../../src/timeline/Estate.js';
import { parseInstant } from '../../src/timeline/time.js';
import type { Random } from '../../src/util/Random.js';

/**
 * An initial change set of `objects` and `count` change sets of random valid edits on
 * distinct dates (an edit the timeline refuses is dropped and another drawn).
 */
export function randomTimeline(objects: StoredObject[], rng: Random, count: number): ChangeSet[] {
  const initial: ChangeSet = { id: 'initial', title: 'initial', effective: '2020-01-01', effectiveKey: parseInstant('2020-01-01'), status: 'done', seq: 0, changes: objects.map((o) => ({ op: 'create', id: o.id, fields: o })) };
  const estate = new Estate();
  assert.deepEqual(applyChangeSet(estate, initial).problems, []);
  const out: ChangeSet[] = [initial];
  for (let k = 1, tries = 0; k <= count && tries < 20 * count; tries++) {
    const changes = Array.from({ length: rng.int(1, 3) }, (_, i) => randomEdit(estate, rng, `${k}.${i}`)).flat();
    if (changes.length === 0) continue;
    const effective = `2020-01-${String(k + 1).padStart(2, '0')}`;
    const cs: ChangeSet = { id: `cs${k}`, title: `edit ${k}`, effective, effectiveKey: parseInstant(effective), status: 'done', seq: k, changes };
    const trial = new Estate([...estate.values()]);
    if (applyChangeSet(trial, cs).problems.length > 0) continue;
    applyChangeSet(estate, cs);
    out.push(cs);
    k++;
  }
  return out;
}

function pick<T>(rng: Random, list: readonly T[]): T | undefined {
  return list.length ? list[rng.int(0, list.length - 1)] : undefined;
}

/** One random edit of the estate as it is now, in one or more changes (none when it has nothing to edit). */
function randomEdit(estate: Estate, rng: Random, tag: string): Change[] {
  const edit = randomChange(estate, rng, tag);
  return edit === undefined ? [] : Array.isArray(edit) ? edit : [edit];
}

function randomChange(estate: Estate, rng: Random, tag: string): Change | Change[] | undefined {
  const all = [...estate.values()];
  const of = <K extends StoredObject['kind']>(kind: K) => all.filter((o) => o.kind === kind) as Extract<StoredObject, { kind: K }>[];
  const devices = of('device');
  const sites = of('site');
  const groups = of('risk-group').map((g) => g.id);
  const withDevices = new Set(devices.map((d) => d.site));
  const nodes = [...devices.map((d) => d.id), ...sites.filter((s) => !withDevices.has(s.id)).map((s) => s.id)];
  const someGroups = (): string[] => [...new Set(Array.from({ length: rng.int(0, 2) }, () => pick(rng, groups)!).filter(Boolean))];
  const links = of('link');
  /** A node and another one of its component (by the links, retired devices included). */
  const pair = (): [string, string] | undefined => {
    const root = new Map(nodes.map((n) => [n, n]));
    const find = (x: string): string => (root.get(x) === x ? x : find(root.get(x)!));
    for (const l of links) if (root.has(l.a) && root.has(l.b)) root.set(find(l.a), find(l.b));
    const a = pick(rng, nodes);
    const b = a && pick(rng, nodes.filter((n) => n !== a && find(n) === find(a)));
    return a && b ? [a, b] : undefined;
  };
  const link = (id: string, a: string, b: string): Change => ({ op: 'create', id, fields: { kind: 'link', id, name: id, a, b, type: 'fibre', risk_groups: someGroups() } });
  switch (rng.int(0, 15)) {
    case 0: {
      const a = pick(rng, nodes);
      const b = pick(rng, nodes);
      if (!a || !b || a === b) return undefined;
      return { op: 'create', id: `l-${tag}`, fields: { kind: 'link', id: `l-${tag}`, name: tag, a, b, type: 'fibre', risk_groups: someGroups() } };
    }
    case 1: {
      const l = pick(rng, of('link'));
      return l && { op: 'delete', id: l.id };
    }
    case 2: {
      const site = pick(rng, [...withDevices]);
      if (!site) return undefined;
      return { op: 'create', id: `d-${tag}`, fields: { kind: 'device', id: `d-${tag}`, name: tag, site, role: pick(rng, ['access', 'router', 'server'])! } };
    }
    case 3: {
      const d = pick(rng, devices);
      return d && { op: 'update', id: d.id, fields: { role: pick(rng, ['access', 'router', 'switch', 'server'])! } };
    }
    case 4: {
      const d = pick(rng, devices);
      return d && { op: 'update', id: d.id, fields: { status: d.status === 'retired' ? 'active' : 'retired' } };
    }
    case 5: {
      const d = pick(rng, devices);
      return d && { op: 'update', id: d.id, fields: { risk_groups: someGroups() } };
    }
    case 6: {
      const l = pick(rng, of('link'));
      return l && { op: 'update', id: l.id, fields: { risk_groups: someGroups() } };
    }
    case 7: {
      const g = pick(rng, groups);
      const members = [...devices.map((d) => d.id), ...of('link').map((l) => l.id)];
      return g === undefined ? undefined : { op: 'update', id: g, fields: { members: [...new Set(Array.from({ length: rng.int(0, 3) }, () => pick(rng, members)!).filter(Boolean))] } };
    }
    case 8: {
      const s = pick(rng, sites);
      return s && { op: 'update', id: s.id, fields: { type: s.type === 'datacenter' ? 'office' : 'datacenter' } };
    }
    case 9: {
      const a = pick(rng, of('application'));
      return a && { op: 'update', id: a.id, fields: { instances: [...new Set(Array.from({ length: rng.int(0, 3) }, () => pick(rng, devices)?.id).filter((x): x is string => !!x))] } };
    }
    case 10: {
      const apps = of('application');
      const a = pick(rng, apps);
      const d = pick(rng, apps);
      return a && d && a.id !== d.id ? { op: 'update', id: a.id, fields: { depends_on: rng.chance(0.3) ? [] : [d.id] } } : undefined;
    }
    case 11: {
      const u = pick(rng, of('usage'));
      const site = pick(rng, sites);
      return u && site && { op: 'update', id: u.id, fields: { sites: [...new Set([...u.sites.slice(0, 1), site.id])] } };
    }
    // A link within a component: a chord, inside a block or joining two.
    case 12: {
      const ends = pair();
      return ends && link(`l-${tag}`, ...ends);
    }
    // A device with links to two nodes of one component.
    case 13: {
      const site = pick(rng, [...withDevices]);
      const ends = pair();
      if (!site || !ends) return undefined;
      const d = `d-${tag}`;
      return [{ op: 'create', id: d, fields: { kind: 'device', id: d, name: d, site, role: pick(rng, ['access', 'router', 'server'])!, risk_groups: someGroups() } }, link(`la-${tag}`, d, ends[0]), link(`lb-${tag}`, d, ends[1])];
    }
    // A device gone, with its links and its place among the instances.
    case 14: {
      const d = pick(rng, devices);
      if (!d) return undefined;
      return [
        ...links.filter((l) => l.a === d.id || l.b === d.id).map((l): Change => ({ op: 'delete', id: l.id })),
        ...of('application')
          .filter((a) => (a.instances ?? []).includes(d.id))
          .map((a): Change => ({ op: 'update', id: a.id, fields: { instances: (a.instances ?? []).filter((x) => x !== d.id) } })),
        { op: 'delete', id: d.id },
      ];
    }
    // A new site hanging off the network by one link, used by a usage.
    default: {
      const from = pick(rng, sites);
      const to = pick(rng, nodes);
      const u = pick(rng, of('usage'));
      if (!from || !to) return undefined;
      const site = `s-${tag}`;
      const d = `${site}.acc`;
      return [
        { op: 'create', id: site, fields: { kind: 'site', id: site, name: site, type: 'office', organization: from.organization } },
        { op: 'create', id: d, fields: { kind: 'device', id: d, name: d, site, role: 'access' } },
        link(`${site}.up`, d, to),
        ...(u ? [{ op: 'update', id: u.id, fields: { sites: [...u.sites, site] } } as Change] : []),
      ];
    }
  }
}

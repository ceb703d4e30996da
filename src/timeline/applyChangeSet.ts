/**
 * Applies one change set to an estate and validates the estate after it (docs/design.md, "Writes"): every
 * problem is listed, located at the change that caused it.
 */
import type { Problem } from '../model/errors.js';
import { referencesOf } from '../model/references.js';
import type { Change, ChangeSetInput, Origin } from './changeSet.js';
import type { EstateAccess, StoredObject } from './Estate.js';
import { mergePatch } from './mergePatch.js';
import { validateObject } from './validateObject.js';

/** What happened to one object in a change set: its state after it (none if deleted). */
export interface VersionEvent {
  readonly id: string;
  readonly kind: StoredObject['kind'];
  readonly op: 'create' | 'update' | 'delete';
  readonly object?: StoredObject;
}

/** Result of applying a change set. */
export interface ApplyResult {
  readonly problems: Problem[];
  /** One event per object the change set touched, in first-touch order. */
  readonly versions: VersionEvent[];
}

interface Touch {
  before: StoredObject | undefined;
  origin: Origin | undefined;
}

/**
 * Applies `cs` to `estate` in place. On problems the estate is left in a best-effort state
 * (valid changes applied) so that later problems can still be found; callers that got
 * problems must not persist anything.
 */
export function applyChangeSet(estate: EstateAccess, cs: ChangeSetInput, onApplied?: (changesDone: number) => void): ApplyResult {
  const problems: Problem[] = [];
  const touched = new Map<string, Touch>();
  const deleted = new Map<string, Origin | undefined>();
  // Risk-group membership (docs/file-format.md): what this change set states on either
  // side, settled after its last change as the union of both sides.
  const groupSays = new Map<string, { members: unknown; origin: Origin | undefined }>();
  const groupsReplaced = new Map<string, Origin | undefined>();
  const memberSays = new Set<string>();

  const report = (origin: Origin | undefined, id: string | undefined, field: string | undefined, message: string): void => {
    const path = origin?.path && field ? [...origin.path, ...field.split('.')] : origin?.path;
    problems.push({
      code: 'INVALID_ESTATE',
      message,
      changeset: cs.id,
      ...(id !== undefined && { id }),
      ...(field !== undefined && { field }),
      ...(origin?.file !== undefined && { file: origin.file }),
      ...(origin?.row !== undefined && { row: origin.row }),
      ...(path !== undefined && { path }),
    });
  };
  const touch = (id: string, origin: Origin | undefined, before: StoredObject | undefined = estate.get(id)): void => {
    const t = touched.get(id);
    if (t) t.origin = origin;
    else touched.set(id, { before, origin });
  };

  const put = (change: Change, raw: Record<string, unknown>, before: StoredObject | undefined): void => {
    let fields = raw;
    if (raw.kind === 'risk-group' && 'members' in raw) {
      const { members: _members, ...rest } = raw;
      fields = rest;
    }
    const result = validateObject(fields);
    if (!result.ok) {
      for (const p of result.problems) report(change.origin, change.id, p.field, p.message);
      return;
    }
    touch(change.id, change.origin, before);
    estate.set(result.value);
    const stated = change.op === 'update' ? change.fields : undefined;
    if (result.value.kind === 'risk-group') {
      // `members: null` in an update states an empty membership (a merge patch would drop it).
      if (stated === undefined ? 'members' in raw : 'members' in stated) {
        groupSays.set(change.id, { members: stated === undefined ? raw.members : (stated.members ?? []), origin: change.origin });
      }
    } else if ((result.value.kind === 'link' || result.value.kind === 'device') && (stated === undefined || 'risk_groups' in stated)) {
      memberSays.add(change.id);
    }
  };

  let done = 0;
  for (const change of cs.changes) {
    // An initial change set can hold hundreds of thousands of changes: report within it.
    if (onApplied && ++done % 4096 === 0) onApplied(done);
    const existing = estate.get(change.id);
    if (change.op === 'create') {
      if (existing) {
        report(change.origin, change.id, 'id', `duplicate id "${change.id}": a ${existing.kind} with this id already exists`);
        continue;
      }
      if (change.fields.kind === undefined) {
        report(change.origin, change.id, 'kind', 'kind is missing');
        continue;
      }
      put(change, { ...change.fields, id: change.id }, undefined);
    } else if (change.op === 'update') {
      if (!existing) {
        report(change.origin, change.id, undefined, `update of "${change.id}", which does not exist at this date`);
        continue;
      }
      if (change.fields.kind !== undefined && change.fields.kind !== existing.kind) {
        report(change.origin, change.id, 'kind', `kind cannot change (${existing.kind} → ${String(change.fields.kind)}); delete and create instead`);
        continue;
      }
      if (change.fields.id !== undefined && change.fields.id !== change.id) {
        report(change.origin, change.id, 'id', 'an id cannot change; delete and create instead');
        continue;
      }
      put(change, mergePatch(existing, change.fields) as Record<string, unknown>, existing);
    } else {
      if (!existing) {
        report(change.origin, change.id, undefined, `delete of "${change.id}", which does not exist at this date`);
        continue;
      }
      touch(change.id, change.origin);
      if (existing.kind === 'risk-group') {
        groupSays.delete(change.id);
        groupsReplaced.set(change.id, change.origin);
      }
      estate.delete(change.id);
      deleted.set(change.id, change.origin);
    }
  }

  // One truth: the store keeps membership on the members. A group's `members` in this
  // change set adds to what the members say in it; membership from earlier change sets that
  // neither side restates here is replaced (an update of `members`) or removed (a delete).
  for (const group of new Set([...groupsReplaced.keys(), ...groupSays.keys()])) {
    const said = groupSays.get(group);
    const origin = said?.origin ?? groupsReplaced.get(group);
    const wanted = said ? memberIds(group, said.members, origin) : [];
    const want = new Set(wanted);
    for (const id of estate.referrersOf(group)) {
      const o = estate.get(id);
      if (!o || (o.kind !== 'device' && o.kind !== 'link') || want.has(id) || memberSays.has(id)) continue;
      const rest = (o.risk_groups ?? []).filter((g) => g !== group);
      touch(id, origin);
      const next = { ...o } as Record<string, unknown>;
      if (rest.length) next.risk_groups = rest;
      else delete next.risk_groups;
      estate.set(next as StoredObject);
    }
    for (const id of want) {
      const o = estate.get(id);
      if (!o || (o.kind !== 'device' && o.kind !== 'link')) {
        report(origin, group, 'members', o ? `member "${id}" is a ${o.kind}; members are devices and links` : `member "${id}" does not exist`);
        continue;
      }
      if (o.risk_groups?.includes(group)) continue;
      touch(id, origin);
      estate.set({ ...o, risk_groups: [...(o.risk_groups ?? []), group] } as StoredObject);
    }
  }
  function memberIds(group: string, members: unknown, origin: Origin | undefined): readonly string[] {
    if (typeof members === 'string') return [members];
    if (Array.isArray(members) && members.every((x) => typeof x === 'string')) return members as string[];
    report(origin, group, 'members', 'members is a list of device and link ids');
    return [];
  }

  validateTouched(estate, touched, deleted, report);

  const versions: VersionEvent[] = [];
  for (const [id, t] of touched) {
    const after = estate.get(id);
    if (after) versions.push({ id, kind: after.kind, op: t.before ? 'update' : 'create', object: after });
    else if (t.before) versions.push({ id, kind: t.before.kind, op: 'delete' });
  }
  return { problems, versions };
}

type Reporter = (origin: Origin | undefined, id: string | undefined, field: string | undefined, message: string) => void;

/** Checks the rules that span objects, for the objects a change set touched. */
function validateTouched(estate: EstateAccess, touched: Map<string, Touch>, deleted: Map<string, Origin | undefined>, report: Reporter): void {
  // Per site, once per change set: a big data center has thousands of devices, and asking
  // for each of them would make validation quadratic. Asked by kind: a device's write needs
  // the links that end at its site, never the thousands of other devices there.
  const devices = new Map<string, string[]>();
  const linkEnds = new Map<string, string[]>();
  const devicesAt = (site: string): string[] => {
    let f = devices.get(site);
    if (!f) {
      f = estate.referrersOf(site, 'device').filter((id) => {
        const o = estate.get(id);
        return o?.kind === 'device' && o.site === site;
      });
      devices.set(site, f);
    }
    return f;
  };
  const linkEndsAt = (site: string): string[] => {
    let f = linkEnds.get(site);
    if (!f) {
      f = estate.referrersOf(site, 'link').filter((id) => {
        const o = estate.get(id);
        return o?.kind === 'link' && (o.a === site || o.b === site);
      });
      linkEnds.set(site, f);
    }
    return f;
  };
  for (const [id, t] of touched) {
    const o = estate.get(id);
    if (!o) continue;
    for (const r of referencesOf(o)) {
      const target = estate.get(r.target);
      if (!target) {
        report(t.origin, id, r.field, `"${r.target}" does not exist (expected a ${r.kinds.join(' or ')})`);
      } else if (!r.kinds.includes(target.kind)) {
        report(t.origin, id, r.field, `"${r.target}" is a ${target.kind}, expected a ${r.kinds.join(' or ')}`);
      } else if (o.kind === 'link' && target.kind === 'site') {
        const at = devicesAt(target.id);
        if (at.length) {
          report(t.origin, id, r.field, `link ends at site "${target.id}", which has devices (${at.slice(0, 3).join(', ')}${at.length > 3 ? ', …' : ''}): connect one of them`);
        }
      }
    }
    if (o.kind === 'device' && estate.has(o.site)) {
      for (const l of linkEndsAt(o.site)) {
        if (!touched.has(l)) {
          report(t.origin, id, 'site', `site "${o.site}" is a link end (link "${l}"); a site with devices cannot be one: connect the link to a device`);
        }
      }
    }
  }
  for (const [id, origin] of deleted) {
    if (estate.has(id)) continue; // re-created in the same change set
    for (const by of estate.referrersOf(id)) {
      const o = estate.get(by)!;
      const fields = referencesOf(o).filter((r) => r.target === id).map((r) => r.field);
      report(origin, id, undefined, `cannot delete "${id}": still referenced by ${o.kind} "${by}" (${[...new Set(fields)].join(', ')})`);
    }
  }
}

/**
 * Builds the plain YAML/JSON shape of an estate file from the timeline, for export. A full
 * export writes every change set and so reproduces the estate at every date; a snapshot
 * writes the estate at one instant and the change sets after it.
 */
import { fileKeyOfKind, kinds } from '../model/kinds.js';
import type { Plan } from '../store/planRepository.js';
import type { Change, ChangeSet } from '../timeline/changeSet.js';
import type { StoredObject } from '../timeline/Estate.js';
import { BEGINNING_OF_TIME, displayInstant, formatInstant, type TimeKey } from '../timeline/time.js';

/** The plain document written to a file. */
export type FileDocument = Record<string, unknown>;

const firstKeys = ['id', 'kind', 'name', 'type', 'role'];

/** Puts id, kind, name first so that exported files read like hand-written ones. */
function ordered(o: Readonly<Record<string, unknown>>, dropKind = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of firstKeys) if (o[k] !== undefined && !(dropKind && k === 'kind')) out[k] = o[k];
  for (const [k, v] of Object.entries(o)) if (!(k in out) && !(dropKind && k === 'kind')) out[k] = v;
  return out;
}

function changeOut(c: Change): Record<string, unknown> {
  if (c.op === 'delete') return { delete: c.id };
  return { [c.op]: ordered({ ...c.fields, id: c.id }) };
}

function changeSetOut(cs: ChangeSet): Record<string, unknown> {
  return {
    id: cs.id,
    title: cs.title,
    effective: cs.effective,
    status: cs.status,
    ...(cs.plan !== undefined && { plan: cs.plan }),
    ...(cs.author !== undefined && { author: cs.author }),
    ...(cs.notes !== undefined && { notes: cs.notes }),
    changes: cs.changes.map(changeOut),
  };
}

function plansOut(plans: readonly Plan[]): Record<string, unknown>[] {
  return plans.map((p) => ({ id: p.id, title: p.title, ...(p.notes !== undefined && { notes: p.notes }) }));
}

function grouped(objects: Iterable<Readonly<Record<string, unknown>>>): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const kind of kinds) out[fileKeyOfKind[kind]] = [];
  for (const o of objects) out[fileKeyOfKind[o.kind as (typeof kinds)[number]]]!.push(ordered(o, true));
  for (const k of Object.keys(out)) if (!out[k]!.length) delete out[k];
  return out;
}

/**
 * Objects created together, with risk-group membership written on the members only, as the
 * store keeps it (docs/file-format.md): a group's `members` joins each member's
 * `risk_groups` (after what the member says, in group order) and is left out. Exact for
 * objects that are all created in one change set, where membership is the union of both sides.
 */
function membershipOnMembers(objects: readonly Readonly<Record<string, unknown>>[]): Readonly<Record<string, unknown>>[] {
  const out = objects.map((o) => ({ ...o }));
  const byId = new Map(out.map((o) => [o.id as string, o]));
  for (const group of out) {
    if (group.kind !== 'risk-group' || group.members === undefined) continue;
    const members = (typeof group.members === 'string' ? [group.members] : (group.members as string[])).map((id) => byId.get(id));
    // A stored change set was valid, so every member is among its objects; if not, keep the group as written.
    if (members.some((m) => m === undefined)) continue;
    delete group.members;
    for (const member of members as Record<string, unknown>[]) {
      const said = typeof member.risk_groups === 'string' ? [member.risk_groups] : ((member.risk_groups as string[] | undefined) ?? []);
      if (!said.includes(group.id as string)) member.risk_groups = [...said, group.id];
    }
  }
  return out;
}

/** Every change set in recording order; the first, if it only creates, becomes the top level. */
export function fullDocument(changeSets: readonly ChangeSet[], plans: readonly Plan[]): FileDocument {
  const [first, ...rest] = changeSets;
  const spread = first && first.status === 'done' && first.plan === undefined && first.changes.every((c) => c.op === 'create');
  const doc: FileDocument = { version: 1 };
  if (spread) {
    doc.initial = {
      id: first.id,
      title: first.title,
      effective: first.effectiveKey === BEGINNING_OF_TIME ? formatInstant(first.effectiveKey) : first.effective,
      ...(first.author !== undefined && { author: first.author }),
      ...(first.notes !== undefined && { notes: first.notes }),
    };
    Object.assign(doc, grouped(membershipOnMembers(first.changes.map((c) => ({ ...(c as { fields: Record<string, unknown> }).fields, id: c.id })))));
  }
  if (plans.length) doc.plans = plansOut(plans);
  const sets = spread ? rest : changeSets;
  if (sets.length) doc.changesets = sets.map(changeSetOut);
  return doc;
}

/** The estate at `at` as the top level, then every change set effective after `at`. */
export function snapshotDocument(at: TimeKey, objects: Iterable<StoredObject>, later: readonly ChangeSet[], plans: readonly Plan[]): FileDocument {
  const sorted = [...objects].sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || (a.id < b.id ? -1 : 1));
  const doc: FileDocument = {
    version: 1,
    initial: { id: `snapshot-${formatInstant(at).replace(/[^0-9a-z]/gi, '').toLowerCase()}`, title: `Estate at ${displayInstant(at)}`, effective: formatInstant(at) },
    ...grouped(sorted),
  };
  if (plans.length) doc.plans = plansOut(plans);
  const sets = later.filter((cs) => cs.effectiveKey > at);
  if (sets.length) doc.changesets = sets.map(changeSetOut);
  return doc;
}

/**
 * Turns a parsed YAML/JSON value into an estate document, checking its structure (sections,
 * change shapes). Field values are checked later, by the timeline, with the same origins.
 */
import type { Problem } from '../model/errors.js';
import { tooDeep, tooDeepMessage } from '../model/nesting.js';
import { fileKeyOfKind, kindFromName } from '../model/kinds.js';
import { changeSetStatuses, type Change, type ChangeSetInput, type ChangeSetStatus, type Origin } from '../timeline/changeSet.js';
import type { EstateDocument, InitialMeta } from './estateDocument.js';

const statuses: readonly ChangeSetStatus[] = changeSetStatuses;
// The file keys, and their hyphenated spellings (`risk-groups`) as aliases not listed in messages.
const aliases = Object.values(fileKeyOfKind)
  .filter((k) => k.includes('_'))
  .map((k) => k.replace('_', '-'));
const sections = new Set(['version', 'initial', 'plans', 'changesets', ...Object.values(fileKeyOfKind), ...aliases]);
type Path = readonly (string | number)[];

/**
 * Converts and reports every structural problem with its path; with `file`, problems and
 * origins name it (a request body has none: its problems point into the body by path).
 */
export function toEstateDocument(value: unknown, file?: string): { doc: EstateDocument; problems: Problem[] } {
  const where = file === undefined ? {} : { file };
  const problems: Problem[] = [];
  const doc: EstateDocument = { objects: [], plans: [], changesets: [] };
  const bad = (path: Path, message: string, extra: Partial<Problem> = {}): void => {
    problems.push({ code: 'INVALID_INPUT', message, ...where, path, ...extra });
  };
  const origin = (path: Path): Origin => ({ ...where, path });

  if (value === null || value === undefined) return { doc, problems };
  const deep = tooDeep(value);
  if (deep) {
    bad(deep.slice(0, 6), tooDeepMessage(deep));
    return { doc, problems };
  }
  if (!isMap(value)) {
    bad([], 'an estate file is a mapping of sections (organizations, sites, …, changesets)');
    return { doc, problems };
  }
  for (const [key, section] of Object.entries(value)) {
    if (!sections.has(key)) {
      bad([key], `unknown section "${key}"; sections are ${[...sections].filter((s) => !aliases.includes(s)).join(', ')}`);
      continue;
    }
    if (key === 'version') {
      if (section !== 1) bad([key], `unsupported format version ${JSON.stringify(section)}; this Verbund reads version 1`);
    } else if (key === 'initial') {
      if (!isMap(section)) bad([key], 'initial is a mapping {id, title, effective, author}');
      else (doc as { initial?: InitialMeta }).initial = readInitial(section, [key], bad, origin);
    } else if (key === 'plans') {
      forEachMap(section, [key], bad, (p, path) => {
        if (!isId(p.id)) return bad(path, 'a plan needs an id');
        for (const k of Object.keys(p)) {
          if (!['id', 'title', 'notes'].includes(k)) bad([...path, k], `unknown field "${k}" of a plan`, { id: String(p.id) });
          else if (k !== 'id' && typeof p[k] !== 'string') bad([...path, k], `${k} is text`, { id: String(p.id) });
        }
        doc.plans.push({ id: p.id as string, ...(typeof p.title === 'string' && { title: p.title }), ...(typeof p.notes === 'string' && { notes: p.notes }), origin: origin(path) });
      });
    } else if (key === 'changesets') {
      forEachMap(section, [key], bad, (cs, path) => {
        const parsed = readChangeSet(cs, path, bad, origin);
        if (parsed) doc.changesets.push(parsed);
      });
    } else {
      const kind = kindFromName(key)!;
      forEachMap(section, [key], bad, (o, path) => {
        if (!isId(o.id)) return bad([...path, 'id'], 'an object needs an id');
        if (o.kind !== undefined && o.kind !== kind) return bad([...path, 'kind'], `kind "${String(o.kind)}" in the ${key} section`, { id: o.id as string });
        doc.objects.push({ op: 'create', id: o.id as string, fields: { ...o, kind }, origin: origin(path) });
      });
    }
  }
  return { doc, problems };
}

type Bad = (path: Path, message: string, extra?: Partial<Problem>) => void;

function readInitial(m: Record<string, unknown>, path: Path, bad: Bad, origin: (p: Path) => Origin): InitialMeta {
  const out: Record<string, unknown> = { origin: origin(path) };
  for (const [k, v] of Object.entries(m)) {
    if (!['id', 'title', 'effective', 'author', 'notes'].includes(k)) bad([...path, k], `unknown field "${k}" of initial`);
    else if (typeof v !== 'string') bad([...path, k], `${k} is text`);
    else out[k] = v;
  }
  return out as InitialMeta;
}

function readChangeSet(cs: Record<string, unknown>, path: Path, bad: Bad, origin: (p: Path) => Origin): ChangeSetInput | undefined {
  if (!isId(cs.id)) {
    bad([...path, 'id'], 'a change set needs an id (a slug)');
    return undefined;
  }
  const id = cs.id as string;
  const where = { changeset: id };
  for (const k of Object.keys(cs)) {
    if (!['id', 'title', 'effective', 'status', 'plan', 'author', 'notes', 'changes'].includes(k)) bad([...path, k], `unknown field "${k}" of a change set`, where);
  }
  if (typeof cs.title !== 'string') bad([...path, 'title'], 'title is required text', where);
  if (typeof cs.effective !== 'string') bad([...path, 'effective'], 'effective is required: a date (YYYY-MM-DD) or a date-time with offset', where);
  if (!statuses.includes(cs.status as ChangeSetStatus)) bad([...path, 'status'], `status is one of ${statuses.join(', ')}`, where);
  if (cs.plan !== undefined && !isId(cs.plan)) bad([...path, 'plan'], 'plan is a plan id', where);
  for (const k of ['author', 'notes'] as const) if (cs[k] !== undefined && typeof cs[k] !== 'string') bad([...path, k], `${k} is text`, where);
  const changes: Change[] = [];
  if (!Array.isArray(cs.changes)) bad([...path, 'changes'], 'changes is a list of create / update / delete', where);
  else {
    cs.changes.forEach((c: unknown, i: number) => {
      const cpath = [...path, 'changes', i];
      const keys = isMap(c) ? Object.keys(c) : [];
      const op = keys[0];
      if (!isMap(c) || keys.length !== 1 || (op !== 'create' && op !== 'update' && op !== 'delete')) {
        bad(cpath, 'a change is one of `create: {…}`, `update: {id, …}`, `delete: id`', where);
        return;
      }
      const body = c[op];
      const opPath = [...cpath, op];
      if (op === 'delete') {
        const target = isMap(body) ? body.id : body;
        if (!isId(target)) bad(opPath, 'delete takes an id', where);
        else changes.push({ op, id: target as string, origin: origin(opPath) });
        return;
      }
      if (!isMap(body)) return bad(opPath, `${op} takes a mapping with id and fields`, where);
      if (!isId(body.id)) return bad([...opPath, 'id'], `${op} needs the object's id`, where);
      changes.push({ op, id: body.id as string, fields: body, origin: origin(opPath) });
    });
  }
  return {
    id,
    title: typeof cs.title === 'string' ? cs.title : id,
    effective: typeof cs.effective === 'string' ? cs.effective : '',
    status: (cs.status as ChangeSetStatus) ?? 'done',
    ...(typeof cs.plan === 'string' && { plan: cs.plan }),
    ...(typeof cs.author === 'string' && { author: cs.author }),
    ...(typeof cs.notes === 'string' && { notes: cs.notes }),
    changes,
    origin: origin(path),
  };
}

function forEachMap(section: unknown, path: Path, bad: Bad, fn: (m: Record<string, unknown>, path: Path) => void): void {
  if (section === null || section === undefined) return;
  if (!Array.isArray(section)) return bad(path, `${String(path[0])} is a list`);
  section.forEach((item: unknown, i: number) => {
    if (!isMap(item)) bad([...path, i], 'expected a mapping');
    else fn(item, [...path, i]);
  });
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isId(v: unknown): boolean {
  return typeof v === 'string' && v.length > 0;
}

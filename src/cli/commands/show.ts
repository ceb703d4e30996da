/** `verbund show KIND [ID]`: a table of the objects of a kind, or one object, at a date. */
import { VerbundError } from '../../model/errors.js';
import { kindFromName, kinds, type Kind } from '../../model/kinds.js';
import type { StoredObject } from '../../timeline/Estate.js';
import { displayInstant } from '../../timeline/time.js';
import { io, out, outJson, withService, type GlobalOptions } from '../context.js';
import { printObject } from '../printObject.js';
import { table } from '../table.js';

/** The columns a person wants first, per kind. */
const columns: Readonly<Record<Kind, readonly string[]>> = {
  organization: ['id', 'name', 'type', 'ags', 'member_of', 'customer_of'],
  site: ['id', 'name', 'type', 'organization', 'location'],
  'risk-group': ['id', 'name', 'type'],
  device: ['id', 'name', 'site', 'role', 'status', 'risk_groups'],
  link: ['id', 'a', 'b', 'type', 'length_km', 'risk_groups'],
  application: ['id', 'name', 'category', 'product', 'status', 'instances'],
  usage: ['id', 'tenant', 'application', 'sites', 'users'],
  'risk-acceptance': ['id', 'element', 'accepted_by', 'accepted_on', 'review_by'],
  'failover-test': ['id', 'date', 'failed', 'mode', 'result', 'next_due'],
};

export async function run(opts: GlobalOptions, kindName: string, id?: string): Promise<void> {
  const kind = kindFromName(kindName);
  if (!kind) throw new VerbundError('USAGE', `unknown kind "${kindName}"; kinds are ${kinds.join(', ')}`);
  await withService(opts, async (service) => {
    const view = { at: opts.at, plan: opts.plan };
    if (id !== undefined) {
      const o = await service.get(id, view);
      if (o.kind !== kind) throw new VerbundError('NOT_FOUND', `"${id}" is a ${o.kind}, not a ${kind}`);
      if (opts.json) outJson(o);
      else io.stdout(printObject(o));
      return;
    }
    const { at, estate, problems } = await service.estate(view);
    const list = [...estate.ofKind(kind)].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const p of problems) io.stderr(`warning: plan ${opts.plan}: ${p.message}\n`);
    if (opts.json) return outJson(list);
    out(`${list.length} ${kind}${list.length === 1 ? '' : 's'} at ${displayInstant(at)}${opts.plan ? ` (plan ${opts.plan})` : ''}`);
    if (list.length) out(table(columns[kind], list.map((o) => columns[kind].map((c) => present(o, c)))));
  });
}

function present(o: StoredObject, column: string): unknown {
  const v = (o as Record<string, unknown>)[column];
  if (column === 'location' && v && typeof v === 'object') {
    const l = v as { lat: number; lon: number };
    return `${l.lat.toFixed(4)}, ${l.lon.toFixed(4)}`;
  }
  if (column === 'sites' || column === 'instances' || column === 'risk_groups' || column === 'member_of' || column === 'customer_of') {
    const list = (v as string[] | undefined) ?? [];
    return list.length > 3 ? `${list.slice(0, 3).join(', ')} (+${list.length - 3})` : list;
  }
  return v;
}

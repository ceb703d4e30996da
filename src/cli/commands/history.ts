/** `verbund history ID`: every version of one object with its change set, author and recorder. */
import { displayInstant } from '../../timeline/time.js';
import { out, outJson, withService, type GlobalOptions } from '../context.js';
import { cell, table } from '../table.js';

export async function run(opts: GlobalOptions, id: string): Promise<void> {
  await withService(opts, async (service) => {
    const { versions, proposed } = await service.history(id);
    if (opts.json) return outJson({ id, versions, proposed: proposed.map((p) => ({ changeset: p.changeset.id, plan: p.changeset.plan, effective: p.changeset.effective, op: p.op })) });
    const rows = versions.map((v, i) => {
      const prev = versions[i - 1]?.object as Record<string, unknown> | undefined;
      const cur = v.object as Record<string, unknown> | undefined;
      const changed = v.op === 'update' && prev && cur ? changedFields(prev, cur) : '';
      return [displayInstant(v.validFrom), v.op, v.changeset, v.status, v.author ?? '', `${v.recordedBy} ${v.recordedAt.slice(0, 16).replace('T', ' ')}`, changed];
    });
    out(`history of ${id}`);
    out(table(['effective', 'op', 'change set', 'status', 'author', 'recorded', 'changed'], rows));
    if (proposed.length) {
      out('');
      out('proposed in plans:');
      out(table(['effective', 'op', 'change set', 'plan'], proposed.map((p) => [p.changeset.effective, p.op, p.changeset.id, p.changeset.plan ?? ''])));
    }
  });
}

function changedFields(a: Record<string, unknown>, b: Record<string, unknown>): string {
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return fields.map((f) => `${f}: ${cell(a[f]) || '∅'} → ${cell(b[f]) || '∅'}`).join('; ');
}

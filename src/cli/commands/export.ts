/** `verbund export`: writes the whole timeline, or (with --at) the estate at a date and what follows. */
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { fullDocument, snapshotDocument } from '../../interop/toFileDocument.js';
import { io, withService, type GlobalOptions } from '../context.js';

interface ExportOptions extends GlobalOptions {
  format: 'yaml' | 'json';
  out?: string;
}

export async function run(opts: ExportOptions): Promise<void> {
  const doc = await withService(opts, async (service) => {
    const [changeSets, plans] = await Promise.all([service.changeSetsWithChanges(), service.plans()]);
    if (opts.at === undefined && opts.plan === undefined) return fullDocument(changeSets, plans);
    const { at, estate } = await service.estate({ at: opts.at, plan: opts.plan });
    return snapshotDocument(at, estate.values(), changeSets, plans);
  });
  const text = opts.format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
  if (opts.out) writeFileSync(opts.out, text);
  else io.stdout(text);
}

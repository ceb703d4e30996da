/** `verbund demo`: a fresh embedded database with the OWL-IT example, and a summary of it. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { VerbundError } from '../../model/errors.js';
import { readEstatePath } from '../../interop/readEstatePath.js';
import { displayInstant } from '../../timeline/time.js';
import { out, outJson, withService, type GlobalOptions } from '../context.js';
import { packageRoot } from '../packageRoot.js';
import { table } from '../table.js';

export async function run(opts: GlobalOptions): Promise<void> {
  const file = opts.db ?? 'verbund-demo.db';
  if (/^postgres/.test(file)) throw new VerbundError('USAGE', 'the demo makes a fresh SQLite file; give --db a file name');
  // Fresh means fresh: the demo owns this file.
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
  const example = join(packageRoot(), 'examples', 'owl-it');
  const { doc, problems } = readEstatePath(example);
  await withService({ ...opts, db: file }, async (service) => {
    await service.importDocument(doc, {}, problems);
    const s = await service.summary({ at: opts.at, plan: opts.plan });
    if (opts.json) return outJson({ db: file, ...s });
    out(`Verbund demo: the OWL-IT example in ${file}`);
    out('');
    out(`estate at ${displayInstant(s.at)}${opts.plan ? ` (plan ${opts.plan})` : ''}:`);
    out(table(['kind', 'count'], Object.entries(s.counts)));
    out('');
    out(`timeline: ${s.changesets.done} done, ${s.changesets.scheduled} scheduled, ${s.changesets.proposed} proposed in ${s.plans} plan(s), ${s.changesets.cancelled} cancelled; ${s.first ? displayInstant(s.first) : ''} … ${s.last ? displayInstant(s.last) : ''}`);
    out('');
    out('try:');
    out(`  npx verbund --db ${file} show application --at 2018-06-01`);
    out(`  npx verbund --db ${file} history finanzwesen`);
    out(`  npx verbund --db ${file} diff --from 2019-01-01 --to 2020-01-01`);
    out(`  npx verbund --db ${file} changeset list`);
  });
}

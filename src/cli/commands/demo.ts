/**
 * `verbund demo`: a fresh embedded database with the OWL-IT example and an admin account
 * (its generated password printed once), then the web UI and API on http://127.0.0.1:4680.
 * `--no-serve` prints a summary of the example and exits.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { VerbundError } from '../../model/errors.js';
import { readEstatePath } from '../../interop/readEstatePath.js';
import { AccountService } from '../../service/AccountService.js';
import { displayInstant } from '../../timeline/time.js';
import { out, outJson, withService, type GlobalOptions } from '../context.js';
import { packageRoot } from '../packageRoot.js';
import { table } from '../table.js';

interface DemoOptions extends GlobalOptions {
  /** False with --no-serve. */
  readonly serve?: boolean;
  readonly host?: string;
  readonly port?: string;
}

/** The demo's admin account. */
const ADMIN = 'admin';

export async function run(opts: DemoOptions): Promise<number | void> {
  const file = opts.db ?? 'verbund-demo.db';
  if (/^postgres/.test(file)) throw new VerbundError('USAGE', 'the demo makes a fresh SQLite file; give --db a file name');
  // Fresh means fresh: the demo owns this file.
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
  const example = join(packageRoot(), 'examples', 'owl-it');
  const { doc, problems } = readEstatePath(example);
  const serve = opts.serve !== false;
  const password = await withService({ ...opts, db: file }, async (service, store) => {
    await service.importDocument(doc, {}, problems);
    const s = await service.summary({ at: opts.at, plan: opts.plan });
    if (!serve && opts.json) return outJson({ db: file, ...s });
    out(`Verbund demo: the OWL-IT example in ${file}`);
    out('');
    out(`estate at ${displayInstant(s.at)}${opts.plan ? ` (plan ${opts.plan})` : ''}:`);
    out(table(['kind', 'count'], Object.entries(s.counts)));
    out('');
    out(`timeline: ${s.changesets.done} done, ${s.changesets.scheduled} scheduled, ${s.changesets.proposed} proposed in ${s.plans} plan(s), ${s.changesets.cancelled} cancelled; ${s.first ? displayInstant(s.first) : ''} … ${s.last ? displayInstant(s.last) : ''}`);
    out('');
    if (!serve) {
      out('try:');
      out(`  npx verbund --db ${file} show application --at 2018-06-01`);
      out(`  npx verbund --db ${file} history finanzwesen`);
      out(`  npx verbund --db ${file} diff --from 2019-01-01 --to 2020-01-01`);
      out(`  npx verbund --db ${file} changeset list`);
      return undefined;
    }
    // The database is fresh, so the admin is new: a generated password, shown this once.
    const secret = randomBytes(12).toString('base64url');
    await new AccountService(store).addUser({ name: ADMIN, role: 'admin', password: secret });
    return secret;
  });
  if (!serve || password === undefined) return;
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? '4680';
  out(`Sign in as "${ADMIN}" with the password ${password} (shown only now; \`verbund --db ${file} user passwd ${ADMIN}\` sets another).`);
  out(port === '0' ? 'Open the address below in a browser; Ctrl+C stops the server.' : `Open http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/ in a browser; Ctrl+C stops the server.`);
  out('');
  const { run: serveRun } = await import('./serve.js');
  return serveRun({ ...opts, db: file, host, port, logLevel: 'warn' });
}

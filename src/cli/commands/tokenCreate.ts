/** `verbund token create USER [--name N] [--expires DAYS]`: prints a new API token, once. */
import { VerbundError } from '../../model/errors.js';
import { io, out, outJson, type GlobalOptions } from '../context.js';
import { withAccounts } from './userAccounts.js';

export async function run(opts: GlobalOptions & { name?: string; expires?: string }, user: string): Promise<void> {
  const expiresDays = opts.expires === undefined ? undefined : Number(opts.expires);
  if (expiresDays !== undefined && !Number.isInteger(expiresDays)) throw new VerbundError('USAGE', `--expires is a number of days, not "${opts.expires}"`);
  await withAccounts(opts, async (accounts) => {
    const t = await accounts.createToken(user, { name: opts.name, expiresDays });
    if (opts.json) return outJson(t);
    // The token alone on stdout, so that `TOKEN=$(verbund token create anna)` works.
    out(t.token);
    io.stderr(`token ${t.id} of ${t.user}${t.expiresAt ? `, valid until ${t.expiresAt}` : ', no expiry'}; it is shown only now\n`);
  });
}

/** `verbund token list [--of USER]`: API tokens, never their secrets. */
import { out, outJson, type GlobalOptions } from '../context.js';
import { table } from '../table.js';
import { withAccounts } from './userAccounts.js';

export async function run(opts: GlobalOptions & { of?: string }): Promise<void> {
  await withAccounts(opts, async (accounts) => {
    const tokens = await accounts.listTokens(opts.of);
    if (opts.json) return outJson(tokens);
    if (!tokens.length) return out('no tokens');
    out(table(['id', 'user', 'name', 'created', 'expires', 'revoked'], tokens.map((t) => [t.id, t.user, t.name, t.createdAt.slice(0, 16), t.expiresAt?.slice(0, 16) ?? '', t.revokedAt?.slice(0, 16) ?? ''])));
  });
}

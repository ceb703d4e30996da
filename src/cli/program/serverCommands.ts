/** Part of `buildProgram` (main.ts): the server and its accounts: serve, user, token, demo. */
import { type Command, Option } from 'commander';
import type { LazyAction } from './lazyAction.js';

/** The server and its accounts: serve, user, token, demo. */
export function declareServerCommands(program: Command, action: LazyAction): void {
  program
    .command('serve')
    .description('serve the HTTP API (and its docs at /api/docs) until SIGTERM/SIGINT')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on', '4680')
    .option('--body-limit <mib>', 'largest request body in MiB (default 10)')
    .option('--trust-proxy', 'trust X-Forwarded-* headers of a reverse proxy')
    .option('--analysis-threads <n>', 'worker threads for the analyses (default: the number of cores)')
    .option('--analysis-queue <n>', 'analyses that may wait for a thread before OVERLOADED (default 4 per thread)')
    .option('--analysis-timeout <seconds>', 'deadline of one analysis, waiting included (default 120)')
    .option('--no-warm', 'do not warm the analyses at start (default: once listening, every analysis thread gets the estate of now with its whole-estate verdicts; /healthz says warm: true when done)')
    .option('--netbox-url <url...>', 'a NetBox the web UI\'s sync may pull (repeatable; default: $VERBUND_NETBOX_URLS, space-separated; none: the sync over the API is off)')
    .option('--map-style <url|file>', 'base map of the web map: a MapLibre style URL, or a style JSON file the server serves (default: $VERBUND_MAP_STYLE; none)')
    .addOption(new Option('--log-level <level>', 'JSON log level').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'))
    .action(action(() => import('../commands/serve.js')));
  const user = program.command('user').description('users of the server (roles: viewer, planner, operator, admin, tenant)');
  user
    .command('add')
    .description('add a user; asks for the password on a terminal')
    .argument('<name>')
    .addOption(new Option('--role <role>', 'its role').choices(['viewer', 'planner', 'operator', 'admin', 'tenant']).makeOptionMandatory())
    .option('--tenant <org>', 'the organization a tenant is bound to')
    .option('--password-stdin', 'read the password from stdin')
    .action(action(() => import('../commands/userAdd.js')));
  user.command('list').description('every user').action(action(() => import('../commands/userList.js')));
  user.command('disable').description('disable a user (--enable: enable again)').argument('<name>').option('--enable', 'enable instead').action(action(() => import('../commands/userDisable.js')));
  user.command('passwd').description('set a user\'s password; ends its sessions').argument('<name>').option('--password-stdin', 'read the password from stdin').action(action(() => import('../commands/userPasswd.js')));
  const token = program.command('token').description('API tokens (Authorization: Bearer …)');
  token
    .command('create')
    .description('create a token for a user and print it (only this once)')
    .argument('<user>')
    .option('--name <name>', 'what the token is for')
    .option('--expires <days>', 'expire after this many days (default: never)')
    .action(action(() => import('../commands/tokenCreate.js')));
  token.command('list').description('tokens, never their secrets').option('--of <user>', 'only the tokens of this user').action(action(() => import('../commands/tokenList.js')));
  token.command('revoke').description('revoke a token by its id').argument('<id>').action(action(() => import('../commands/tokenRevoke.js')));

  program
    .command('demo')
    .description('create a fresh database with the OWL-IT example and an admin, then serve the web UI (--no-serve: print a summary and exit)')
    .option('--no-serve', 'print the summary and exit instead of serving')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on', '4680')
    .action(action(() => import('../commands/demo.js')));
}

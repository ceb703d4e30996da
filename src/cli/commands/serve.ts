/**
 * `verbund serve`: the HTTP API on host:port until SIGTERM or SIGINT, then a graceful
 * shutdown (no new connections, in-flight requests finish, the database is closed). On a
 * database without an admin it prints a one-time setup token valid for an hour.
 */
import { loadBaseMap } from '../../api/baseMap.js';
import { VerbundError } from '../../model/errors.js';
import { AccountService } from '../../service/AccountService.js';
import { openStore, resolveLocation } from '../../store/openStore.js';
import { io, out, type GlobalOptions } from '../context.js';

interface ServeOptions extends GlobalOptions {
  readonly host: string;
  readonly port: string;
  readonly bodyLimit?: string;
  readonly trustProxy?: boolean;
  readonly analysisThreads?: string;
  readonly analysisQueue?: string;
  readonly analysisTimeout?: string;
  readonly logLevel: string;
  readonly mapStyle?: string;
  readonly netboxUrl?: readonly string[];
  /** False with `--no-warm`; default true. */
  readonly warm?: boolean;
}

/** A positive integer option, or undefined when not given. */
function positive(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new VerbundError('USAGE', `${option} is a whole number of at least 1, not "${value}"`);
  return n;
}

export async function run(opts: ServeOptions): Promise<number> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new VerbundError('USAGE', `--port is a port number, not "${opts.port}"`);
  const bodyLimit = opts.bodyLimit === undefined ? undefined : Number(opts.bodyLimit) * 1024 * 1024;
  if (bodyLimit !== undefined && !(bodyLimit > 0)) throw new VerbundError('USAGE', '--body-limit is a number of MiB');
  const analysis = {
    threads: positive(opts.analysisThreads, '--analysis-threads'),
    queue: positive(opts.analysisQueue, '--analysis-queue'),
    deadlineMs: (positive(opts.analysisTimeout, '--analysis-timeout') ?? 120) * 1000,
  };
  const mapStyle = opts.mapStyle ?? process.env.VERBUND_MAP_STYLE;
  const baseMap = mapStyle ? loadBaseMap(mapStyle) : undefined;
  const netboxUrls = opts.netboxUrl ?? process.env.VERBUND_NETBOX_URLS?.split(/\s+/).filter(Boolean) ?? [];
  const store = await openStore(resolveLocation(opts));
  // Loaded here, not at the top: other commands never load Fastify.
  const { buildApp } = await import('../../api/buildApp.js');
  const app = await buildApp({ store, logger: { level: opts.logLevel }, bodyLimit, trustProxy: opts.trustProxy === true, analysis, netboxUrls, warmWriter: true, warmAnalyses: opts.warm !== false, ...(baseMap && { baseMap }) });
  const address = await app.listen({ host: opts.host, port });
  out(`verbund serves ${address} (${store.dialect}); API docs at ${address}/api/docs`);
  const accounts = new AccountService(store);
  if (!(await accounts.hasAdmin())) {
    const { token, expiresAt } = await accounts.createSetupToken();
    out(`No admin yet. Create the first one before ${expiresAt} (the token works once):`);
    out(`  curl -X POST ${address}/api/v1/setup -H 'content-type: application/json' \\`);
    out(`    -d '{"token":"${token}","name":"admin","password":"…at least 10 characters…"}'`);
    out(`or: verbund --db … user add NAME --role admin`);
  }
  return new Promise<number>((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      io.stderr(`${signal}: finishing in-flight requests\n`);
      void app
        .close()
        .then(() => store.close())
        .then(
          () => resolve(0),
          (e: unknown) => {
            io.stderr(`shutdown failed: ${(e as Error).message}\n`);
            resolve(3);
          },
        );
    };
    const onTerm = (): void => stop('SIGTERM');
    const onInt = (): void => stop('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
  });
}

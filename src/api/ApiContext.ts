/**
 * What every route gets: the services over one store. One AnalysisService per app, so that
 * its snapshot cache serves every request on the same estate version.
 */
import type { FastifyRequest } from 'fastify';
import { AccountService } from '../service/AccountService.js';
import { AnalysisPool, type AnalysisPoolOptions } from '../service/AnalysisPool.js';
import { AnalysisService, type Snapshot } from '../service/AnalysisService.js';
import { EstateService, type ViewOptions } from '../service/EstateService.js';
import { VerbundError } from '../model/errors.js';
import { kinds, type Kind } from '../model/kinds.js';
import { hasRights } from '../model/roles.js';
import type { Store } from '../store/openStore.js';
import { offThreadReader } from '../service/offThreadReader.js';
import { TimelineWriter } from '../service/TimelineWriter.js';
import { principalOf } from './authorization.js';
import { Metrics } from './Metrics.js';
import { scopeOf, type Scope } from '../service/tenantScope.js';

/** The services of the API. */
export class ApiContext {
  /** Reads (the audit user of reads is never recorded). */
  readonly estates: EstateService;
  readonly analysis: AnalysisService;
  /** The worker threads the analyses run in; closed with the app. */
  readonly pool: AnalysisPool;
  readonly accounts: AccountService;
  readonly metrics: Metrics;
  /** The thread every write of the timeline runs in; closed with the app. */
  readonly writes: TimelineWriter;

  constructor(
    readonly store: Store,
    pool: AnalysisPoolOptions = {},
  ) {
    this.estates = new EstateService(store, 'api');
    this.pool = new AnalysisPool(pool);
    // Over a SQLite file, a large estate is read and packed in a thread of its own.
    const offThread = offThreadReader(store);
    this.analysis = new AnalysisService(this.estates, { runner: this.pool, ...(offThread && { offThread }) });
    this.accounts = new AccountService(store);
    this.writes = new TimelineWriter(store.location);
    this.metrics = new Metrics(async () => {
      // From the cached snapshot of now: a scrape costs no estate read while nothing changes.
      const counts = Object.fromEntries(kinds.map((k) => [k, 0])) as Record<Kind, number>;
      for (const o of (await this.analysis.snapshot({})).estate.values()) counts[o.kind]++;
      return counts;
    }, () => ({ ...this.pool.load(), warm: this.analysis.warmedUp, work: this.pool.threadWork() }));
  }

  /**
   * Warms the analyses in the background (`serve`, once it listens; docs/api.md "Heavy
   * analyses"): every thread of the pool gets the baseline estate of now, decoded and
   * projected, with its whole-estate verdicts. A failure is told to `onError` and leaves the
   * analyses as cold as without a warm-up.
   */
  warm(onError: (e: Error) => void): void {
    this.analysis.warm().catch((e: unknown) => onError(e as Error));
  }

  /** An estate service that records writes as the caller; below operator, it may change only the future. */
  writer(req: FastifyRequest): EstateService {
    const p = principalOf(req);
    return new EstateService(this.store, p.name, { mayChangePast: hasRights(p.role, 'operator'), writer: this.writes });
  }

  /**
   * The (cached) snapshot of a view and what the caller may see of it. `estate: false`: the
   * caller only hands the snapshot to the analysis threads (staff need no scope), so a fresh
   * estate version goes to them before this thread has parsed it.
   */
  async scoped(req: FastifyRequest, view: ViewOptions, opts: { estate?: boolean } = {}): Promise<{ snap: Snapshot; scope: Scope }> {
    const principal = principalOf(req);
    // Plans are the operator's drafts: for a tenant there are none (the same answer as for a plan that does not exist).
    if (principal.role === 'tenant' && view.plan !== undefined) throw new VerbundError('UNKNOWN_PLAN', `no plan "${view.plan}"`);
    const snap = await this.analysis.snapshot(view, { estate: opts.estate !== false || principal.role === 'tenant' });
    // The estate as a function: read (and parsed, if it came as bytes) for a tenant only.
    return { snap, scope: scopeOf(principal, () => snap.estate) };
  }
}

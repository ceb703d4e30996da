/**
 * Prometheus metrics of one app (its own registry, so that several apps in one process —
 * tests — do not collide): request durations by route, analysis durations, errors by
 * catalogue code, the estate's size by kind, and the process defaults.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ErrorCode } from '../model/errors.js';
import { kinds, type Kind } from '../model/kinds.js';

/** The metrics of one app. */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Histogram<'method' | 'route' | 'status'>;
  private readonly analyses: Histogram<'analysis'>;
  private readonly errors: Counter<'code'>;

  /**
   * `estateSize` is asked at every scrape: the number of objects by kind now; `analyses`:
   * how many analyses run on a thread of the pool and how many wait for one, whether the
   * warm-up at start has finished, and what the threads did that later questions reuse.
   */
  constructor(estateSize: () => Promise<Record<Kind, number>>, analyses: () => { running: number; waiting: number; warm: boolean; work: { decoded: number; verdicts: number } }) {
    collectDefaultMetrics({ register: this.registry, prefix: 'verbund_' });
    this.requests = new Histogram({
      name: 'verbund_http_request_duration_seconds',
      help: 'HTTP request durations by route template, method and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [this.registry],
    });
    this.analyses = new Histogram({
      name: 'verbund_analysis_duration_seconds',
      help: 'Durations of the analyses (check, what-if, paths, availability, timeline check)',
      labelNames: ['analysis'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      registers: [this.registry],
    });
    this.errors = new Counter({ name: 'verbund_errors_total', help: 'Failed requests by catalogue code', labelNames: ['code'], registers: [this.registry] });
    new Gauge({
      name: 'verbund_analyses',
      help: 'Analyses in the worker pool, by state (running, waiting)',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const load = analyses();
        this.set({ state: 'running' }, load.running);
        this.set({ state: 'waiting' }, load.waiting);
      },
    });
    new Gauge({
      name: 'verbund_analysis_warm',
      help: '1 once the warm-up at start has finished: every analysis thread holds the estate of now with its whole-estate verdicts',
      registers: [this.registry],
      collect() {
        this.set(analyses().warm ? 1 : 0);
      },
    });
    new Gauge({
      name: 'verbund_analysis_thread_work',
      help: 'Work of the analysis threads since start that later questions reuse: estate versions decoded, whole-estate verdicts computed',
      labelNames: ['work'],
      registers: [this.registry],
      collect() {
        const { work } = analyses();
        this.set({ work: 'decoded' }, work.decoded);
        this.set({ work: 'verdicts' }, work.verdicts);
      },
    });
    new Gauge({
      name: 'verbund_estate_objects',
      help: 'Objects of the estate now, by kind',
      labelNames: ['kind'],
      registers: [this.registry],
      async collect() {
        const counts = await estateSize();
        for (const kind of kinds) this.set({ kind }, counts[kind]);
      },
    });
  }

  /** Records one answered request. */
  request(method: string, route: string, status: number, seconds: number): void {
    this.requests.observe({ method, route, status: String(status) }, seconds);
  }

  /** Records one failed request. */
  error(code: ErrorCode): void {
    this.errors.inc({ code });
  }

  /** Runs an analysis and records how long it took. */
  async analysis<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const end = this.analyses.startTimer({ analysis: name });
    try {
      return await fn();
    } finally {
      end();
    }
  }
}

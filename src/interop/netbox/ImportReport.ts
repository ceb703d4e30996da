/**
 * The import report: for every NetBox endpoint how many objects were read and what each
 * became, every object that was skipped with the reason, and flags (data that is missing in
 * NetBox, such as coordinates). Every object read has exactly one outcome.
 */
// The shapes this file produces are part of the API's contract: declared in src/contracts.
import type { EndpointCount, ImportFlag, ImportReport, SkippedObject } from '../../contracts/netbox.js';
export type { EndpointCount, ImportFlag, ImportReport, SkippedObject };

/** Collects the report while the rules map. */
export class ReportBuilder {
  private readonly counts = new Map<string, EndpointCount>();
  readonly skipped: SkippedObject[] = [];
  readonly flags: ImportFlag[] = [];

  /** Declares an endpoint with the number of objects read (in the order reports list them). */
  seen(endpoint: string, n: number): void {
    if (!this.counts.has(endpoint)) this.counts.set(endpoint, { endpoint, seen: n, outcomes: {} });
  }

  /** One object of `endpoint` became `outcome`. */
  outcome(endpoint: string, outcome: string): void {
    const c = this.counts.get(endpoint);
    if (!c) throw new Error(`report: endpoint ${endpoint} not declared`);
    c.outcomes[outcome] = (c.outcomes[outcome] ?? 0) + 1;
  }

  /** One object of `endpoint` was skipped. */
  skip(endpoint: string, o: { id: number | string; display?: string | undefined; name?: string | null | undefined }, reason: string): void {
    this.outcome(endpoint, 'skipped');
    this.skipped.push({ endpoint, id: o.id, display: o.display ?? o.name ?? String(o.id), reason });
  }

  /** Flags an imported object. */
  flag(id: string, message: string): void {
    this.flags.push({ id, message });
  }

  /** The report. */
  build(): ImportReport {
    return { counts: [...this.counts.values()], skipped: this.skipped, flags: this.flags };
  }
}

/**
 * Redundant and georedundant (docs/analysis.md, "check"): two verdicts derived from
 * a service's breakers. A single data center breaks every service by design; that is the
 * georedundancy question, not the question "does the network give two independent lines".
 *
 * - **redundant**: up, and no breaker other than a site of `type: datacenter`;
 * - **georedundant**: up, and no data-center site among the breakers.
 *
 * `survives` is exactly `redundant && georedundant` (both exclude the service's own site).
 */
import { objectsOf, type ObjectSource, type Projection } from './projection.js';
import type { FailureElement, ServiceSurvivability, Survivability } from './survivability.js';

/** The two verdicts of one service. */
export interface RedundancyVerdict {
  readonly redundant: boolean;
  readonly georedundant: boolean;
}

/** Per site index of `p`: 1 if the site is of type `datacenter`. */
export function datacenterSites(p: Projection, source: ObjectSource): Uint8Array {
  const out = new Uint8Array(p.siteIds.length);
  for (const o of objectsOf(source)) {
    if (o.kind !== 'site' || o.type !== 'datacenter') continue;
    const s = p.siteIndex.get(o.id);
    if (s !== undefined) out[s] = 1;
  }
  return out;
}

/** True if the failure element is a data-center site. */
export function isDatacenterElement(e: FailureElement, datacenter: Uint8Array): boolean {
  return e.kind === 'site' && datacenter[e.index] === 1;
}

/**
 * The sites two independent paths of a service may share (docs/analysis.md "paths"): its
 * own site (whose loss `check` leaves out) and every data-center site (whose loss is the
 * georedundancy question). Ascending.
 */
export function serviceShareSites(site: number, datacenter: Uint8Array): number[] {
  const out: number[] = [];
  for (let s = 0; s < datacenter.length; s++) if (s === site || datacenter[s]) out.push(s);
  return out;
}

/**
 * The verdicts of every service of a survivability result. A service that is down already
 * (or was not analysed) is neither.
 */
export function redundancyVerdicts(surv: Survivability, datacenter: Uint8Array): RedundancyVerdict[] {
  return surv.services.map((v) => redundancyVerdict(v, datacenter));
}

/** The verdicts of one service of a survivability result (see {@link redundancyVerdicts}). */
export function redundancyVerdict(v: ServiceSurvivability, datacenter: Uint8Array): RedundancyVerdict {
  if (!v.analysed || !v.upAtBaseline) return { redundant: false, georedundant: false };
  let network = false;
  let dc = false;
  for (const e of v.breakers) {
    if (isDatacenterElement(e, datacenter)) dc = true;
    else network = true;
  }
  return { redundant: !network, georedundant: !dc };
}

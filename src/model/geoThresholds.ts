/**
 * The distance thresholds for georedundant data centers (docs/analysis.md, "check"): the
 * engine flags data centers against them, and a check request may name others.
 */

/** The distance thresholds in km. */
export interface GeoThresholds {
  readonly minimumKm: number;
  readonly recommendedKm: number;
}

/** The BSI's thresholds for georedundant data centers. */
export const BSI_GEO_THRESHOLDS: GeoThresholds = { minimumKm: 100, recommendedKm: 200 };

/**
 * Enumerations as data: every allowed value with its German and English label and a
 * colour, so that validation, API and UI all read the same list (the NetBox way).
 */

/** One allowed value of an enumerated field. */
export interface Choice {
  readonly value: string;
  readonly label: { readonly de: string; readonly en: string };
  /** CSS colour used by UI and diagrams. */
  readonly colour: string;
}

/** One choice; the value keeps its literal type, so that {@link ChoiceValue} names the allowed values. */
function choice<V extends string>(value: V, de: string, en: string, colour: string): Choice & { readonly value: V } {
  return { value, label: { de, en }, colour };
}

/** All choice sets, keyed by name. */
export const choices = {
  organizationType: [
    choice('operator', 'Betreiber', 'Operator', '#1f77b4'),
    choice('provider', 'IT-Dienstleister', 'Provider', '#2ca02c'),
    choice('municipality', 'Kommune', 'Municipality', '#ff7f0e'),
    choice('district', 'Kreis', 'District', '#9467bd'),
    choice('association', 'Zweckverband', 'Association', '#17becf'),
    choice('carrier', 'Netzbetreiber', 'Carrier', '#8c564b'),
    choice('vendor', 'Hersteller', 'Vendor', '#7f7f7f'),
  ],
  siteType: [
    choice('datacenter', 'Rechenzentrum', 'Data center', '#d62728'),
    choice('office', 'Arbeitsplatzstandort', 'Office', '#1f77b4'),
    choice('node', 'Netzknoten', 'Network node', '#2ca02c'),
    choice('exchange', 'Übergabepunkt', 'Exchange', '#9467bd'),
    choice('internet', 'Internet', 'Internet', '#7f7f7f'),
  ],
  deviceRole: [
    choice('router', 'Router', 'Router', '#1f77b4'),
    choice('switch', 'Switch', 'Switch', '#2ca02c'),
    choice('firewall', 'Firewall', 'Firewall', '#d62728'),
    choice('access', 'Zugangsgerät', 'Access device', '#ff7f0e'),
    choice('server', 'Server', 'Server', '#9467bd'),
    choice('cluster', 'Cluster', 'Cluster', '#8c564b'),
    choice('storage', 'Speichersystem', 'Storage', '#e377c2'),
    choice('other', 'Sonstiges', 'Other', '#7f7f7f'),
  ],
  deviceStatus: [
    choice('active', 'Aktiv', 'Active', '#2ca02c'),
    choice('planned', 'Geplant', 'Planned', '#1f77b4'),
    choice('retired', 'Außer Betrieb', 'Retired', '#7f7f7f'),
  ],
  linkType: [
    choice('fibre', 'Glasfaser', 'Fibre', '#1f77b4'),
    choice('copper', 'Kupfer', 'Copper', '#ff7f0e'),
    choice('radio', 'Richtfunk', 'Radio', '#9467bd'),
    choice('leased-line', 'Mietleitung', 'Leased line', '#8c564b'),
    choice('vpn', 'VPN', 'VPN', '#17becf'),
    choice('virtual', 'Virtuell', 'Virtual', '#7f7f7f'),
  ],
  riskGroupType: [
    choice('duct', 'Kabelkanal', 'Duct', '#8c564b'),
    choice('trench', 'Trasse', 'Trench', '#d62728'),
    choice('bridge', 'Brücke', 'Bridge', '#9467bd'),
    choice('building', 'Gebäude', 'Building', '#1f77b4'),
    choice('power', 'Stromversorgung', 'Power', '#ff7f0e'),
    choice('carrier', 'Netzbetreiber', 'Carrier', '#2ca02c'),
    choice('other', 'Sonstiges', 'Other', '#7f7f7f'),
  ],
  applicationStatus: [
    choice('planned', 'Geplant', 'Planned', '#1f77b4'),
    choice('legacy', 'Altbetrieb', 'Legacy', '#7f7f7f'),
    choice('migrating', 'In Migration', 'Migrating', '#ff7f0e'),
    choice('migrated', 'Migriert', 'Migrated', '#2ca02c'),
    choice('joint', 'Gemeinsamer Betrieb', 'Joint operation', '#17becf'),
    choice('retired', 'Abgeschaltet', 'Retired', '#c7c7c7'),
  ],
  coupling: [
    choice('tight', 'Eng (latenzgebunden)', 'Tight (latency-bound)', '#d62728'),
    choice('loose', 'Lose', 'Loose', '#2ca02c'),
  ],
  // BSI 200-4 speaks of criticality classes of business processes; four levels, as most
  // municipal BIAs use (docs/continuity.md). The restore order weighs them 8:4:2:1.
  criticality: [
    choice('critical', 'Kritisch', 'Critical', '#d62728'),
    choice('high', 'Hoch', 'High', '#ff7f0e'),
    choice('medium', 'Mittel', 'Medium', '#1f77b4'),
    choice('low', 'Niedrig', 'Low', '#7f7f7f'),
  ],
  failoverMode: [
    choice('planned', 'Geplanter Test', 'Planned test', '#1f77b4'),
    choice('real', 'Echter Ausfall', 'Real incident', '#d62728'),
  ],
  failoverResult: [
    choice('passed', 'Bestanden', 'Passed', '#2ca02c'),
    choice('partial', 'Teilweise bestanden', 'Partially passed', '#ff7f0e'),
    choice('failed', 'Nicht bestanden', 'Failed', '#d62728'),
  ],
  changeSetStatus: [
    choice('done', 'Erledigt', 'Done', '#2ca02c'),
    choice('scheduled', 'Terminiert', 'Scheduled', '#1f77b4'),
    choice('proposed', 'Vorgeschlagen', 'Proposed', '#ff7f0e'),
    choice('cancelled', 'Verworfen', 'Cancelled', '#7f7f7f'),
  ],
} as const satisfies Record<string, readonly Choice[]>;

/** Name of a choice set. */
export type ChoiceSetName = keyof typeof choices;

/** The allowed values of one choice set, as a union type (e.g. `ChoiceValue<'siteType'>`). */
export type ChoiceValue<N extends ChoiceSetName> = (typeof choices)[N][number]['value'];

/** The values of one choice set, as a tuple usable by `z.enum`. */
export function choiceValues<N extends ChoiceSetName>(name: N): [string, ...string[]] {
  const values = choices[name].map((c) => c.value);
  return values as [string, ...string[]];
}

/**
 * The kinds of objects in an estate and how each is grouped in estate files.
 */

/** Every kind, in dependency order (a kind only references kinds before it, or itself). */
export const kinds = ['organization', 'site', 'risk-group', 'device', 'link', 'application', 'usage', 'risk-acceptance', 'failover-test'] as const;

/** A kind of estate object. */
export type Kind = (typeof kinds)[number];

/** The key that groups objects of a kind in an estate file (`sites:`, `risk_groups:` …). */
export const fileKeyOfKind: Readonly<Record<Kind, string>> = {
  organization: 'organizations',
  site: 'sites',
  'risk-group': 'risk_groups',
  device: 'devices',
  link: 'links',
  application: 'applications',
  usage: 'usages',
  'risk-acceptance': 'risk_acceptances',
  'failover-test': 'failover_tests',
};

const kindByName = new Map<string, Kind>();
for (const kind of kinds) {
  kindByName.set(kind, kind);
  kindByName.set(fileKeyOfKind[kind], kind);
  kindByName.set(fileKeyOfKind[kind].replace('_', '-'), kind);
  kindByName.set(kind.replace('-', '_'), kind);
}

/** Resolves a kind from its name, plural or file key (`risk-group`, `risk_groups`, `sites`). */
export function kindFromName(name: string): Kind | undefined {
  return kindByName.get(name.toLowerCase());
}

/** True if the value is a kind. */
export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && (kinds as readonly string[]).includes(value);
}

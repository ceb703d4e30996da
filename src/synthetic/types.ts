/**
 * The plain JSON shape of an estate file (docs/file-format.md) as the generator writes it.
 * The objects' fields and choice values come from the model (`objectSchemas`, `choices`);
 * the import validates files against the same schemas. Type aliases rather than
 * interfaces, so that objects pass wherever plain records are expected (change fields).
 */
import type { z } from 'zod';
import type { ChoiceValue } from '../model/choices.js';
import type { Kind } from '../model/kinds.js';
import type { objectSchemas } from '../model/objectSchemas.js';
import type { ChangeSetStatus } from '../timeline/changeSet.js';

/**
 * An object of kind `K` as the model's schema reads it (its field names and shapes come
 * from `objectSchemas`), with `kind` optional (the per-kind lists of a file leave it out)
 * and the enumerated fields narrowed to their choice values (`Choices`): the schema only
 * knows they are strings.
 */
type Doc<K extends Kind, Choices extends object = object> = Omit<z.output<(typeof objectSchemas)[K]>, 'kind' | keyof Choices> & { kind?: K } & Choices;

export type OrganizationType = ChoiceValue<'organizationType'>;
export type SiteType = ChoiceValue<'siteType'>;
export type DeviceRole = ChoiceValue<'deviceRole'>;
export type LinkType = ChoiceValue<'linkType'>;
export type RiskGroupType = ChoiceValue<'riskGroupType'>;
export type ApplicationStatus = ChoiceValue<'applicationStatus'>;

/** A dependency: an application id (loose) or the id with its coupling. */
export type DependencyDoc = string | { application: string; coupling?: ChoiceValue<'coupling'> };

export type OrganizationDoc = Doc<'organization', { type: OrganizationType }>;
export type SiteDoc = Doc<'site', { type: SiteType }>;
export type RiskGroupDoc = Doc<'risk-group', { type: RiskGroupType }>;
export type DeviceDoc = Doc<'device', { role: DeviceRole; status?: ChoiceValue<'deviceStatus'> }>;
export type LinkDoc = Doc<'link', { type: LinkType }>;
export type ApplicationDoc = Doc<'application', { status?: ApplicationStatus; depends_on?: DependencyDoc[] }>;
export type UsageDoc = Doc<'usage'>;

/** A site's location. */
export type LatLon = NonNullable<SiteDoc['location']>;

/** A blackout period of an application. */
export type BlackoutDoc = NonNullable<ApplicationDoc['blackouts']>[number];

/** Any object as written in a file. */
export type ObjectDoc = OrganizationDoc | SiteDoc | RiskGroupDoc | DeviceDoc | LinkDoc | ApplicationDoc | UsageDoc;

/** One change of a change set as written in a file. */
export type ChangeDoc =
  | { create: ObjectDoc & { kind: NonNullable<ObjectDoc['kind']> } }
  | { update: { id: string } & Record<string, unknown> }
  | { delete: string };

export type ChangeSetDoc = {
  id: string;
  title: string;
  effective: string;
  status: ChangeSetStatus;
  plan?: string;
  author?: string;
  notes?: string;
  changes: ChangeDoc[];
};

export type PlanDoc = {
  id: string;
  title: string;
  notes?: string;
};

/** The whole file: `JSON.stringify` of it is a valid estate file. */
export type EstateFileDocument = {
  version: 1;
  initial: { id: string; title: string; effective: string; author?: string };
  organizations: OrganizationDoc[];
  sites: SiteDoc[];
  risk_groups: RiskGroupDoc[];
  devices: DeviceDoc[];
  links: LinkDoc[];
  applications: ApplicationDoc[];
  usages: UsageDoc[];
  plans: PlanDoc[];
  changesets: ChangeSetDoc[];
};

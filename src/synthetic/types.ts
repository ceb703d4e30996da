/**
 * The plain JSON shape of an estate file (docs/file-format.md) as the generator writes it.
 * These are output types only: the import validates files against the model schemas, so
 * the generator keeps to the subset of fields it fills. Type aliases rather than
 * interfaces, so that objects pass wherever plain records are expected (change fields).
 */

/** Fields every object has. */
type Base = {
  id: string;
  name?: string;
  tags?: string[];
  notes?: string;
};

export type OrganizationType = 'operator' | 'provider' | 'municipality' | 'district' | 'association' | 'carrier' | 'vendor';
export type SiteType = 'datacenter' | 'office' | 'node' | 'exchange' | 'internet';
export type DeviceRole = 'router' | 'switch' | 'firewall' | 'access' | 'server' | 'cluster' | 'storage' | 'other';
export type LinkType = 'fibre' | 'copper' | 'radio' | 'leased-line' | 'vpn' | 'virtual';
export type RiskGroupType = 'duct' | 'trench' | 'bridge' | 'building' | 'power' | 'carrier' | 'other';
export type ApplicationStatus = 'planned' | 'legacy' | 'migrating' | 'migrated' | 'joint' | 'retired';

export type OrganizationDoc = Base & {
  kind?: 'organization';
  name: string;
  type: OrganizationType;
  ags?: string;
  member_of?: string[];
  customer_of?: string[];
};

export type LatLon = {
  lat: number;
  lon: number;
};

export type SiteDoc = Base & {
  kind?: 'site';
  name: string;
  type: SiteType;
  organization?: string;
  location?: LatLon;
  address?: string;
  certification?: string;
  capacity?: { racks?: number; power_kw?: number };
};

export type RiskGroupDoc = Base & {
  kind?: 'risk-group';
  name: string;
  type: RiskGroupType;
  members?: string[];
  availability?: number;
};

export type DeviceDoc = Base & {
  kind?: 'device';
  name: string;
  site: string;
  role: DeviceRole;
  availability?: number;
  mtbf_h?: number;
  mttr_h?: number;
  capacity?: { vcpu?: number; ram_gb?: number; storage_tb?: number; rack_units?: number; power_kw?: number };
  status?: 'active' | 'planned' | 'retired';
  risk_groups?: string[];
};

export type LinkDoc = Base & {
  kind?: 'link';
  a: string;
  b: string;
  type: LinkType;
  carrier?: string;
  length_km?: number;
  capacity_gbps?: number;
  risk_groups?: string[];
  availability?: number;
};

/** A dependency: an application id (loose) or the id with its coupling. */
export type DependencyDoc = string | { application: string; coupling?: 'tight' | 'loose' };

export type BlackoutDoc = {
  from: string;
  to: string;
  reason?: string;
};

export type ApplicationDoc = Base & {
  kind?: 'application';
  name: string;
  category?: string;
  product?: string;
  version?: string;
  operator?: string;
  instances?: string[];
  depends_on?: DependencyDoc[];
  status?: ApplicationStatus;
  target_availability?: number;
  size?: { vcpu?: number; ram_gb?: number; storage_tb?: number };
  blackouts?: BlackoutDoc[];
};

export type UsageDoc = Base & {
  kind?: 'usage';
  tenant: string;
  application: string;
  sites: string[];
  users?: number;
};

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
  status: 'done' | 'scheduled' | 'proposed' | 'cancelled';
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

/**
 * One pull of NetBox: the lists of the endpoints the import reads, and where they came from.
 * The shapes are those of the NetBox 4.x REST API (see docs/netbox.md); only the fields the
 * mapping reads are typed.
 */

/** Every list endpoint the import reads, as `app.model` (the file name of a recorded pull). */
export const netboxEndpoints = [
  'tenancy.tenant-groups',
  'tenancy.tenants',
  'dcim.regions',
  'dcim.site-groups',
  'dcim.sites',
  'dcim.devices',
  'dcim.virtual-chassis',
  'dcim.cables',
  'dcim.front-ports',
  'dcim.rear-ports',
  'dcim.power-panels',
  'dcim.power-feeds',
  'circuits.providers',
  'circuits.provider-networks',
  'circuits.circuits',
  'circuits.circuit-terminations',
  'circuits.circuit-groups',
  'circuits.circuit-group-assignments',
  'virtualization.clusters',
  'virtualization.virtual-machines',
] as const;

/** A list endpoint the import reads. */
export type NetboxEndpoint = (typeof netboxEndpoints)[number];

/** The API path of an endpoint: `dcim.front-ports` → `/api/dcim/front-ports/`. */
export function endpointPath(endpoint: string): string {
  return `/api/${endpoint.replace('.', '/')}/`;
}

/** A brief nested object as NetBox embeds references. */
export interface NbBrief {
  readonly id: number;
  readonly url?: string;
  readonly display?: string;
  readonly name?: string | null;
  readonly slug?: string;
}

/** A choice field. */
export interface NbChoice {
  readonly value: string;
  readonly label?: string;
}

/** Any NetBox object: an id, a display, and whatever else its endpoint gives. */
export interface NbObject {
  readonly id: number;
  readonly display?: string;
  readonly name?: string | null;
  readonly slug?: string;
  readonly tags?: readonly NbBrief[];
  readonly [field: string]: unknown;
}

/** A cable end: one termination of a cable. */
export interface NbTermination {
  readonly object_type: string;
  readonly object_id: number;
  readonly object?: NbBrief & { readonly device?: NbBrief; readonly circuit?: NbBrief & { readonly cid?: string } };
}

/** What one pull read. */
export interface NetboxPull {
  /** Base URL of the NetBox (live) or `file://` + folder (recorded). */
  readonly url: string;
  /** `netbox-version` of `/api/status/`. */
  readonly version: string;
  readonly lists: Readonly<Record<NetboxEndpoint, readonly NbObject[]>>;
}

/** The NetBox major versions whose API this mapping knows. */
export const knownMajorVersions = ['4'] as const;

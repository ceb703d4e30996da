/**
 * `source` references: every object an import derives from NetBox carries
 * `source: "netbox:<type>:<id>"` (docs/netbox.md). A sync recognises its own objects by it and
 * never touches an object without one.
 */
import type { StoredObject } from '../../timeline/Estate.js';

/** Prefix of every source the NetBox import writes. */
const NETBOX_SOURCE = 'netbox:';

/** The source of a NetBox object (`dcim.device`, 27) or of a derived one (`panel`, 88). */
export function netboxSource(type: string, id: number | string): string {
  return `${NETBOX_SOURCE}${type}:${id}`;
}

/** True if a sync owns the object (it was derived from NetBox). */
export function isFromNetbox(o: Pick<StoredObject, 'source'> | undefined): boolean {
  return typeof o?.source === 'string' && o.source.startsWith(NETBOX_SOURCE);
}

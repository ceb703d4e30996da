/** The one version rule of the NetBox import: refuse a major version whose API it does not know. */
import { VerbundError } from '../../model/errors.js';
import { knownMajorVersions } from './NetboxPull.js';

/**
 * Returns the `netbox-version` of a `/api/status/` answer, or throws NETBOX_VERSION when it is
 * missing or of a major version the mapping was not written for (field names change between
 * majors: 4.x renamed `device_role` to `role`, 4.2 made circuit terminations generic).
 */
export function checkNetboxVersion(status: unknown, where: string): string {
  const version = typeof status === 'object' && status !== null ? (status as Record<string, unknown>)['netbox-version'] : undefined;
  if (typeof version !== 'string' || !/^\d+\.\d+/.test(version)) {
    throw new VerbundError('NETBOX_VERSION', `${where}: no "netbox-version" in the status answer; is this a NetBox?`);
  }
  const major = version.split('.')[0]!;
  if (!(knownMajorVersions as readonly string[]).includes(major)) {
    throw new VerbundError('NETBOX_VERSION', `${where}: NetBox ${version} is of major version ${major}; the import knows ${knownMajorVersions.map((m) => `${m}.x`).join(', ')}`);
  }
  return version;
}

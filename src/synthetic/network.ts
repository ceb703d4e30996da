/**
 * The physical network of the estate: data centers, rings, offices. Decides how the site,
 * device and link targets are shared out between the parts.
 */
import type { Random } from '../util/Random.js';
import { apportion } from './apportion.js';
import { buildBackbone, type Backbone } from './backbone.js';
import { equipDatacenters, placeDatacenters, type Datacenter } from './datacenters.js';
import { NetBuilder, type GeneratedCount } from './netBuilder.js';
import type { IdRegistry } from './names.js';
import { buildOffices, cityNodesFor, type OfficeNetwork } from './offices.js';
import type { Organizations } from './organizations.js';
import type { Shape } from './presets.js';
import type { DeviceDoc, LinkDoc, SiteDoc } from './types.js';

/** Everything the later phases need to know about the network. */
export interface Network {
  sites: SiteDoc[];
  devices: DeviceDoc[];
  links: LinkDoc[];
  backbone: Backbone;
  offices: OfficeNetwork;
  datacenters: Datacenter[];
  internet: SiteDoc;
  /** The NetBuilder, so that change sets can name new links the same way. */
  builder: NetBuilder;
}

/** Builds the network. */
export function buildNetwork(rng: Random, shape: Shape, orgs: Organizations, ids: IdRegistry, generated: GeneratedCount): Network {
  const net = new NetBuilder(ids, generated);
  const centre = { lat: shape.area.lat, lon: shape.area.lon };
  const carriers = orgs.carriers.map((c) => c.id);
  const { datacenters, internet } = placeDatacenters(rng.fork('datacenter-sites'), net, orgs, shape.associationDatacenters, centre);
  const backbone = buildBackbone(rng.fork('backbone'), net, orgs, shape.ringNodesPerDistrict, carriers[0]!, centre);

  // Offices take the sites that are left, shared by tenant size; big towns also need city
  // nodes, which come out of the same budget.
  const weights = orgs.tenants.map((t) => t.weight);
  const free = shape.sites - net.sites.length;
  const provisional = apportion(free, weights, 2);
  const cityNodes = orgs.tenants.map((t, i) => cityNodesFor(t, provisional[i]!));
  const counts = apportion(free - cityNodes.reduce((s, n) => s + n, 0), weights, 2);
  const offices = buildOffices(rng.fork('offices'), net, orgs, backbone, counts, cityNodes, carriers);

  // Data-center hosts and their storage links take up the rest of the device and link targets.
  equipDatacenters(rng.fork('datacenters'), net, datacenters, shape.devices - net.devices.length, shape.links, backbone, internet, carriers);

  return { sites: net.sites, devices: net.devices, links: net.links, backbone, offices, datacenters, internet, builder: net };
}

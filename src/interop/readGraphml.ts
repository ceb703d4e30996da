/**
 * Reads a GraphML network (as the Internet Topology Zoo publishes them) into sites and links.
 *
 * Ids are deterministic, so that an analysis can be traced back to the file: node `12`
 * becomes site `n12`, the k-th `<edge>` of the file (counting from 0, skipped self-loops
 * included) becomes link `e<k>`. The rules and defaults are documented in
 * docs/file-format.md ("Raw networks: GraphML and SNDlib").
 */
import { basename } from 'node:path';
import type { Problem } from '../model/errors.js';
import type { CreateChange } from '../timeline/changeSet.js';
import { childrenNamed, decodeXml, parseXml, XmlSyntaxError, type XmlElement } from './parseXml.js';
import { displayName, inputProblem, parseDecimal, Places, tidy, unreadable, type RawNetworkRead } from './rawNetwork.js';
import { MAX_ID_LENGTH, slugify, UniqueIds } from './slug.js';

/** Link type when the edge's data names no medium. */
export const DEFAULT_GRAPHML_LINK_TYPE = 'fibre';

type Domain = 'node' | 'edge' | 'graph';

/** Edge data kept in a link's notes, as `Name: value` separated by `; `. */
const NOTE_FIELDS = ['LinkLabel', 'LinkType', 'LinkNote'] as const;

interface KeyInfo {
  readonly name: string;
  readonly for: string;
  readonly fallback: string | undefined;
}

/** Reads the bytes of a GraphML file; every problem is located (file, line, column). */
export function readGraphml(bytes: Uint8Array, file: string): RawNetworkRead {
  const decoded = decodeXml(bytes);
  if ('error' in decoded) return unreadable(inputProblem(file, decoded.error, { ...(decoded.line !== undefined && { line: decoded.line }) }));
  const nul = decoded.text.indexOf('\u0000');
  if (nul >= 0) return unreadable(inputProblem(file, `not a GraphML text file (binary data at character ${nul})`));
  let root: XmlElement;
  try {
    root = parseXml(decoded.text);
  } catch (e) {
    if (e instanceof XmlSyntaxError) return unreadable(inputProblem(file, `malformed XML: ${e.message}`, e));
    throw e;
  }
  if (root.name !== 'graphml') return unreadable(inputProblem(file, `not a GraphML file: the root element is <${root.name}>, not <graphml>`, root));

  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const places = new Places();
  const keys = readKeys(root);
  const nodeData = dataReader('node', keys);
  const edgeData = dataReader('edge', keys);
  const graphs = childrenNamed(root, 'graph');
  const graph = graphs[0];
  if (!graph) return unreadable(inputProblem(file, 'no <graph> element', root));
  if (graphs.length > 1) warnings.push(inputProblem(file, `only the first of ${graphs.length} <graph> elements is imported`, graphs[1]));

  const objects: CreateChange[] = [];
  const siteOf = new Map<string, string>();
  const ids = new UniqueIds();
  let nodeIndex = 0;
  const edges: XmlElement[] = [];
  for (const el of graph.children) {
    if (el.name === 'edge') edges.push(el);
    else if (el.name === 'hyperedge') problems.push(inputProblem(file, 'hyperedges are not supported: write each connection as an <edge>', el));
    else if (el.name === 'node') {
      const index = nodeIndex++;
      const raw = el.attrs.id;
      if (raw === undefined || raw === '') {
        problems.push(inputProblem(file, '<node> has no id', el));
        continue;
      }
      if (siteOf.has(raw)) {
        problems.push(inputProblem(file, `duplicate node id "${raw}"`, el));
        continue;
      }
      if (el.children.some((c) => c.name === 'graph')) problems.push(inputProblem(file, `node "${raw}" holds a nested <graph>, which is not supported`, el));
      const id = ids.claim(`n${slugify(raw, MAX_ID_LENGTH - 1)}`);
      siteOf.set(raw, id);
      places.set('node', index, el.line, el.column);
      const data = nodeData(el);
      const fields: Record<string, unknown> = { kind: 'site', id, name: displayName(data('label') ?? '') || displayName(raw), type: 'node' };
      const location = locationOf(data, (message) => warnings.push(inputProblem(file, `node "${raw}": ${message}; imported without location`, el, id)));
      if (location) fields.location = location;
      objects.push({ op: 'create', id, fields, origin: { file, path: ['node', index] } });
    }
  }

  edges.forEach(function edgeToLink(el, k) {
    const id = `e${k}`;
    const { source, target } = el.attrs;
    if (source === undefined || target === undefined) {
      problems.push(inputProblem(file, '<edge> needs both source and target', el, id));
      return;
    }
    const a = siteOf.get(source);
    const b = siteOf.get(target);
    if (a === undefined || b === undefined) {
      const missing = [a === undefined && source, b === undefined && target].filter((s) => s !== false);
      problems.push(inputProblem(file, `refers to no node ${[...new Set(missing)].map((s) => `"${s}"`).join(' and ')} (edge ${source} – ${target})`, el, id));
      return;
    }
    if (source === target) {
      warnings.push(inputProblem(file, `edge ${k} is a self-loop at node "${source}"; skipped (no link ${id})`, el));
      return;
    }
    places.set('edge', k, el.line, el.column);
    const data = edgeData(el);
    const fields: Record<string, unknown> = { kind: 'link', id, a, b, type: linkTypeOf(data('LinkType'), data('LinkLabel')) };
    const capacity = capacityOf(data);
    if (capacity !== undefined) fields.capacity_gbps = capacity;
    let notes = '';
    for (const name of NOTE_FIELDS) {
      const v = data(name);
      if (v !== undefined) notes += `${notes ? '; ' : ''}${name}: ${v.replace(/\s+/g, ' ')}`;
    }
    if (notes) fields.notes = notes;
    objects.push({ op: 'create', id, fields, origin: { file, path: ['edge', k] } });
  });

  const graphData = dataReader('graph', keys)(graph);
  const network = displayName(graphData('label') ?? graphData('Network') ?? '') || basename(file);
  return {
    doc: { initial: { title: `Network ${network} (GraphML, ${basename(file)})`, origin: { file } }, objects, plans: [], changesets: [] },
    problems,
    warnings,
    locate: places.locate,
  };
}

function readKeys(root: XmlElement): Map<string, KeyInfo> {
  const keys = new Map<string, KeyInfo>();
  for (const k of childrenNamed(root, 'key')) {
    const id = k.attrs.id;
    if (id === undefined) continue;
    const fallback = childrenNamed(k, 'default')[0]?.text;
    keys.set(id, { name: k.attrs['attr.name'] ?? id, for: k.attrs.for ?? 'all', fallback });
  }
  return keys;
}

/** Reads an element's `<data>` by attribute name (e.g. `label`), for one domain (node, edge, graph). */
type DataOf = (el: XmlElement) => (name: string) => string | undefined;

/**
 * The data reader of a domain: a name matches keys of that domain (or `all`) with exactly
 * that attr.name first, else in any case; a key's `<default>` counts when the element has no
 * value for it. Key lookups are resolved once per name, not per element.
 */
function dataReader(domain: Domain, keys: ReadonlyMap<string, KeyInfo>): DataOf {
  const mine = [...keys].filter(([, k]) => k.for === domain || k.for === 'all');
  const keyIds = new Map<string, string[]>();
  const idsFor = (name: string): string[] => {
    let ids = keyIds.get(name);
    if (!ids) {
      const lower = name.toLowerCase();
      ids = [...mine.filter(([, k]) => k.name === name), ...mine.filter(([, k]) => k.name !== name && k.name.toLowerCase() === lower)].map(([id]) => id);
      keyIds.set(name, ids);
    }
    return ids;
  };
  return (el) => {
    let values: Map<string, string> | undefined;
    for (const d of el.children) {
      const key = d.name === 'data' ? d.attrs.key : undefined;
      if (key !== undefined && !values?.has(key)) (values ??= new Map()).set(key, d.text);
    }
    return (name) => {
      for (const id of idsFor(name)) {
        const t = (values?.get(id) ?? keys.get(id)!.fallback)?.trim();
        if (t) return t;
      }
      return undefined;
    };
  };
}

function locationOf(data: (name: string) => string | undefined, warn: (message: string) => void): { lat: number; lon: number } | undefined {
  const latText = data('Latitude');
  const lonText = data('Longitude');
  if (latText === undefined && lonText === undefined) return undefined;
  const lat = parseDecimal(latText);
  const lon = parseDecimal(lonText);
  if (lat === undefined || lon === undefined) {
    warn(`Latitude/Longitude "${latText ?? ''}"/"${lonText ?? ''}" are not two numbers`);
    return undefined;
  }
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
    warn(`Latitude/Longitude ${lat}/${lon} are out of range`);
    return undefined;
  }
  return { lat, lon };
}

/**
 * The link type named by the edge's LinkType, else by its LinkLabel: a radio medium
 * (wireless, microwave, radio, satellite) → radio; a leased line → leased-line; a VPN →
 * vpn; otherwise (fibre, optical, DWDM, a speed, a colour, nothing) the default, fibre.
 */
export function linkTypeOf(linkType: string | undefined, label: string | undefined): string {
  for (const text of [linkType, label]) {
    if (!text) continue;
    if (/wireless|micro-?wave|\bradio\b|satellite|\bwi-?fi\b|wimax/i.test(text)) return 'radio';
    if (/\blease/i.test(text)) return 'leased-line';
    if (/\bvpn\b/i.test(text)) return 'vpn';
    if (/fib(?:er|re)|optic|dwdm/i.test(text)) return 'fibre';
  }
  return DEFAULT_GRAPHML_LINK_TYPE;
}

const UNIT: Readonly<Record<string, number>> = { K: 1e-6, M: 1e-3, G: 1, T: 1e3 };

/**
 * Capacity in Gbit/s when the data states it cleanly: LinkSpeedRaw (bit/s, the Zoo's own
 * parse of the label), else LinkSpeed with LinkSpeedUnits (K, M, G, T), else a LinkLabel
 * that is only a speed ("2.5 Gbps", "155 Mb/s", "10G"). Ranges ("1-20Gbps") are not.
 */
export function capacityOf(data: (name: string) => string | undefined): number | undefined {
  const raw = parseDecimal(data('LinkSpeedRaw'));
  if (raw !== undefined) return raw > 0 ? tidy(raw / 1e9) : undefined;
  const speed = parseDecimal(data('LinkSpeed'));
  const unit = UNIT[(data('LinkSpeedUnits') ?? '').toUpperCase()];
  if (speed !== undefined && unit !== undefined) return speed > 0 ? tidy(speed * unit) : undefined;
  const m = /^(\d+(?:\.\d+)?)\s*([kKmMgGtT])(?:bps|bit\/s|b\/s|bits\/s)?$/.exec(data('LinkLabel') ?? '');
  if (!m) return undefined;
  const v = Number(m[1]) * UNIT[m[2]!.toUpperCase()]!;
  return v > 0 ? tidy(v) : undefined;
}

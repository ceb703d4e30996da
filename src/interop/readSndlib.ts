/**
 * Reads an SNDlib network (docs/file-format.md, "SNDlib (native and XML)"),
 * native text or XML (told apart by content), into sites and links. Only the network
 * structure is read; demands, admissible paths and costs are skipped. Rules and defaults: docs/file-format.md
 * ("Raw networks: GraphML and SNDlib").
 */
import { basename } from 'node:path';
import type { Problem } from '../model/errors.js';
import type { CreateChange } from '../timeline/changeSet.js';
import { child, childrenNamed, decodeWith, decodeXml, parseXml, XmlSyntaxError, type XmlElement } from './parseXml.js';
import { displayName, inputProblem, parseDecimal, Places, tidy, unreadable, type RawNetworkRead } from './rawNetwork.js';
import { slugify, UniqueIds } from './slug.js';

/** Link type of every SNDlib link: the format names no medium. */
export const SNDLIB_LINK_TYPE = 'fibre';

/** Gbit/s per capacity unit of the `unit` meta field; other units leave capacity out. */
const UNIT_GBPS: Readonly<Record<string, number>> = { BITPERSEC: 1e-9, BITSPERSEC: 1e-9, KBITPERSEC: 1e-6, MBITPERSEC: 1e-3, GBITPERSEC: 1 };

interface Place {
  readonly line: number;
  readonly column: number;
}

/** The network as both syntaxes describe it, before it becomes sites and links. */
interface SndNetwork {
  unit?: string;
  /** `pixel` in XML files that say so; native files do not tell. */
  coordinatesType?: string;
  readonly nodes: { id: string; x?: number; y?: number; place: Place }[];
  readonly links: { id: string; source: string; target: string; capacity?: number; place: Place }[];
}

/** Reads the bytes of an SNDlib network file, native or XML; every problem is located. */
export function readSndlib(bytes: Uint8Array, file: string): RawNetworkRead {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  while (start < bytes.length && (bytes[start] === 0x20 || bytes[start] === 0x09 || bytes[start] === 0x0a || bytes[start] === 0x0d)) start++;
  const isXml = bytes[start] === 0x3c || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe);
  let decoded = isXml ? decodeXml(bytes) : decodeWith('utf-8', bytes);
  // Native files are ASCII in practice; an older Latin-1 file is still read.
  if (!isXml && 'error' in decoded) decoded = decodeWith('iso-8859-1', bytes);
  if ('error' in decoded) return unreadable(inputProblem(file, decoded.error, { ...(decoded.line !== undefined && { line: decoded.line }) }));
  const nul = decoded.text.indexOf('\u0000');
  if (nul >= 0) return unreadable(inputProblem(file, `not an SNDlib text file (binary data at character ${nul})`));
  const problems: Problem[] = [];
  const net = isXml ? parseXmlNetwork(decoded.text, file, problems) : parseNative(decoded.text, file, problems);
  if (!net) return { ...unreadable(problems[0]!), problems };
  return toDocument(net, file, problems, isXml ? 'XML' : 'native');
}

function parseNative(text: string, file: string, problems: Problem[]): SndNetwork | undefined {
  const net: SndNetwork = { nodes: [], links: [] };
  const lines = text.split(/\r?\n|\r/);
  let section: { name: string; line: number; depth: number } | undefined;
  let sawNodes = false;
  const problem = (line: number, message: string, column = 1): void => void problems.push(inputProblem(file, message, { line, column }));
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const full = lines[i]!;
    const raw = full.replace(/(^|\s)#.*$/, '');
    const t = raw.trim();
    const column = full.length - full.trimStart().length + 1;
    if (t === '') continue;
    if (t.startsWith('?')) {
      // The header: "?SNDlib native format; type: network; version: 1.0".
      const type = /type:\s*([A-Za-z_-]+)/.exec(t)?.[1];
      if (section || net.nodes.length) problem(line, 'the "?SNDlib" header must come first', column);
      else if (type && type.toLowerCase() !== 'network') return void problem(line, `this is an SNDlib ${type} file; import the network file`, column);
      continue;
    }
    if (!section) {
      const m = /^([A-Za-z_]+)\s*\($/.exec(t);
      if (!m) {
        problem(line, `expected a section such as "NODES (", found "${t.slice(0, 40)}"`, column);
        return undefined;
      }
      section = { name: m[1]!.toUpperCase(), line, depth: 1 };
      if (section.name === 'NODES') sawNodes = true;
      continue;
    }
    if (section.name === 'NODES' || section.name === 'LINKS' || section.name === 'META') {
      if (t === ')') {
        section = undefined;
        continue;
      }
      if (section.name === 'META') {
        const m = /^(\S+)\s*=\s*(.*)$/.exec(t);
        if (!m) problem(line, `expected "<attribute> = <value>" in META, found "${t.slice(0, 40)}"`, column);
        else if (m[1]!.toLowerCase() === 'unit') net.unit = m[2]!.trim();
        continue;
      }
      if (section.name === 'NODES') {
        const m = /^([^\s()]+)(?:\s*\(\s*([^\s()]+)\s+([^\s()]+)\s*\))?$/.exec(t);
        if (!m) {
          problem(line, `expected "<node_id> ( <longitude> <latitude> )", found "${t.slice(0, 60)}"`, column);
          continue;
        }
        const node: SndNetwork['nodes'][number] = { id: m[1]!, place: { line, column } };
        if (m[2] !== undefined) {
          const x = parseDecimal(m[2]);
          const y = parseDecimal(m[3]);
          if (x === undefined || y === undefined) problem(line, `coordinates of node ${m[1]} are not numbers: "${m[2]} ${m[3]}"`, column);
          else Object.assign(node, { x, y });
        }
        net.nodes.push(node);
        continue;
      }
      const m = /^([^\s()]+)\s*\(\s*([^\s()]+)\s+([^\s()]+)\s*\)\s*(.*)$/.exec(t);
      if (!m) {
        problem(line, `expected "<link_id> ( <source> <target> ) …", found "${t.slice(0, 60)}"`, column);
        continue;
      }
      const rest = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*\(([^()]*)\)$/.exec(m[4]!);
      const numbers = rest ? [rest[1], rest[2], rest[3], rest[4], ...rest[5]!.trim().split(/\s+/).filter(Boolean)].map(parseDecimal) : [];
      if (!rest || numbers.some((v) => v === undefined) || (numbers.length - 4) % 2 !== 0) {
        problem(line, `link ${m[1]}: expected "<capacity> <capacity cost> <routing cost> <setup cost> ( {<module capacity> <module cost>}* )" after the ends`, column);
        continue;
      }
      net.links.push({ id: m[1]!, source: m[2]!, target: m[3]!, capacity: numbers[0]!, place: { line, column } });
      continue;
    }
    // Sections that carry no topology (DEMANDS, ADMISSIBLE_PATHS, …): skip, keeping count of brackets.
    for (const c of t) section.depth += c === '(' ? 1 : c === ')' ? -1 : 0;
    if (section.depth < 0) return void problem(line, `unbalanced ")" in section ${section.name}`, column);
    if (section.depth === 0) section = undefined;
  }
  if (section) {
    problem(lines.length, `section ${section.name} (line ${section.line}) is never closed`);
    return undefined;
  }
  if (!sawNodes) {
    problem(1, 'no NODES section: not an SNDlib network file');
    return undefined;
  }
  return net;
}

function parseXmlNetwork(text: string, file: string, problems: Problem[]): SndNetwork | undefined {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (e) {
    if (e instanceof XmlSyntaxError) return void problems.push(inputProblem(file, `malformed XML: ${e.message}`, e));
    throw e;
  }
  if (root.name !== 'network') return void problems.push(inputProblem(file, `not an SNDlib network file: the root element is <${root.name}>, not <network>`, root));
  const structure = child(root, 'networkStructure');
  const nodesEl = structure && child(structure, 'nodes');
  if (!structure || !nodesEl) return void problems.push(inputProblem(file, 'no <networkStructure><nodes>: not an SNDlib network file', structure ?? root));
  const net: SndNetwork = { nodes: [], links: [] };
  const unit = child(root, 'meta') && child(child(root, 'meta')!, 'unit')?.text.trim();
  if (unit) net.unit = unit;
  if (nodesEl.attrs.coordinatesType) net.coordinatesType = nodesEl.attrs.coordinatesType;
  const text1 = (el: XmlElement | undefined): string | undefined => {
    const t = el?.text.trim();
    return t === '' ? undefined : t;
  };
  for (const el of childrenNamed(nodesEl, 'node')) {
    const id = el.attrs.id?.trim();
    if (!id) {
      problems.push(inputProblem(file, '<node> has no id', el));
      continue;
    }
    const node: SndNetwork['nodes'][number] = { id, place: el };
    const coordinates = child(el, 'coordinates');
    if (coordinates) {
      const xs = text1(child(coordinates, 'x'));
      const ys = text1(child(coordinates, 'y'));
      const x = parseDecimal(xs);
      const y = parseDecimal(ys);
      if (x === undefined || y === undefined) problems.push(inputProblem(file, `coordinates of node ${id} are not two numbers <x> and <y>`, coordinates, undefined));
      else Object.assign(node, { x, y });
    }
    net.nodes.push(node);
  }
  const linksEl = child(structure, 'links');
  for (const el of linksEl ? childrenNamed(linksEl, 'link') : []) {
    const id = el.attrs.id?.trim();
    const source = text1(child(el, 'source'));
    const target = text1(child(el, 'target'));
    if (!id || !source || !target) {
      problems.push(inputProblem(file, `<link${id ? ` id="${id}"` : ''}> needs an id, a <source> and a <target>`, el));
      continue;
    }
    const link: SndNetwork['links'][number] = { id, source, target, place: el };
    const pre = child(el, 'preInstalledModule');
    if (pre) {
      const capacity = parseDecimal(text1(child(pre, 'capacity')));
      if (capacity === undefined) problems.push(inputProblem(file, `link ${id}: <preInstalledModule><capacity> is not a number`, pre));
      else link.capacity = capacity;
    }
    net.links.push(link);
  }
  return net;
}

/**
 * Sites and links of a parsed network. Ids: node ids first, then link ids, each slugged and
 * made unique in file order (`-2`, `-3`, …); if any link id equals a node id, every link id
 * gets the prefix `link-`.
 */
function toDocument(net: SndNetwork, file: string, problems: Problem[], syntax: string): RawNetworkRead {
  const warnings: Problem[] = [];
  const places = new Places();
  const objects: CreateChange[] = [];
  const ids = new UniqueIds();
  const siteOf = new Map<string, string>();
  const geographic = isGeographic(net);
  if (!geographic && net.nodes.some((n) => n.x !== undefined)) {
    warnings.push(inputProblem(file, 'the node coordinates are not longitude/latitude (pixels, out of range, missing at some nodes, or all whole numbers): the sites get no location'));
  }
  net.nodes.forEach((node, index) => {
    if (siteOf.has(node.id)) return void problems.push(inputProblem(file, `duplicate node id "${node.id}"`, node.place));
    const id = ids.claim(slugify(node.id));
    siteOf.set(node.id, id);
    places.set('node', index, node.place.line, node.place.column);
    const fields: Record<string, unknown> = { kind: 'site', id, name: displayName(node.id), type: 'node' };
    if (geographic && node.x !== undefined && node.y !== undefined) fields.location = { lat: node.y, lon: node.x };
    objects.push({ op: 'create', id, fields, origin: { file, path: ['node', index] } });
  });
  const seenLinks = new Set<string>();
  // Some files number nodes and links alike (india35: node 0, link 0); ids are global, so
  // then every link gets the prefix, not just the colliding ones.
  const nodeSlugs = new Set(net.nodes.map((n) => slugify(n.id)));
  const prefix = net.links.some((l) => nodeSlugs.has(slugify(l.id))) ? 'link-' : '';
  const perGbps = net.unit === undefined ? undefined : UNIT_GBPS[net.unit.toUpperCase()];
  net.links.forEach((link, index) => {
    if (seenLinks.has(link.id)) return void problems.push(inputProblem(file, `duplicate link id "${link.id}"`, link.place));
    seenLinks.add(link.id);
    const a = siteOf.get(link.source);
    const b = siteOf.get(link.target);
    if (a === undefined || b === undefined) {
      const missing = [...new Set([a === undefined && link.source, b === undefined && link.target].filter((s) => s !== false))];
      return void problems.push(inputProblem(file, `link ${link.id} refers to no node ${missing.map((s) => `"${s}"`).join(' and ')}`, link.place));
    }
    if (a === b) return void warnings.push(inputProblem(file, `link ${link.id} is a self-loop at node ${link.source}; skipped`, link.place));
    const id = ids.claim(slugify(`${prefix}${link.id}`));
    places.set('link', index, link.place.line, link.place.column);
    const fields: Record<string, unknown> = { kind: 'link', id, name: displayName(link.id), a, b, type: SNDLIB_LINK_TYPE };
    if (perGbps !== undefined && link.capacity !== undefined && link.capacity > 0) fields.capacity_gbps = tidy(link.capacity * perGbps);
    objects.push({ op: 'create', id, fields, origin: { file, path: ['link', index] } });
  });
  return {
    doc: { initial: { title: `Network ${basename(file).replace(/\.[^.]*$/, '')} (SNDlib ${syntax}, ${basename(file)})`, origin: { file } }, objects, plans: [], changesets: [] },
    problems,
    warnings,
    locate: places.locate,
  };
}

/**
 * True if the coordinates read as longitude (x) and latitude (y): not declared as pixels,
 * every node has them, all are in range, and not all are whole numbers (drawing grids are).
 */
function isGeographic(net: SndNetwork): boolean {
  if (net.coordinatesType === 'pixel' || net.nodes.length === 0) return false;
  let fractional = false;
  for (const n of net.nodes) {
    if (n.x === undefined || n.y === undefined) return false;
    if (n.x < -180 || n.x > 180 || n.y < -90 || n.y > 90) return false;
    if (!Number.isInteger(n.x) || !Number.isInteger(n.y)) fractional = true;
  }
  return fractional;
}

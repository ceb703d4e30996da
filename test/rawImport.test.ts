// Raw network import: Topology Zoo GraphML and SNDlib (native and XML) become sites and
// links with deterministic ids. The expected counts and ids come from a plain regex reading
// of each fixture, independent of the XML reader under test.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseXml, XmlSyntaxError } from '../src/interop/parseXml.js';
import { capacityOf, linkTypeOf } from '../src/interop/readGraphml.js';
import { slugify, UniqueIds } from '../src/interop/slug.js';
import { cli } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'verbund-raw-'));
let n = 0;
const db = () => join(tmp, `r${n++}.db`);
const zoo = (name: string) => join(import.meta.dirname, 'fixtures', 'topologyzoo', name);
const snd = (name: string) => join(import.meta.dirname, 'fixtures', 'sndlib', name);

interface Site {
  id: string;
  name: string;
  type: string;
  location?: { lat: number; lon: number };
}
interface Link {
  id: string;
  name?: string;
  a: string;
  b: string;
  type: string;
  capacity_gbps?: number;
  notes?: string;
}

async function list<T>(file: string, kind: 'sites' | 'links' | 'devices'): Promise<T[]> {
  const r = await cli('--db', file, 'show', kind, '--json');
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as T[];
}

/** Nodes and edges of a Topology Zoo file, read with regular expressions (the Zoo writes them uniformly). */
function zooOracle(name: string): { nodes: string[]; edges: [string, string][] } {
  const text = readFileSync(zoo(name), 'utf8');
  return {
    nodes: [...text.matchAll(/<node id="([^"]+)"/g)].map((m) => m[1]!),
    edges: [...text.matchAll(/<edge source="([^"]+)" target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]),
  };
}

async function importZoo(name: string): Promise<{ file: string; stderr: string; sites: Site[]; links: Link[] }> {
  const file = db();
  const r = await cli('--db', file, 'import', '--format', 'graphml', zoo(name));
  assert.equal(r.code, 0, r.stderr);
  return { file, stderr: r.stderr, sites: await list<Site>(file, 'sites'), links: await list<Link>(file, 'links') };
}

describe('GraphML (Topology Zoo)', () => {
  for (const name of ['Abilene.graphml', 'Dfn.graphml', 'Heanet.graphml', 'Interoute.graphml', 'Marnet.graphml']) {
    test(`${name}: one site per node (n<id>), one link per edge but self-loops (e<k> in file order)`, async () => {
      const { nodes, edges } = zooOracle(name);
      const { file, sites, links } = await importZoo(name);
      assert.deepEqual(sites.map((s) => s.id).sort(), nodes.map((id) => `n${id}`).sort());
      assert.ok(sites.every((s) => s.type === 'node'));
      const expected = edges.flatMap(([s, t], k) => (s === t ? [] : [{ id: `e${k}`, a: `n${s}`, b: `n${t}` }]));
      const byId = new Map(links.map((l) => [l.id, l]));
      assert.equal(links.length, expected.length);
      for (const e of expected) {
        const l = byId.get(e.id);
        assert.ok(l, `link ${e.id}`);
        assert.deepEqual([l.a, l.b], [e.a, e.b], e.id);
      }
      assert.deepEqual(await list(file, 'devices'), [], 'links end at sites');
    });
  }

  test('Abilene: labels and coordinates carried over; link data in notes', async () => {
    const { sites, links } = await importZoo('Abilene.graphml');
    const ny = sites.find((s) => s.id === 'n0');
    assert.deepEqual(ny, { id: 'n0', name: 'New York', kind: 'site', type: 'node', location: { lat: 40.71427, lon: -74.00597 } });
    assert.equal(sites.find((s) => s.id === 'n10')?.name, 'Indianapolis');
    const e2 = links.find((l) => l.id === 'e2')!;
    assert.deepEqual([e2.a, e2.b, e2.type], ['n1', 'n10', 'fibre']);
    assert.equal(e2.notes, 'LinkLabel: OC-192c; LinkType: OC-192; LinkNote: c');
    // "OC-192c" is no plain speed: no capacity is guessed.
    assert.equal(e2.capacity_gbps, undefined);
  });

  test('Dfn: nodes without Latitude/Longitude get no location', async () => {
    const { sites } = await importZoo('Dfn.graphml');
    const text = readFileSync(zoo('Dfn.graphml'), 'utf8');
    const latKey = /<key attr.name="Latitude" attr.type="double" for="node" id="(\w+)"/.exec(text)![1];
    const withLat = (text.match(new RegExp(`<data key="${latKey}">`, 'g')) ?? []).length;
    assert.equal(sites.filter((s) => s.location).length, withLat);
    assert.equal(sites.length - withLat, 7);
    for (const s of sites) if (s.location) assert.ok(Math.abs(s.location.lat) <= 90 && Math.abs(s.location.lon) <= 180);
  });

  test('Heanet: parallel edges stay separate links', async () => {
    const { links } = await importZoo('Heanet.graphml');
    const pairs = new Map<string, string[]>();
    for (const l of links) {
      const key = [l.a, l.b].sort().join('|');
      pairs.set(key, [...(pairs.get(key) ?? []), l.id]);
    }
    const parallel = [...pairs.values()].filter((ids) => ids.length > 1);
    assert.ok(parallel.length >= 1, 'Heanet has parallel edges');
    assert.equal(links.length, 13);
  });

  test('Interoute: self-loops are skipped with a warning on stderr, not an error', async () => {
    const { stderr, links } = await importZoo('Interoute.graphml');
    assert.match(stderr, /warning: .*Interoute\.graphml:\d+:\d+: edge 49 is a self-loop at node "17"; skipped/);
    assert.match(stderr, /warning: .*Interoute\.graphml:\d+:\d+: edge 142 is a self-loop at node "73"; skipped/);
    const ids = new Set(links.map((l) => l.id));
    assert.ok(!ids.has('e49') && !ids.has('e142'));
    assert.ok(ids.has('e48') && ids.has('e50') && ids.has('e157'));
    assert.equal(links.length, 156);
  });

  test('Interoute: --json lists the warnings', async () => {
    const r = await cli('--db', db(), 'import', zoo('Interoute.graphml'), '--json');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { warnings: { message: string; line: number }[] };
    assert.equal(out.warnings.length, 2);
    assert.ok(out.warnings.every((w) => w.line > 0));
  });

  test('Marnet: link type from LinkType/LinkLabel, capacity from the Zoo\'s parsed speed', async () => {
    const { links } = await importZoo('Marnet.graphml');
    const count = (type: string) => links.filter((l) => l.type === type).length;
    assert.equal(count('radio'), 7);
    assert.equal(count('leased-line'), 10);
    assert.equal(count('fibre'), 10);
    const wireless = links.find((l) => l.id === 'e18')!;
    assert.deepEqual([wireless.type, wireless.capacity_gbps], ['radio', 0.004]);
    const optical = links.find((l) => l.id === 'e3')!;
    assert.deepEqual([optical.type, optical.capacity_gbps], ['fibre', 0.155]);
  });

  test('the .graphml extension is enough: no --format needed', async () => {
    const file = db();
    const r = await cli('--db', file, 'import', zoo('Abilene.graphml'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /imported 1 change set with 25 changes/);
  });
});

describe('GraphML errors: located, exit 2, nothing written', () => {
  const write = (name: string, text: string): string => {
    const f = join(tmp, name);
    writeFileSync(f, text);
    return f;
  };
  const refused = async (path: string, ...extra: string[]): Promise<string> => {
    const file = db();
    const r = await cli('--db', file, 'import', ...extra, path);
    assert.equal(r.code, 2, r.stderr);
    assert.deepEqual(await list(file, 'sites'), [], 'nothing written');
    return r.stderr;
  };

  test('malformed XML names file, line and column', async () => {
    const f = write('bad.graphml', '<?xml version="1.0"?>\n<graphml>\n  <graph>\n    <node id="1"/>\n    <node id="2">\n  </graph>\n</graphml>\n');
    assert.match(await refused(f), /bad\.graphml:6:3: malformed XML: end tag <\/graph> does not match <node> \(line 5\)/);
  });

  test('a truncated file', async () => {
    const text = readFileSync(zoo('Abilene.graphml'), 'utf8');
    const f = write('cut.graphml', text.slice(0, Math.floor(text.length / 2)));
    assert.match(await refused(f), /cut\.graphml:\d+:\d+: malformed XML: .*never closed/);
  });

  test('an undefined entity and a stray "<"', async () => {
    const f = write('entity.graphml', '<graphml><graph>\n<node id="1"><data key="d">A &nbsp; B</data></node>\n</graph></graphml>');
    assert.match(await refused(f), /entity\.graphml:2:30: malformed XML: unknown entity "&nbsp;"/);
    const g = write('lt.graphml', '<graphml><graph>\n<node id="1"/>\n<node id="2"/> < \n</graph></graphml>');
    assert.match(await refused(g), /lt\.graphml:3:16: malformed XML: "<" must start a tag/);
  });

  test('an edge to an unknown node and a duplicate node id, each at its line', async () => {
    const f = write('refs.graphml', '<graphml>\n<graph>\n<node id="1"/>\n<node id="2"/>\n<edge source="1" target="3"/>\n<node id="1"/>\n</graph>\n</graphml>\n');
    const stderr = await refused(f);
    assert.match(stderr, /refs\.graphml:5:1: e0: refers to no node "3" \(edge 1 – 3\)/);
    assert.match(stderr, /refs\.graphml:6:1: duplicate node id "1"/);
  });

  test('a file that is not GraphML', async () => {
    assert.match(await refused(snd('abilene.xml'), '--format', 'graphml'), /abilene\.xml:2:1: not a GraphML file: the root element is <network>/);
  });

  test('the ids meet existing objects: the timeline reports the line of the node', async () => {
    const file = db();
    assert.equal((await cli('--db', file, 'import', zoo('Heanet.graphml'), '--changeset', 'heanet')).code, 0);
    const r = await cli('--db', file, 'import', zoo('Abilene.graphml'), '--changeset', 'abilene');
    assert.equal(r.code, 2);
    // Line 69 holds <node id="0">.
    assert.match(r.stderr, /Abilene\.graphml:69:5: change set abilene: n0\.id: duplicate id "n0"/);
  });
});

describe('SNDlib', () => {
  const networks = [
    { name: 'abilene', nodes: 12, links: 15 },
    { name: 'polska', nodes: 12, links: 18 },
    { name: 'germany50', nodes: 50, links: 88 },
  ];
  for (const net of networks) {
    test(`${net.name}: native and XML give the same sites and links`, async () => {
      const results: { sites: Site[]; links: Link[] }[] = [];
      for (const ext of ['txt', 'xml']) {
        const file = db();
        const r = await cli('--db', file, 'import', '--format', 'sndlib', snd(`${net.name}.${ext}`));
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stderr, '', 'no warnings');
        results.push({ sites: await list<Site>(file, 'sites'), links: await list<Link>(file, 'links') });
      }
      const [native, xml] = results as [(typeof results)[0], (typeof results)[0]];
      assert.deepEqual(native, xml);
      // Independent count from the XML text.
      const text = readFileSync(snd(`${net.name}.xml`), 'latin1');
      const nodeIds = [...text.matchAll(/<node id="([^"]+)"/g)].map((m) => m[1]!);
      const linkIds = [...text.matchAll(/<link id="([^"]+)"/g)].map((m) => m[1]!);
      assert.equal(nodeIds.length, net.nodes);
      assert.equal(linkIds.length, net.links);
      assert.deepEqual(native.sites.map((s) => s.name).sort(), [...nodeIds].sort());
      assert.deepEqual(native.sites.map((s) => s.id).sort(), nodeIds.map((id) => id.toLowerCase()).sort());
      assert.deepEqual(native.links.map((l) => l.name).sort(), [...linkIds].sort());
      assert.ok(native.sites.every((s) => s.location), 'geographical coordinates become locations');
    });
  }

  test('abilene: ids slugged, names kept, x = longitude, y = latitude, capacity in the file\'s unit', async () => {
    const file = db();
    assert.equal((await cli('--db', file, 'import', '--format', 'sndlib', snd('abilene.txt'))).code, 0);
    const sites = await list<Site>(file, 'sites');
    assert.deepEqual(sites.find((s) => s.id === 'atlam5'), { id: 'atlam5', name: 'ATLAM5', kind: 'site', type: 'node', location: { lat: 33.75, lon: -84.3833 } });
    const links = await list<Link>(file, 'links');
    const l = links.find((x) => x.id === 'atlang_iplsng')!;
    // "ATLAng_IPLSng ( IPLSng ATLAng ) 2480.00 …" with unit MBITPERSEC.
    assert.deepEqual([l.name, l.a, l.b, l.type, l.capacity_gbps], ['ATLAng_IPLSng', 'iplsng', 'atlang', 'fibre', 2.48]);
  });

  test('germany50: German city names as ids', async () => {
    const file = db();
    assert.equal((await cli('--db', file, 'import', '--format', 'sndlib', snd('germany50.xml'))).code, 0);
    const sites = await list<Site>(file, 'sites');
    assert.ok(sites.some((s) => s.id === 'aachen' && s.name === 'Aachen' && s.location?.lat === 50.76 && s.location.lon === 6.04));
  });

  test('india35: link ids that equal node ids get the prefix link-; grid coordinates give no location', async () => {
    const file = db();
    const r = await cli('--db', file, 'import', '--format', 'sndlib', snd('india35.txt'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: .*india35\.txt: the node coordinates are not longitude\/latitude/);
    const sites = await list<Site>(file, 'sites');
    const links = await list<Link>(file, 'links');
    assert.equal(sites.length, 35);
    assert.equal(links.length, 80);
    assert.ok(sites.every((s) => !s.location));
    assert.ok(links.every((l) => l.id.startsWith('link-')));
    assert.deepEqual(links.find((l) => l.id === 'link-0'), { id: 'link-0', name: '0', kind: 'link', a: '0', b: '24', type: 'fibre' });
  });

  test('self-loops are skipped with a warning; odd ids are slugged and kept unique', async () => {
    const f = join(tmp, 'odd.txt');
    writeFileSync(f, '?SNDlib native format; type: network; version: 1.0\nNODES (\n  Köln ( 6.96 50.94 )\n  KÖLN ( 6.9 50.9 )\n  _Bonn# ( 7.1 50.7 )\n)\nLINKS (\n  L1 ( Köln Köln ) 0 0 0 0 ( )\n  L2 ( Köln _Bonn# ) 0 0 0 0 ( 10 1 )\n  l2 ( KÖLN _Bonn# ) 0 0 0 0 ( )\n)\n');
    const file = db();
    const r = await cli('--db', file, 'import', '--format', 'sndlib', f);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /odd\.txt:8:3: link L1 is a self-loop at node Köln; skipped/);
    const sites = await list<Site>(file, 'sites');
    assert.deepEqual(sites.map((s) => [s.id, s.name]), [['bonn', '_Bonn#'], ['koln', 'Köln'], ['koln-2', 'KÖLN']]);
    const links = await list<Link>(file, 'links');
    assert.deepEqual(links.map((l) => [l.id, l.a, l.b]), [['l2', 'koln', 'bonn'], ['l2-2', 'koln-2', 'bonn']]);
  });

  test('malformed native files: exit 2, file and line, nothing written', async () => {
    const f = join(tmp, 'bad.txt');
    writeFileSync(f, 'NODES (\n  A ( 1.5 2 )\n  B ( 1 2 )\n)\nLINKS (\n  L1 ( A C ) 0 0 0 0 ( )\n  L2 ( A B ) x 0 0 0 ( )\n)\n');
    const file = db();
    const r = await cli('--db', file, 'import', '--format', 'sndlib', f);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.txt:6:3: link L1 refers to no node "C"/);
    assert.match(r.stderr, /bad\.txt:7:3: link L2: expected "<capacity> /);
    assert.deepEqual(await list(file, 'sites'), []);
    const g = join(tmp, 'open.txt');
    writeFileSync(g, 'NODES (\n  A ( 1.5 2 )\n)\nDEMANDS (\n  D ( A A ) 1 2 UNLIMITED\n');
    const r2 = await cli('--db', db(), 'import', '--format', 'sndlib', g);
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /open\.txt:6:1: section DEMANDS \(line 4\) is never closed/);
    const d = join(tmp, 'demands.txt');
    writeFileSync(d, '?SNDlib native format; type: demands; version: 1.0\nDEMANDS (\n)\n');
    assert.match((await cli('--db', db(), 'import', '--format', 'sndlib', d)).stderr, /demands\.txt:1:1: this is an SNDlib demands file; import the network file/);
  });

  test('malformed XML: exit 2 with file and line', async () => {
    const text = readFileSync(snd('polska.xml'), 'latin1').replace('</source>', '</sorce>');
    const f = join(tmp, 'polska-bad.xml');
    writeFileSync(f, text, 'latin1');
    const line = text.slice(0, text.indexOf('</sorce>')).split('\n').length;
    const r = await cli('--db', db(), 'import', '--format', 'sndlib', f);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`polska-bad\\.xml:${line}:\\d+: malformed XML: end tag </sorce> does not match <source>`));
  });

  test('--format sndlib reads one file, not a folder', async () => {
    const r = await cli('--db', db(), 'import', '--format', 'sndlib', join(import.meta.dirname, 'fixtures', 'sndlib'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /reads one file, not a folder/);
  });
});

describe('building blocks', () => {
  test('slugify and UniqueIds', () => {
    assert.equal(slugify('ATLAng_HSTNng'), 'atlang_hstnng');
    assert.equal(slugify('Frankfurt am Main'), 'frankfurt-am-main');
    assert.equal(slugify('Gießen/Düsseldorf'), 'giessen-dusseldorf');
    assert.equal(slugify('..x'), 'x');
    assert.equal(slugify('###'), 'x');
    assert.equal(slugify('Bonn (Süd)'), 'bonn-sud');
    assert.equal(slugify('a'.repeat(80)).length, 64);
    const ids = new UniqueIds();
    assert.deepEqual(['a', 'a', 'a', 'a-2'].map((s) => ids.claim(s)), ['a', 'a-2', 'a-3', 'a-2-2']);
    const long = 'b'.repeat(64);
    assert.equal(ids.claim(long), long);
    assert.equal(ids.claim(long), `${'b'.repeat(62)}-2`);
  });

  test('parseXml: entities, CDATA, comments, namespaces, lines', () => {
    const root = parseXml('<?xml version="1.0"?>\n<!-- c -->\n<g:graphml xmlns:g="x">\n <g:node id="a&amp;b" label=\'q&quot;\'>x &lt; y<![CDATA[ & <z>]]>&#65;&#x42;</g:node>\n</g:graphml>\n');
    assert.equal(root.name, 'graphml');
    const node = root.children[0]!;
    assert.deepEqual([node.name, node.attrs.id, node.attrs.label, node.text, node.line, node.column], ['node', 'a&b', 'q"', 'x < y & <z>AB', 4, 2]);
    const error = (text: string): [string, number, number] => {
      try {
        parseXml(text);
      } catch (e) {
        if (e instanceof XmlSyntaxError) return [e.message, e.line, e.column];
        throw e;
      }
      return ['no error', 0, 0];
    };
    assert.deepEqual(error('<a>\n<b x="1" x="2"/></a>'), ['duplicate attribute x in <b>', 2, 10]);
    assert.deepEqual(error('<a></a>\n<b/>'), ['a second root element <b> (the first is <a>, line 1)', 2, 1]);
    assert.deepEqual(error('<a b=1/>'), ['the value of attribute b must be quoted', 1, 6]);
    assert.deepEqual(error('<!DOCTYPE a [<!ENTITY x "y">]><a/>'), ['a DOCTYPE with an internal subset is not supported', 1, 1]);
    assert.match(error('<a>AT&T</a>')[0], /"&" must start an entity/);
  });

  test('link type and capacity rules', () => {
    assert.equal(linkTypeOf('Wireless', 'wireless link 4 Mbps'), 'radio');
    assert.equal(linkTypeOf(undefined, 'Microwave 34 Mbps ATM'), 'radio');
    assert.equal(linkTypeOf(undefined, 'analog leaseline'), 'leased-line');
    assert.equal(linkTypeOf('OC-192', 'OC-192c'), 'fibre');
    assert.equal(linkTypeOf(undefined, undefined), 'fibre');
    const data = (d: Record<string, string>) => (name: string) => d[name];
    assert.equal(capacityOf(data({ LinkSpeedRaw: '2500000000.0', LinkLabel: 'whatever' })), 2.5);
    assert.equal(capacityOf(data({ LinkSpeed: '155', LinkSpeedUnits: 'M' })), 0.155);
    assert.equal(capacityOf(data({ LinkLabel: '10 Gbps' })), 10);
    assert.equal(capacityOf(data({ LinkLabel: '155Mb/s' })), 0.155);
    assert.equal(capacityOf(data({ LinkLabel: '1-20Gbps' })), undefined);
    assert.equal(capacityOf(data({ LinkLabel: '45 Mbps DS-3' })), undefined);
  });
});

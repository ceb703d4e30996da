/**
 * Engine benchmark (`npm run bench:engine`): articulation points + bridges + biconnected
 * components beside NetworkX and python-igraph on generated regional networks of 10^4,
 * 10^5 and 10^6 edges and on every Topology Zoo network; then the projection of the
 * `state` preset and single risk-group what-ifs on it.
 *
 * Fairness: every tool is timed on its own in-memory graph, parsing and graph construction
 * excluded (Verbund's CSR build is shown in its own column). Verbund gets all three
 * answers from one pass; NetworkX and igraph are called the way their users would call
 * them, one function per answer. Each row checks that the three tools agree on the counts.
 *
 * Environment: BENCH_SIZES (comma-separated edge counts, default 1e4,1e5,1e6),
 * BENCH_ZOO (GraphML folder, default ../shared/datasets/topologyzoo/graphml),
 * BENCH_STATE=0 to skip the state preset.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { biconnectedComponents, type BiconnectedComponents } from '../src/graph/biconnectedComponents.js';
import { connectedComponents } from '../src/graph/connectedComponents.js';
import { buildCsr } from '../src/graph/CsrGraph.js';
import { failElements } from '../src/engine/failElements.js';
import { networkReport } from '../src/engine/networkReport.js';
import { buildProjection } from '../src/engine/projection.js';
import { buildServices } from '../src/engine/services.js';
import { analyzeSurvivability } from '../src/engine/survivability.js';
import { whatIf } from '../src/engine/whatIf.js';
import { generateEstate } from '../src/synthetic/generateEstate.js';
import { toEstateDocument } from '../src/interop/toEstateDocument.js';
import type { ChangeSet } from '../src/timeline/changeSet.js';
import { estateAt } from '../src/timeline/replay.js';
import { END_OF_TIME, parseInstant } from '../src/timeline/time.js';
import { regionalNetwork, type EdgeList } from './regionalNetwork.js';
import { readTopologyZoo } from './topologyZoo.js';

const root = new URL('..', import.meta.url).pathname;
const script = join(root, 'scripts/engine_reference.py');
const sizes = (process.env.BENCH_SIZES ?? '1e4,1e5,1e6').split(',').map(Number);
const zooDir = process.env.BENCH_ZOO ?? join(root, '../shared/datasets/topologyzoo/graphml');
const tmp = mkdtempSync(join(tmpdir(), 'verbund-engine-bench-'));

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Median ms of `fn` over `repeat` runs, after warm-up runs (at least 3, and at least 50 ms
 * of them, so that small graphs are timed with optimized code); also the last result.
 */
function time<T>(fn: () => T, repeat: number): { ms: number; result: T } {
  let result = fn();
  const warm = performance.now();
  for (let i = 1; i < 200 && (i < 3 || performance.now() - warm < 50); i++) result = fn();
  const ts: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    result = fn();
    ts.push(performance.now() - t);
  }
  return { ms: median(ts), result };
}

function python(args: string[]): { ok: boolean; out: string } {
  const r = spawnSync('python3', args, { encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

/** Which reference tools run here; installs igraph from the machine's wheel store if needed. */
function referenceTools(): { networkx: string | undefined; igraph: string | undefined } {
  const nx = python(['-c', 'import networkx; print(networkx.__version__)']);
  if (!nx.ok) {
    console.log('# SKIP NetworkX and igraph: python3 with networkx is not available');
    return { networkx: undefined, igraph: undefined };
  }
  let ig = python(['-c', 'import igraph; print(igraph.__version__)']);
  if (!ig.ok) {
    console.log('igraph is not installed; trying `python3 -m pip install igraph` …');
    const pip = python(['-m', 'pip', 'install', '--quiet', 'igraph']);
    ig = python(['-c', 'import igraph; print(igraph.__version__)']);
    if (!ig.ok) console.log(`# SKIP igraph: could not install it (${pip.out.split('\n').slice(-1)[0] ?? 'pip failed'})`);
  }
  return { networkx: nx.out, igraph: ig.ok ? ig.out : undefined };
}

interface Row {
  name: string;
  nodes: number;
  edges: number;
  csrMs: number;
  verbundMs: number;
  counts: [number, number, number];
  networkxMs?: number;
  networkxCounts?: number[];
  igraphMs?: number;
  igraphCounts?: number[];
}

function measure(g: EdgeList, repeat: number): Row {
  const csr = time(() => buildCsr(g.nodeCount, g.edgeA, g.edgeB), repeat);
  const bcc = time(() => biconnectedComponents(csr.result), repeat);
  const r: BiconnectedComponents = bcc.result;
  return {
    name: g.name,
    nodes: g.nodeCount,
    edges: g.edgeA.length,
    csrMs: csr.ms,
    verbundMs: bcc.ms,
    counts: [r.articulationPoints.length, r.bridges.length, r.blockCount],
  };
}

/** Runs the Python side on every graph at once, filling in its columns. */
async function runReference(graphs: { g: EdgeList; row: Row; repeat: number }[]): Promise<void> {
  const manifest = graphs.map(({ g, repeat }, i) => {
    const file = join(tmp, `g${i}.bin`);
    const pairs = new Int32Array(2 * g.edgeA.length);
    for (let e = 0; e < g.edgeA.length; e++) {
      pairs[2 * e] = g.edgeA[e]!;
      pairs[2 * e + 1] = g.edgeB[e]!;
    }
    writeFileSync(file, new Uint8Array(pairs.buffer));
    return { name: String(i), nodes: g.nodeCount, edges: g.edgeA.length, file, repeat };
  });
  const manifestFile = join(tmp, 'manifest.json');
  writeFileSync(manifestFile, JSON.stringify(manifest));
  const child = spawn('python3', [script, 'time', manifestFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  for await (const line of createInterface({ input: child.stdout })) {
    const r = JSON.parse(line) as { name: string; networkx_ms: number; networkx_counts: number[]; igraph_ms?: number; igraph_counts?: number[] };
    const row = graphs[Number(r.name)]!.row;
    row.networkxMs = r.networkx_ms;
    row.networkxCounts = r.networkx_counts;
    if (r.igraph_ms !== undefined) {
      row.igraphMs = r.igraph_ms;
      row.igraphCounts = r.igraph_counts!;
    }
    if (graphs.length <= 10) process.stdout.write(`  reference done: ${row.name}\n`);
  }
  const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`the reference script failed (exit ${code})`);
}

const fmt = (ms: number | undefined): string => (ms === undefined ? '—' : ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(3));
const ratio = (x: number | undefined, y: number): string => (x === undefined ? '—' : `${(x / y).toFixed(0)}×`);
const agree = (row: Row): string => {
  const same = (c: number[] | undefined): boolean | undefined => c?.every((x, i) => x === row.counts[i]);
  const checks = [same(row.networkxCounts), same(row.igraphCounts)].filter((x) => x !== undefined);
  return checks.length === 0 ? '—' : checks.every(Boolean) ? 'yes' : 'NO';
};

function table(rows: Row[]): void {
  const head = ['graph', 'nodes', 'edges', 'csr ms', 'verbund ms', 'networkx ms', 'igraph ms', '× networkx', '× igraph', 'APs/bridges/blocks', 'agree'];
  const body = rows.map((r) => [
    r.name,
    String(r.nodes),
    String(r.edges),
    fmt(r.csrMs),
    fmt(r.verbundMs),
    fmt(r.networkxMs),
    fmt(r.igraphMs),
    ratio(r.networkxMs, r.verbundMs),
    ratio(r.igraphMs, r.verbundMs),
    r.counts.join('/'),
    agree(r),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  for (const b of body) console.log(line(b));
}

async function main(): Promise<void> {
  console.log(`# verbund engine benchmark — node ${process.version}, ${new Date().toISOString()}`);
  const tools = referenceTools();
  console.log(`reference: networkx ${tools.networkx ?? 'skipped'}, igraph ${tools.igraph ?? 'skipped'}`);
  console.log('timed: articulation points + bridges + biconnected components, graph construction excluded (Verbund CSR build shown apart)\n');

  const generated = sizes.map((m) => {
    const g = regionalNetwork(m, 1);
    return { g, row: measure(g, m >= 1e6 ? 5 : 20), repeat: m >= 1e6 ? 1 : m >= 1e5 ? 3 : 7 };
  });
  if (tools.networkx) await runReference(generated);
  console.log('## generated regional networks (rings, chords, spurs, chains; seed 1)');
  table(generated.map((x) => x.row));

  if (existsSync(zooDir)) {
    const zoo = readTopologyZoo(zooDir).map((g) => ({ g, row: measure(g, 101), repeat: 21 }));
    if (tools.networkx) await runReference(zoo);
    const sum = (f: (r: Row) => number | undefined): number | undefined => {
      let s = 0;
      for (const { row } of zoo) {
        const x = f(row);
        if (x === undefined) return undefined;
        s += x;
      }
      return s;
    };
    const agreeing = zoo.filter(({ row }) => agree(row) === 'yes').length;
    const biggest = [...zoo].sort((x, y) => y.row.edges - x.row.edges).slice(0, 3);
    console.log(`\n## Topology Zoo: ${zoo.length} networks (the three largest, then all of them summed)`);
    table([
      ...biggest.map((x) => x.row),
      {
        name: `all ${zoo.length}`,
        nodes: sum((r) => r.nodes)!,
        edges: sum((r) => r.edges)!,
        csrMs: sum((r) => r.csrMs)!,
        verbundMs: sum((r) => r.verbundMs)!,
        counts: [sum((r) => r.counts[0])!, sum((r) => r.counts[1])!, sum((r) => r.counts[2])!],
        ...(tools.networkx && { networkxMs: sum((r) => r.networkxMs), networkxCounts: [sum((r) => r.networkxCounts?.[0]), sum((r) => r.networkxCounts?.[1]), sum((r) => r.networkxCounts?.[2])] as number[] }),
        ...(tools.igraph && { igraphMs: sum((r) => r.igraphMs), igraphCounts: [sum((r) => r.igraphCounts?.[0]), sum((r) => r.igraphCounts?.[1]), sum((r) => r.igraphCounts?.[2])] as number[] }),
      },
    ]);
    if (tools.networkx) console.log(`counts agree on ${agreeing} of ${zoo.length} networks`);
  } else {
    console.log(`\n# SKIP Topology Zoo: ${zooDir} does not exist`);
  }

  if (process.env.BENCH_STATE !== '0') benchState();
  rmSync(tmp, { recursive: true, force: true });
}

/** The `state` preset: projection, the network report, and single risk-group what-ifs. */
function benchState(): void {
  console.log('\n## the state preset (seed 1)');
  let t = performance.now();
  const doc = generateEstate({ seed: 1, preset: 'state' });
  const read = toEstateDocument(JSON.parse(JSON.stringify(doc)), 'state.json');
  const initial = { id: doc.initial.id, title: 'initial', effective: doc.initial.effective, status: 'done' as const, changes: read.doc.objects };
  const sets: ChangeSet[] = [initial, ...read.doc.changesets].map((cs, seq) => ({ ...cs, seq, effectiveKey: parseInstant(cs.effective) }));
  const { estate } = estateAt(sets, END_OF_TIME);
  console.log(`estate of ${estate.size} objects generated and replayed in ${((performance.now() - t) / 1000).toFixed(1)} s (not timed below)`);

  // The first build runs cold (as a CLI process would), the median one warm.
  t = performance.now();
  buildProjection(estate);
  const firstMs = performance.now() - t;
  const projection = time(() => buildProjection(estate), 5);
  const p = projection.result;
  console.log(
    `buildProjection: ${p.nodeCount} nodes, ${p.edgeCount} edges, ${p.riskGroupIds.length} risk groups — first ${fmt(firstMs)} ms, then median ${fmt(projection.ms)} ms (goal < 2000 ms)`,
  );
  const bcc = time(() => biconnectedComponents(p), 10);
  const report = time(() => networkReport(p), 3);
  console.log(
    `biconnectedComponents: ${fmt(bcc.ms)} ms (${bcc.result.articulationPoints.length} APs, ${bcc.result.bridges.length} bridges, ${bcc.result.blockCount} blocks); networkReport with ids, sorted: ${fmt(report.ms)} ms`,
  );

  // One what-if = the failure mask of one risk group + one component pass; over many groups.
  const groups = p.riskGroupIds.filter((_, i) => i % Math.max(1, Math.floor(p.riskGroupIds.length / 500)) === 0);
  const whatIf = (id: string): number => {
    const { mask } = failElements(p, [id]);
    return connectedComponents(p, { failed: mask }).count;
  };
  for (const id of groups.slice(0, 20)) whatIf(id);
  const ts = groups.map((id) => {
    const s = performance.now();
    whatIf(id);
    return performance.now() - s;
  });
  console.log(`risk-group what-if (mask + component pass), ${ts.length} groups: median ${fmt(median(ts))} ms, max ${fmt(Math.max(...ts))} ms (goal < 100 ms)`);
}

await main();

// ---------------------------------------------------------------------------------------------
// Survivability and what-if on the `state` preset (appended section).
//
// The full single-failure analysis — every device, link, site and risk group against every
// service, with the SPOF list — timed cold (first call in the process, as the CLI runs it)
// and warm; then what-ifs of single risk groups given the baseline analysis, as the service
// layer calls them: down + components only, with `degraded`, and with `weakened`.
// Goals (docs/analysis.md, "Performance"): analysis < 30 s and < 4 GB; a what-if of one risk group < 100 ms.
// BENCH_STATE=0 skips this section too.
// ---------------------------------------------------------------------------------------------
if (process.env.BENCH_STATE !== '0') benchSurvivability();

function benchSurvivability(): void {
  console.log('\n## survivability and what-if on the state preset (seed 1)');
  const doc = generateEstate({ seed: 1, preset: 'state' });
  const read = toEstateDocument(JSON.parse(JSON.stringify(doc)), 'state.json');
  const initial = { id: doc.initial.id, title: 'initial', effective: doc.initial.effective, status: 'done' as const, changes: read.doc.objects };
  const sets: ChangeSet[] = [initial, ...read.doc.changesets].map((cs, seq) => ({ ...cs, seq, effectiveKey: parseInstant(cs.effective) }));
  const { estate } = estateAt(sets, END_OF_TIME);
  const p = buildProjection(estate);
  let t = performance.now();
  const m = buildServices(p, estate);
  const servicesMs = performance.now() - t;
  const elements = p.nodeCount + p.edgeCount + p.siteIds.length + p.riskGroupIds.length;
  console.log(`${m.count} services, ${elements} failure elements (${p.nodeCount} nodes, ${p.edgeCount} links, ${p.siteIds.length} sites, ${p.riskGroupIds.length} risk groups); buildServices ${fmt(servicesMs)} ms`);

  let peakRss = process.memoryUsage().rss;
  t = performance.now();
  const first = analyzeSurvivability(p, m);
  const coldMs = performance.now() - t;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const warm = time(() => analyzeSurvivability(p, m), 3);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const r = warm.result;
  const surviving = r.services.filter((s) => s.survives).length;
  const up = r.services.filter((s) => s.upAtBaseline).length;
  console.log(
    `analyzeSurvivability: first ${fmt(coldMs)} ms, then median ${fmt(warm.ms)} ms (goal < 30000 ms); rss peak ${(peakRss / 2 ** 20).toFixed(0)} MiB (goal < 4096); ` +
      `${up} up, ${surviving} surviving, ${r.spofs.length} SPOF elements`,
  );
  const s = first.stats;
  console.log(
    `  work: ${s.nodeChecks} node and ${s.linkChecks} link checks (candidates, of ${m.count} × ${p.nodeCount + p.edgeCount} pairs); ` +
      `${s.multiPasses} local passes for sites and risk groups (${s.multiSkipped} skipped as irrelevant, ${s.fullPasses} full), ${s.expanded} slots scanned, ${s.multiChecks} service checks`,
  );

  const groups = p.riskGroupIds.filter((_, i) => i % Math.max(1, Math.floor(p.riskGroupIds.length / 500)) === 0);
  const quantiles = (xs: number[]): string => {
    const q = [...xs].sort((x, y) => x - y);
    const at = (f: number) => q[Math.min(q.length - 1, Math.floor(f * q.length))]!;
    return `median ${fmt(at(0.5))} ms, p90 ${fmt(at(0.9))} ms, max ${fmt(q[q.length - 1]!)} ms`;
  };
  const timeWhatIf = (options: Parameters<typeof whatIf>[3]): number[] => {
    for (const id of groups.slice(0, 10)) whatIf(p, m, [id], { ...options, baseline: r });
    return groups.map((id) => {
      const s0 = performance.now();
      whatIf(p, m, [id], { ...options, baseline: r });
      return performance.now() - s0;
    });
  };
  console.log(`what-if of one risk group given the baseline analysis, ${groups.length} groups (goal < 100 ms):`);
  console.log(`  down only:                 ${quantiles(timeWhatIf({ degraded: false, components: false }))}`);
  console.log(`  down + components:         ${quantiles(timeWhatIf({ degraded: false }))}`);
  console.log(`  down + degraded:           ${quantiles(timeWhatIf({ components: false }))}`);
  console.log(`  down + degraded + weakened: ${quantiles(timeWhatIf({ components: false, weakened: true }))}`);
}

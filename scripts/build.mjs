// Builds the CLI into dist/: one ES module per command, shared chunks split out, so that a
// command loads only the code it runs (a quick `show` does not load the validator, the YAML
// parser or the PostgreSQL driver). Native and driver packages stay external.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  // The worker threads (the analysis pool's, the estate reader's, the writer's) are entries of their own: they are
  // loaded by file, not imported.
  entryPoints: { main: 'src/cli/main.ts', analysisWorker: 'src/service/analysisWorker.ts', estateBytesWorker: 'src/store/estateBytesWorker.ts', writerWorker: 'src/service/writerWorker.ts', timelinePartWorker: 'src/service/timelinePartWorker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // highs loads its .wasm from beside its own module, so it cannot be bundled.
  // swagger-ui serves its static files from its own package folder (__dirname).
  // piscina starts its threads from a file of its own package.
  external: ['better-sqlite3', 'pg', 'highs', '@fastify/swagger-ui', 'piscina', 'playwright-core'],
  // Bundled CommonJS packages (commander, cli-progress) call require().
  banner: { js: "import { createRequire as __verbundRequire } from 'node:module'; const require = __verbundRequire(import.meta.url);" },
  logLevel: 'warning',
});

// The web UI (web/, React + Vite) into dist/web, which `verbund serve` serves at `/`.
const { build: viteBuild } = await import('vite');
await viteBuild({ configFile: 'web/vite.config.mjs', logLevel: 'warn' });

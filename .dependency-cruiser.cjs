/**
 * The layering of docs/design.md ("Layout and dependency direction" and "Rules the tools
 * enforce"), checked by `npm run lint:deps` (part of `npm test`):
 *
 *   util ← model ← timeline ← engine, planning, store, interop ← service ← report ← cli, api
 *   util ← graph ← engine (generic graph algorithms, no estate)
 *   util, model, timeline ← synthetic ← cli (the generator, for `verbund generate` only)
 *   model ← contracts (requests) ← planning, service, report, cli, api
 *   web → src/model, src/contracts only (everything else it learns from the API)
 *
 * A rule names what a module may import; anything else under src/ or web/ is forbidden. An
 * exception is a `pathNot` entry with a comment saying why it is allowed; docs/design.md
 * lists them.
 */

/** The service file whose types (only) the web's accounts page imports: a named exception. */
const ACCOUNT_TYPES = '^src/service/AccountService\\.ts$';

/** Any file under src/. */
const SRC = '^src/';

/**
 * Named exceptions to `no-circular`: cycles among these files are allowed only while one
 * edge of each is `import type` (checked by `no-circular-at-runtime`), so nothing runs in a
 * circle. Each is a type declared beside the code that produces it; moving the type into a
 * file of its own removes the exception:
 * - service/AnalysisService ↔ checkReport: the report reads the `Snapshot` and `ServiceRef`
 *   types that AnalysisService declares.
 * A cycle that reaches any other file is reported.
 */
const TYPE_ONLY_CYCLES = '^src/service/(AnalysisService|checkReport)\\.ts$';

/**
 * Named exceptions to both cycle rules: cycles in the web UI among modules of functions only
 * (nothing runs at import time, so either order of evaluation works), merged last and not yet
 * split: api.ts ↔ names.ts (the fetcher remembers the names it loads; the name cache loads
 * through the fetcher) and components/common.tsx ↔ FieldValue.tsx (id lists show named links;
 * field values show id lists). A shared module under each pair removes the exception.
 */
const WEB_CYCLES = '^web/src/(api|names|components/(common|FieldValue))\\.tsx?$';

/**
 * A module may import only from itself and the listed modules (and npm packages, Node
 * built-ins, and JSON under docs/schemas where the rule says so).
 */
function onlyFrom(name, allowed, comment, exceptions = []) {
  const ok = [name, ...allowed].map((m) => `^src/${m}/`).join('|');
  return {
    name: `${name}-imports-only-${allowed.length ? allowed.join('-') : 'itself'}`,
    comment,
    severity: 'error',
    from: { path: `^src/${name}/` },
    to: { path: '^(src|web|test|bench|scripts)/', pathNot: [ok, ...exceptions] },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one; split the shared part out instead.',
      severity: 'error',
      from: {},
      to: { circular: true, via: { pathNot: `${TYPE_ONLY_CYCLES}|${WEB_CYCLES}` } },
    },
    {
      name: 'no-circular-at-runtime',
      comment: 'Not even the excepted cycles may run in a circle: one of their imports stays `import type`.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] }, via: { pathNot: WEB_CYCLES } },
    },
    onlyFrom('util', [], 'util holds small generic helpers (append, timing, Random) and knows no estate.'),
    onlyFrom('model', ['util'], 'model is pure: kinds, field schemas, choices, errors.'),
    onlyFrom('contracts', ['model'], 'contracts are pure TypeScript: the request schemas and the types derived from them, over the model.'),
    onlyFrom('timeline', ['model', 'util'], 'timeline is pure: change sets and the estate at an instant, over the model.'),
    onlyFrom('graph', ['util'], 'graph holds generic graph algorithms over a CSR index (components, block-cut tree, spanning forest); it knows no estate.'),
    onlyFrom('engine', ['model', 'timeline', 'graph', 'util'], 'engine analyses an estate (the resilience analyses over its projection); it never reads files or the store.'),
    onlyFrom('planning', ['model', 'timeline', 'util', 'contracts'], 'planning is pure: waves, joint operation, migration progress.'),
    onlyFrom('store', ['model', 'timeline', 'util'], 'store persists the timeline; it knows nothing above it.'),
    onlyFrom('interop', ['model', 'timeline', 'util'], 'interop turns files (and NetBox) into change sets and back; the service calls it.'),
    onlyFrom('synthetic', ['model', 'timeline', 'util'], 'synthetic generates estates from a seed (`verbund generate`, tests, benches); only the cli imports it.'),
    onlyFrom('service', ['model', 'timeline', 'engine', 'planning', 'store', 'interop', 'util', 'contracts'], 'service is the use cases; it never knows who calls it (cli, api).'),
    onlyFrom('report', ['service', 'model', 'util', 'contracts'], "report renders the service's report (HTML, Markdown, PDF) for cli and api."),
    onlyFrom(
      'cli',
      ['service', 'report', 'model', 'timeline', 'interop', 'synthetic', 'util', 'api', 'contracts'],
      'cli calls the service; it reads and writes files through interop, `generate` runs synthetic, and `serve` starts the api.',
      [
        // Composition root: the CLI opens the store (location from --db / VERBUND_DB) and hands
        // it to the services; `serve` opens it to hand it to buildApp. Nothing else from store.
        '^src/store/openStore\\.ts$',
      ],
    ),
    onlyFrom(
      'api',
      ['service', 'report', 'model', 'timeline', 'interop', 'util', 'contracts'],
      'api calls the service; its response schemas live in docs/schemas.',
      [
        // The published JSON Schemas are the api's response schemas (docs/api.md).
        '^docs/schemas/',
        // buildApp(store) takes the store the caller opened, to hand it to the services.
        '^src/store/openStore\\.ts$',
      ],
    ),
    {
      name: 'store-only-through-service',
      comment: 'The store is used by the service only (the exceptions above: opening it in cli, taking it in api).',
      severity: 'error',
      from: { path: SRC, pathNot: '^src/(service|store)/' },
      to: { path: '^src/store/', pathNot: '^src/store/openStore\\.ts$' },
    },
    {
      name: 'store-opened-in-composition-roots-only',
      comment: 'Only the CLI (which opens the store) and buildApp (which receives it) touch openStore outside the service.',
      severity: 'error',
      from: { path: SRC, pathNot: ['^src/(service|store)/', '^src/cli/context\\.ts$', '^src/cli/commands/serve\\.ts$', '^src/api/(buildApp|ApiContext)\\.ts$'] },
      to: { path: '^src/store/openStore\\.ts$' },
    },
    {
      name: 'web-imports-only-model-and-contracts',
      comment: 'The web UI talks to the API; from src it shares only the pure model (and the contracts).',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(src|test|bench|scripts)/', pathNot: ['^src/(model|contracts)/', ACCOUNT_TYPES] },
    },
    {
      name: 'web-account-types-only',
      comment: 'Exception: the accounts page takes the `User` and `TokenInfo` types of the service (erased at build) until they move to src/contracts.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: ACCOUNT_TYPES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'src-never-imports-web-or-tests',
      comment: 'The product code stands alone: web is built separately, tests and benches sit on top.',
      severity: 'error',
      from: { path: SRC },
      to: { path: '^(web|test|bench)/' },
    },
    {
      name: 'src-no-dev-dependencies',
      comment: 'src runs in production, where only "dependencies" are installed (type-only imports are erased).',
      severity: 'error',
      from: { path: SRC },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

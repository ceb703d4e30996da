/** `verbund import PATH`: reads estate files and writes them as one transaction. */
import { kindFromName } from '../../model/kinds.js';
import { formatProblem, VerbundError } from '../../model/errors.js';
import { readEstatePath, type ImportFormat } from '../../interop/readEstatePath.js';
import type { CsvLocale } from '../../interop/csvNumber.js';
import { io, out, outJson, withService, type GlobalOptions } from '../context.js';
import { phaseBar } from '../phaseBar.js';
import { mark } from '../../util/timing.js';
import { append } from '../../util/append.js';

interface ImportOptions extends GlobalOptions {
  format?: ImportFormat;
  kind?: string;
  csvLocale?: CsvLocale;
  effective?: string;
  changeset?: string;
}

export async function run(opts: ImportOptions, path: string): Promise<void> {
  const kind = opts.kind === undefined ? undefined : kindFromName(opts.kind);
  if (opts.kind !== undefined && !kind) throw new VerbundError('USAGE', `unknown kind "${opts.kind}"`);
  const started = performance.now();
  const { doc, problems, locate, warnings: read = [] } = readEstatePath(path, { ...(opts.format && { format: opts.format }), ...(kind && { kind }), ...(opts.csvLocale && { csvLocale: opts.csvLocale }) });
  mark('read');
  // Skipped on purpose (e.g. a self-loop of a raw network): said on stderr, not an error.
  for (const w of read) io.stderr(`verbund: warning: ${formatProblem(w)}\n`);
  const warnings = [...read];
  const total = doc.objects.length + doc.changesets.reduce((n, cs) => n + cs.changes.length, 0);
  const bar = await phaseBar(10_000, total);
  await withService(opts, async (service) => {
    try {
      const result = await service.importDocument(doc, { effective: opts.effective, changeset: opts.changeset, ...(bar && { onPhase: bar }) }, problems);
      mark('commit');
      bar?.stop();
      // Legal but worth a look (a dependency cycle): said like the reader's warnings; the import stands.
      const written = locate(result.warnings, true);
      for (const w of written) io.stderr(`verbund: warning: ${formatProblem(w)}\n`);
      append(warnings, written);
      const seconds = (performance.now() - started) / 1000;
      if (opts.json) outJson({ changesets: result.added.map((c) => c.id), changes: total, objects: result.objects, seconds, ...(warnings.length && { warnings: warnings.map(({ code: _, ...w }) => w) }) });
      else out(`imported ${result.added.length} change set${result.added.length === 1 ? '' : 's'} with ${total} changes (${result.objects} objects now) in ${seconds.toFixed(2)} s`);
    } catch (e) {
      bar?.stop();
      if (e instanceof VerbundError) throw new VerbundError(e.code, `${e.message}`, locate(e.problems));
      throw e;
    }
  });
}

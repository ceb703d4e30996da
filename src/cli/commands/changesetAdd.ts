/** `verbund changeset add FILE`: adds the change sets and plans of a file as one transaction. */
import { formatProblem, VerbundError } from '../../model/errors.js';
import { readEstatePath } from '../../interop/readEstatePath.js';
import { io, out, outJson, withService, type GlobalOptions } from '../context.js';

export async function run(opts: GlobalOptions, file: string): Promise<void> {
  const { doc, problems, locate } = readEstatePath(file);
  if (doc.objects.length) {
    throw new VerbundError('INVALID_INPUT', `${file}: top-level objects belong to \`verbund import\`; here write them as create changes of a change set under changesets:`);
  }
  await withService(opts, async (service) => {
    try {
      const r = await service.addChangeSets(doc, problems);
      const warnings = locate(r.warnings, true);
      for (const w of warnings) io.stderr(`verbund: warning: ${formatProblem(w)}\n`);
      if (opts.json) outJson({ changesets: r.added.map((c) => c.id), ...(warnings.length && { warnings: warnings.map(({ code: _, ...w }) => w) }) });
      else out(`added ${r.added.map((c) => c.id).join(', ') || 'no change sets'}${doc.plans.length ? ` and plans ${doc.plans.map((p) => p.id).join(', ')}` : ''}`);
    } catch (e) {
      if (e instanceof VerbundError) throw new VerbundError(e.code, e.message, locate(e.problems));
      throw e;
    }
  });
}

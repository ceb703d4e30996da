/** `verbund generate`: writes a synthetic estate, deterministic from --seed. */
import { createWriteStream } from 'node:fs';
import { stringify } from 'yaml';
import { VerbundError } from '../../model/errors.js';
import { generateEstate } from '../../synthetic/generateEstate.js';
import type { GlobalOptions } from '../context.js';

interface GenerateOptions extends GlobalOptions {
  preset: 'small' | 'region' | 'state';
  seed: string;
  scale?: string;
  format: 'json' | 'yaml';
  out?: string;
}

export async function run(opts: GenerateOptions): Promise<void> {
  const seed = Number(opts.seed);
  const scale = opts.scale === undefined ? undefined : Number(opts.scale);
  if (!Number.isInteger(seed)) throw new VerbundError('USAGE', `--seed must be an integer, got "${opts.seed}"`);
  if (scale !== undefined && !(scale > 0)) throw new VerbundError('USAGE', `--scale must be a positive number, got "${opts.scale}"`);
  const doc = generateEstate({ seed, preset: opts.preset, ...(scale !== undefined && { scale }) });
  const text = opts.format === 'json' ? JSON.stringify(doc) : stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
  const stream = opts.out ? createWriteStream(opts.out) : process.stdout;
  await new Promise<void>((resolve, reject) => {
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });
  if (opts.out) await new Promise<void>((resolve) => (stream as ReturnType<typeof createWriteStream>).end(resolve));
}

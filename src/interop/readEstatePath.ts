/**
 * Reads estate files from a path: one file, or a folder whose YAML, JSON and CSV files are
 * merged (sorted by path); or one raw network file (GraphML, SNDlib). Problems come back
 * located (file, line, column or row).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { VerbundError, type Problem } from '../model/errors.js';
import { kindFromName, type Kind } from '../model/kinds.js';
import type { EstateDocument, InitialMeta } from './estateDocument.js';
import type { CsvLocale } from './csvNumber.js';
import { decodeText } from './decodeText.js';
import { parseCsvText } from './parseCsvText.js';
import { parseEstateText, type Locator } from './parseEstateText.js';
import { readGraphml } from './readGraphml.js';
import { readSndlib } from './readSndlib.js';
import { append } from '../util/append.js';

/** Input formats an import understands. */
export type ImportFormat = 'yaml' | 'json' | 'csv' | 'graphml' | 'sndlib';

/** Options of reading. */
export interface ReadOptions {
  /** Force a format instead of taking it from the extension. */
  readonly format?: ImportFormat;
  /** Kind of CSV files (else taken from the file name). */
  readonly kind?: Kind;
  /** How CSV cells write numbers (default `auto`: refuse what is ambiguous). */
  readonly csvLocale?: CsvLocale;
}

/** Files read, with their locators, to place problems found later (by the timeline). */
export interface ReadResult {
  readonly doc: EstateDocument;
  /**
   * Problems of reading (syntax, structure, cells). The document holds what could be read,
   * so that validation can still list the problems of the rest in the same run.
   */
  readonly problems: Problem[];
  /**
   * Places problems at line and column. With `parsedOnly`, only in files whose positions
   * are already at hand (YAML, raw networks): locating in a JSON file parses it again with
   * the YAML parser, which a failed import may pay but a warning of a large import must not.
   */
  readonly locate: (problems: readonly Problem[], parsedOnly?: boolean) => Problem[];
  /** Things a raw network reader skipped on purpose (e.g. a self-loop): to show, not fatal. */
  readonly warnings?: readonly Problem[];
}

/** Reads `path`; every problem of every file comes back located, none is thrown. */
export function readEstatePath(path: string, opts: ReadOptions = {}): ReadResult {
  let files: string[];
  try {
    files = statSync(path).isDirectory() ? listFiles(path) : [path];
  } catch {
    throw new VerbundError('INVALID_INPUT', `${path}: no such file or folder`, [{ code: 'INVALID_INPUT', message: 'no such file or folder', file: path }]);
  }
  // A raw network is one file: GraphML by its extension, SNDlib only when asked for.
  const chosen = opts.format ?? (files.length === 1 && extname(path).toLowerCase() === '.graphml' ? 'graphml' : undefined);
  if (chosen === 'graphml' || chosen === 'sndlib') {
    if (files.length !== 1 || files[0] !== path) throw new VerbundError('USAGE', `${path}: --format ${chosen} reads one file, not a folder`);
    return readRawNetwork(path, chosen);
  }
  if (files.length === 0) throw new VerbundError('INVALID_INPUT', `${path}: no .yaml, .yml, .json or .csv files`);
  const doc: EstateDocument = { objects: [], plans: [], changesets: [] };
  const locators = new Map<string, Locator>();
  const parsedFiles = new Set<string>();
  const problems: Problem[] = [];
  let initial: InitialMeta | undefined;
  for (const file of files) {
    const shown = file;
    const format = chosen ?? formatOf(file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      problems.push({ code: 'INVALID_INPUT', message: `cannot read: ${(e as Error).message}`, file: shown });
      continue;
    }
    const decoded = decodeText(bytes, shown, format.toUpperCase());
    if ('problem' in decoded) {
      problems.push(decoded.problem);
      continue;
    }
    const text = decoded.text;
    if (format === 'csv') {
      const kind = opts.kind ?? kindFromName(basename(file, extname(file)));
      if (!kind) {
        problems.push({ code: 'INVALID_INPUT', message: 'cannot tell the kind of this CSV file: name it sites.csv, devices.csv, links.csv, usages.csv … or give --kind', file: shown });
        continue;
      }
      const r = parseCsvText(text, shown, kind, opts.csvLocale ?? 'auto');
      append(problems, r.problems);
      append(doc.objects, r.objects);
      continue;
    }
    const parsed = parseEstateText(text, shown, format);
    locators.set(shown, parsed.locate);
    if (format === 'yaml') parsedFiles.add(shown);
    append(problems, parsed.problems);
    append(doc.objects, parsed.doc.objects);
    append(doc.plans, parsed.doc.plans);
    append(doc.changesets, parsed.doc.changesets);
    if (parsed.doc.initial) {
      if (initial) problems.push({ code: 'INVALID_INPUT', message: `a second initial: section (the first is in ${initial.origin?.file})`, file: shown, path: ['initial'] });
      initial = parsed.doc.initial;
    }
  }
  const order = new Map(files.map((f, i) => [f, i]));
  const locate = (list: readonly Problem[], parsedOnly = false): Problem[] =>
    list
      .map((p) => {
        if (p.line !== undefined || !p.file || !p.path || (parsedOnly && !parsedFiles.has(p.file))) return p;
        const pos = locators.get(p.file)?.(p.path);
        return pos ? { ...p, ...pos } : p;
      })
      // Reading order: by file, then line or row; problems without a place first.
      .map((p, i) => ({ p, i }))
      .sort((a, b) => (order.get(a.p.file ?? '') ?? -1) - (order.get(b.p.file ?? '') ?? -1) || (a.p.line ?? a.p.row ?? 0) - (b.p.line ?? b.p.row ?? 0) || a.i - b.i)
      .map(({ p }) => p);
  return { doc: initial ? { ...doc, initial } : doc, problems: locate(problems), locate };
}

/** One GraphML or SNDlib file: sites and links as top-level objects, located by line. */
function readRawNetwork(file: string, format: 'graphml' | 'sndlib'): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return { doc: { objects: [], plans: [], changesets: [] }, problems: [{ code: 'INVALID_INPUT', message: `cannot read: ${(e as Error).message}`, file }], locate: (list) => [...list] };
  }
  const r = format === 'graphml' ? readGraphml(bytes, file) : readSndlib(bytes, file);
  const locate = (list: readonly Problem[]): Problem[] =>
    list.map((p) => {
      if (p.line !== undefined || p.file !== file || !p.path) return p;
      const pos = r.locate(p.path);
      return pos ? { ...p, ...pos } : p;
    });
  const byLine = (list: readonly Problem[]): Problem[] => [...list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { doc: r.doc, problems: byLine(r.problems), locate, warnings: byLine(r.warnings) };
}

function formatOf(file: string): 'yaml' | 'json' | 'csv' {
  const ext = extname(file).toLowerCase();
  return ext === '.json' ? 'json' : ext === '.csv' ? 'csv' : 'yaml';
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (/\.(ya?ml|json|csv)$/i.test(entry.name)) out.push(full);
  }
  return out;
}

/**
 * Parses the text of a YAML or JSON estate file. Both take a fast path — JSON.parse, and
 * js-yaml for YAML (10× faster than the position-keeping parser on the `state` preset, a
 * sixth of its memory) — and the `yaml` parser, which keeps source positions, runs only when
 * a problem must be located, or when the fast path cannot be trusted: a syntax error (whose
 * every position it reports) and anchors or aliases (whose expansion it bounds).
 */
import { load as loadYaml } from 'js-yaml';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import type { Problem } from '../model/errors.js';
import { MAX_NESTING } from '../model/nesting.js';
import { emptyDocument, type EstateDocument } from './estateDocument.js';
import { toEstateDocument } from './toEstateDocument.js';
import { yamlCoreSchema } from './yamlCoreSchema.js';

/** Finds line and column of a path inside one file. */
export type Locator = (path: readonly (string | number)[]) => { line: number; column: number } | undefined;

/** A parsed file: its document, its problems, and a locator for later problems. */
export interface ParsedText {
  readonly doc: EstateDocument;
  readonly problems: Problem[];
  readonly locate: Locator;
}

/** Parses `text` of `file` as YAML or JSON. */
export function parseEstateText(text: string, file: string, format: 'yaml' | 'json'): ParsedText {
  const binary = findBinary(text);
  if (binary !== undefined) {
    return { doc: emptyDocument(), problems: [{ code: 'INVALID_INPUT', message: `not a ${format.toUpperCase()} text file (binary data at character ${binary})`, file }], locate: () => undefined };
  }
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const message = (e as Error).message;
      const pos = /position (\d+)/.exec(message);
      // Node 20 does not always say where: the YAML parser (JSON is YAML) can.
      const yamlError = pos ? undefined : yamlLocator(text).document.errors[0]?.linePos?.[0];
      const where = pos ? lineColumn(text, Number(pos[1])) : yamlError ? { line: yamlError.line, column: yamlError.col } : {};
      const short = message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
      return { doc: emptyDocument(), problems: [{ code: 'INVALID_INPUT', message: `malformed JSON: ${short}`, file, ...where }], locate: () => undefined };
    }
    // JSON.parse keeps the last of two equal keys without a word: a statement of the file
    // would be lost. Counting keys is one pass; the YAML parser locates them only if needed.
    if (keysWritten(text) !== keysParsed(value)) {
      const duplicates = yamlLocator(text).document.errors.filter((e) => e.code === 'DUPLICATE_KEY');
      const keyAt = (e: YAMLError): string => /^"((?:[^"\\]|\\.)*)"/.exec(text.slice(e.pos[0]))?.[1] ?? '?';
      const problems = duplicates.map((e) => located(e, file, 'JSON', `key "${keyAt(e)}" is written twice in one object (only one value could be kept)`));
      return { doc: emptyDocument(), problems, locate: () => undefined };
    }
    const { doc, problems } = toEstateDocument(value, file);
    return { doc, problems, locate: lazyLocator(text) };
  }
  const fast = fastYaml(text, file);
  if (fast) return fast;
  const { document, locate } = yamlLocator(text);
  if (document.errors.length) {
    // The parser recurses per level: say what is wrong with the file, not with the parser.
    const problems = document.errors.map((err) => (/call stack/.test(err.message) ? { code: 'INVALID_INPUT' as const, message: `nested more than ${MAX_NESTING} levels deep`, file } : located(err, file, 'YAML', err.message.split('\n')[0]!)));
    return { doc: emptyDocument(), problems, locate };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    // Aliases that would expand beyond reason ("billion laughs"), or nesting past the stack.
    return { doc: emptyDocument(), problems: [{ code: 'INVALID_INPUT', message: e instanceof RangeError ? `nested more than ${MAX_NESTING} levels deep` : `malformed YAML: ${(e as Error).message}`, file }], locate };
  }
  const { doc, problems } = toEstateDocument(value, file);
  return { doc, problems, locate };
}

/** A parser error as a problem at its line and column. */
function located(err: YAMLError, file: string, format: 'JSON' | 'YAML', message: string): Problem {
  return { code: 'INVALID_INPUT', message: `malformed ${format}: ${message}`, file, ...(err.linePos && { line: err.linePos[0].line, column: err.linePos[0].col }) };
}

/**
 * How many keys the JSON text writes: the strings followed by a colon. The text is valid
 * JSON, so every quote outside a string opens one; jumping with indexOf is twice as fast
 * as a regular expression on a large estate.
 */
function keysWritten(text: string): number {
  let n = 0;
  let i = text.indexOf('"');
  while (i !== -1) {
    let j = text.indexOf('"', i + 1);
    // A quote after an odd number of backslashes is inside the string.
    for (let k = j - 1; ; k = j - 1) {
      while (text.charCodeAt(k) === 92) k--;
      if ((j - 1 - k) % 2 === 0) break;
      j = text.indexOf('"', j + 1);
    }
    let k = j + 1;
    for (let c = text.charCodeAt(k); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++k));
    if (text.charCodeAt(k) === 58) n++;
    i = text.indexOf('"', k);
  }
  return n;
}

/** How many keys the parsed objects hold. */
function keysParsed(value: unknown): number {
  let n = 0;
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else for (const k in v) (n++, stack.push((v as Record<string, unknown>)[k]));
  }
  return n;
}

/** YAML read by js-yaml (YAML 1.2 core schema, as the `yaml` parser's default); undefined to take the slow path. */
function fastYaml(text: string, file: string): ParsedText | undefined {
  // An anchor or alias anywhere (or what looks like one in a text): the slow path bounds aliases.
  if (/(?:^|[\s,[{:-])[&*][^\s,\]}]/m.test(text)) return undefined;
  let value: unknown;
  try {
    value = loadYaml(text, { schema: yamlCoreSchema, json: false });
  } catch (e) {
    if (e instanceof RangeError) return { doc: emptyDocument(), problems: [{ code: 'INVALID_INPUT', message: `nested more than ${MAX_NESTING} levels deep`, file }], locate: () => undefined };
    return undefined; // a syntax error: the slow path reports every one with its position
  }
  return { ...toEstateDocument(value, file), locate: lazyLocator(text) };
}

/**
 * A locator that parses with positions on its first use only. A section or an item of one
 * (`changesets[3]`, as a taken change-set id names it) is found by a scan of the lines when
 * the file is written in block style, so that refusing a big re-import costs no second parse.
 */
function lazyLocator(text: string): Locator {
  let locate: Locator | undefined;
  let lines: string[] | undefined;
  return (path) => (path.length <= 2 ? blockItemPosition((lines ??= text.split('\n')), path) : undefined) ?? (locate ??= yamlLocator(text).locate)(path);
}

/** Line and column of a top-level key, or of item `i` of its block list; undefined if the file is not laid out so. */
export function blockItemPosition(lines: readonly string[], path: readonly (string | number)[]): { line: number; column: number } | undefined {
  const [key, index] = path;
  if (typeof key !== 'string' || (index !== undefined && typeof index !== 'number')) return undefined;
  const start = lines.findIndex((l) => l.startsWith(`${key}:`));
  if (start < 0) return undefined;
  if (index === undefined) return { line: start + 1, column: 1 };
  if (lines[start]!.slice(key.length + 1).trim() !== '') return undefined; // a flow list: let the parser say
  let indent: number | undefined;
  let seen = -1;
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^\S/.test(l) && !l.startsWith('#') && !l.startsWith('-')) return undefined; // the next section
    const m = /^(\s*)- /.exec(l);
    if (!m) continue;
    indent ??= m[1]!.length;
    if (m[1]!.length !== indent) continue;
    if (++seen === index) return { line: i + 1, column: indent + 3 };
  }
  return undefined;
}

function yamlLocator(text: string): { document: Document; locate: Locator } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const locate: Locator = (path) => {
    // Walk as deep as the document goes: a missing field is reported at its object, a
    // present one at its key.
    for (let n = path.length; n >= 0; n--) {
      if (n > 0) {
        const parent = document.getIn(path.slice(0, n - 1), true);
        if (isMap(parent)) {
          const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path[n - 1]));
          if (pair && isNode(pair.key) && pair.key.range) {
            const pos = lineCounter.linePos(pair.key.range[0]);
            return { line: pos.line, column: pos.col };
          }
        }
      }
      const node = document.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const pos = lineCounter.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return undefined;
  };
  return { document, locate };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) (line++, (last = i));
  return { line, column: offset - last };
}

/** Index of the first NUL or replacement character (undecodable bytes) in the first 64 KiB. */
function findBinary(text: string): number | undefined {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  const i = head.search(/[\u0000\uFFFD]/);
  return i >= 0 ? i : undefined;
}

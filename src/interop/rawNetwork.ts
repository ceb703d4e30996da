/**
 * What the raw network readers (GraphML, SNDlib) share: their result, and a locator that
 * turns the origin of an object (`['node', 3]`, `['edge', 17]`) into its line in the file.
 */
import type { Problem } from '../model/errors.js';
import type { EstateDocument } from './estateDocument.js';
import type { Locator } from './parseEstateText.js';

/** A raw network read from one file. */
export interface RawNetworkRead {
  /** Sites (nodes) and links as create changes of the initial change set; no change sets. */
  readonly doc: EstateDocument;
  /** Errors: the import must not be written. */
  readonly problems: Problem[];
  /** Things skipped on purpose (a self-loop, an implausible coordinate): reported, not fatal. */
  readonly warnings: Problem[];
  /** Line and column of an origin path of this file (only its first two entries count). */
  readonly locate: Locator;
}

/** Remembers where each element of a file starts, by section and index (two numbers each: files can have millions). */
export class Places {
  private readonly sections = new Map<string, number[]>();

  /** Records the place of element `index` of `section`. */
  set(section: string, index: number, line: number, column = 1): void {
    let list = this.sections.get(section);
    if (!list) this.sections.set(section, (list = []));
    list[2 * index] = line;
    list[2 * index + 1] = column;
  }

  /** The locator over the recorded places. */
  readonly locate: Locator = (path) => {
    const list = path.length >= 2 && typeof path[1] === 'number' ? this.sections.get(String(path[0])) : undefined;
    const line = list?.[2 * (path[1] as number)];
    return line === undefined ? undefined : { line, column: list![2 * (path[1] as number) + 1]! };
  };
}

/** A problem of the input at a place. */
export function inputProblem(file: string, message: string, place?: { line?: number; column?: number }, id?: string): Problem {
  return {
    code: 'INVALID_INPUT',
    message,
    file,
    ...(place?.line !== undefined && { line: place.line }),
    ...(place?.column !== undefined && { column: place.column }),
    ...(id !== undefined && { id }),
  };
}

/** The result of a file that could not be read at all. */
export function unreadable(problem: Problem): RawNetworkRead {
  return { doc: { objects: [], plans: [], changesets: [] }, problems: [problem], warnings: [], locate: () => undefined };
}

/** Parses a decimal number (no hex, no empty string, no Infinity); undefined if it is not one. */
export function parseDecimal(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/** Rounds away binary noise from unit conversions (2.5e9 / 1e9 stays 2.5). */
export function tidy(v: number): number {
  return Number(v.toPrecision(12));
}

/** Cuts a display name to the 200 characters a name may have; white space runs become one space. */
export function displayName(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 200 ? `${t.slice(0, 199)}…` : t;
}

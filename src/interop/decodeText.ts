/**
 * The text of an input file: UTF-8 (a byte order mark is dropped). A file that is not UTF-8
 * is refused, named for what it most likely is — Latin-1/Windows-1252, as older Windows tools
 * save it — with the line of the first byte that is not UTF-8, or binary data.
 */
import { isUtf8 } from 'node:buffer';
import type { Problem } from '../model/errors.js';

/** Decodes a file's bytes; `problem` says why there is no text. */
export function decodeText(bytes: Buffer, file: string, format: string): { text: string } | { problem: Problem } {
  if (isUtf8(bytes)) {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return { text: bytes.toString('utf8', bom ? 3 : 0) };
  }
  // Binary data is said as such (and costs a look at the first 64 KiB, not a decode of it all).
  if (looksBinary(bytes)) return { problem: { code: 'INVALID_INPUT', message: `not a ${format} text file (binary data)`, file } };
  const { line, text } = firstBadLine(bytes);
  const sample = text.trim().slice(0, 60);
  return {
    problem: {
      code: 'INVALID_INPUT',
      message: `the file is not UTF-8 but looks like Latin-1 (ISO-8859-1/Windows-1252)${sample ? `, e.g. "${sample}"` : ''}; save it as UTF-8 (in Excel: "CSV UTF-8")`,
      file,
      line,
    },
  };
}

/** The number of the first line with a byte that is not UTF-8, and that line read as Latin-1. */
function firstBadLine(bytes: Buffer): { line: number; text: string } {
  const bad = findBadByte(bytes);
  let line = 1;
  let start = 0;
  // A newline byte is never part of a multi-byte sequence: count them in bytes.
  for (let i = bytes.indexOf(10); i >= 0 && i < bad; i = bytes.indexOf(10, i + 1)) {
    line++;
    start = i + 1;
  }
  const end = bytes.indexOf(10, start);
  return { line, text: bytes.toString('latin1', start, end < 0 ? bytes.length : end) };
}

/** Offset of the first byte ≥ 0x80 that does not start a well-formed UTF-8 sequence (lead byte and continuation bytes; overlong forms aside). */
function findBadByte(chunk: Uint8Array): number {
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i]!;
    if (b < 0x80) continue;
    const n = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 ? 1 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (((chunk[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += n;
  }
  return chunk.length;
}

/** A NUL, or more than 1 % control bytes (other than tab and line ends), in the first 64 KiB. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13) control++;
  }
  return control > n / 100;
}

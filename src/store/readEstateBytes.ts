/**
 * The baseline estate at an instant as bytes, read straight from a SQLite file: the stored
 * rows are JSON already, so they are copied side by side into one JSON array in shared
 * memory, never parsed and re-encoded. Runs in a worker thread of its own (see
 * readEstateOffThread.ts), so that the thread answering requests neither waits for the query
 * nor encodes the estate (docs/api.md, "Heavy analyses").
 */
import Database from 'better-sqlite3';
import type { TimeKey } from '../timeline/time.js';

/** What the change-set table looked like when the estate was read (the snapshot key's version). */
export interface ChangeSetVersion {
  readonly count: number;
  readonly maxSeq: number;
  readonly revisions: number;
}

/** The objects of an estate as one UTF-8 JSON array, in id order. */
export interface EstateBytes {
  /** `[o1,o2,…]`: every object alive at the instant. */
  readonly bytes: SharedArrayBuffer;
  /** Where object i ends in `bytes` (exclusive): object i spans `ends[i-1] + 1` (or 1) to `ends[i]`. */
  readonly ends: Int32Array;
  /** The change sets of the same read transaction, to tell whether the estate is the one asked about. */
  readonly changeSets: ChangeSetVersion;
}

/** Reads the baseline at `at` from a SQLite file (opened read-only, one read transaction). */
export function readEstateBytes(file: string, at: TimeKey): EstateBytes {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.transaction(() => {
      const v = db.prepare('select count(*) as count, coalesce(max(seq), 0) as maxSeq, coalesce(sum(revision), 0) as revisions from changeset').get() as ChangeSetVersion;
      // The same rows, in the same order, as versionRepository's readObjectsAt.
      const rows = db
        .prepare("select data from object_version where valid_to > ? and valid_from <= ? and op <> 'delete' order by object_id")
        .pluck()
        .all(at, at) as string[];
      return { ...pack(rows), changeSets: { count: Number(v.count), maxSeq: Number(v.maxSeq), revisions: Number(v.revisions) } };
    })();
  } finally {
    db.close();
  }
}

/** Copies JSON texts into one JSON array in shared memory. */
export function pack(texts: readonly string[]): Pick<EstateBytes, 'bytes' | 'ends'> {
  let total = 2 + Math.max(0, texts.length - 1);
  for (const t of texts) total += Buffer.byteLength(t, 'utf8');
  const bytes = new SharedArrayBuffer(total);
  const ends = new Int32Array(new SharedArrayBuffer(texts.length * 4));
  const buf = Buffer.from(bytes);
  buf[0] = 0x5b; // [
  let at = 1;
  texts.forEach((t, i) => {
    if (i > 0) buf[at++] = 0x2c; // ,
    at += buf.write(t, at, 'utf8');
    ends[i] = at;
  });
  buf[at] = 0x5d; // ]
  return { bytes, ends };
}

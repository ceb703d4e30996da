/**
 * The estate of a view at an instant, with its graph projection built on first need and the
 * results computed from it memoized: shared by every analysis of that estate version. The
 * API's main thread never needs the projection (the analyses run in worker threads), so it
 * never pays for building it.
 */
import type { Problem } from '../model/errors.js';
import { buildProjection, type Projection } from '../engine/projection.js';
import { buildServices, type ServiceModel } from '../engine/services.js';
import type { NetworkReport } from '../engine/networkReport.js';
import type { Survivability } from '../engine/survivability.js';
import type { SurvivabilityStructures } from '../engine/survivabilityStructures.js';
import type { EstateBytes } from '../store/readEstateBytes.js';
import { Estate, type StoredObject } from '../timeline/Estate.js';
import type { TimeKey } from '../timeline/time.js';

/**
 * Retired devices carry no traffic: the engine leaves them (and their links) out. Their
 * site keeps counting as a site with devices, so its users reach nothing through them.
 */
export const projectionOptions = { retired: 'exclude' } as const;

/** Builds the projection and services of an estate. */
export function project(estate: Estate): { projection: Projection; services: ServiceModel } {
  const projection = buildProjection(estate, projectionOptions);
  return { projection, services: buildServices(projection, estate) };
}

/** What all snapshots of one estate version share. */
interface Version {
  readonly key: string;
  readonly plan: string | null;
  /** Absent until the objects read as bytes are parsed (see {@link Snapshot.fromBytes}). */
  estate?: Estate;
  readonly problems: Problem[];
  built?: { projection: Projection; services: ServiceModel };
  encoded?: SharedArrayBuffer;
  /** The objects as read (bytes and where each ends), until parsed. */
  read?: Pick<EstateBytes, 'bytes' | 'ends'>;
  parsing?: Promise<void>;
  readonly memo: Memo;
}

/** Bytes of JSON parsed between two turns of the event loop (a few milliseconds of work). */
const SLICE_BYTES = 256 * 1024;

/** Results computed once per estate version. */
export interface Memo {
  survivability?: Survivability;
  /** The block-cut and bridge forests of the graph (nothing failed), shared by the questions about some services. */
  structures?: SurvivabilityStructures;
  network?: NetworkReport;
}

/** One estate version seen at one instant. */
export class Snapshot {
  private constructor(
    readonly at: TimeKey,
    private readonly version: Version,
  ) {}

  /**
   * A snapshot of an estate. `key` names the estate version (the same key means the same
   * objects): worker threads cache their copy of the estate under it.
   */
  static of(key: string, at: TimeKey, plan: string | null, estate: Estate, problems: Problem[]): Snapshot {
    return new Snapshot(at, { key, plan, estate, problems, memo: {} });
  }

  /**
   * A snapshot of an estate read as bytes (readEstateBytes): they are what the worker threads
   * get, as they are; the objects are parsed only when this thread needs them — by
   * {@link parsed} in slices that leave the event loop free between them.
   */
  static fromBytes(key: string, at: TimeKey, plan: string | null, read: Pick<EstateBytes, 'bytes' | 'ends'>, problems: Problem[]): Snapshot {
    return new Snapshot(at, { key, plan, problems, encoded: read.bytes, read, memo: {} });
  }

  /** The same estate version at another instant (an instant where it did not change). */
  withAt(at: TimeKey): Snapshot {
    return at === this.at ? this : new Snapshot(at, this.version);
  }

  get key(): string {
    return this.version.key;
  }
  get plan(): string | null {
    return this.version.plan;
  }
  /** The objects (parsed at once here if {@link parsed} has not finished: prefer awaiting that). */
  get estate(): Estate {
    const v = this.version;
    return (v.estate ??= decodeEstate(v.encoded!));
  }

  /**
   * Resolves once {@link estate} is ready, parsing the bytes of {@link fromBytes} a slice at
   * a time (256 KB each) with a turn of the event loop between slices, so that a
   * state-scale estate (~40 MB) never holds up the requests this thread answers.
   */
  parsed(): Promise<void> {
    const v = this.version;
    if (v.estate || !v.read) return Promise.resolve();
    return (v.parsing ??= parseInSlices(v.read).then((estate) => {
      v.estate ??= estate;
    }));
  }
  get problems(): Problem[] {
    return this.version.problems;
  }
  get projection(): Projection {
    return (this.version.built ??= project(this.estate)).projection;
  }
  get services(): ServiceModel {
    return (this.version.built ??= project(this.estate)).services;
  }
  /** Results computed once per estate version. */
  get memo(): Memo {
    return this.version.memo;
  }

  /**
   * The estate's objects as UTF-8 JSON in shared memory, encoded once per version: every
   * worker thread reads the same bytes (no copy per thread or per request).
   */
  encoded(): SharedArrayBuffer {
    if (!this.version.encoded) {
      const bytes = Buffer.from(JSON.stringify([...this.estate.values()]));
      const shared = new SharedArrayBuffer(bytes.length);
      new Uint8Array(shared).set(bytes);
      this.version.encoded = shared;
    }
    return this.version.encoded;
  }

  /** Rough bytes this snapshot holds in memory, for the cache's budget (measured in docs/api.md). */
  bytes(): number {
    // Objects in memory take about six times their JSON (measured on the state preset: 39 MB
    // of JSON, ~250 MB of objects); before encoding, ~1 KB an object.
    return this.version.encoded ? this.version.encoded.byteLength * 6 : this.estate.size * 1024;
  }
}

async function parseInSlices({ bytes, ends }: Pick<EstateBytes, 'bytes' | 'ends'>): Promise<Estate> {
  const buf = Buffer.from(bytes);
  const estate = new Estate();
  let start = 1; // after "["
  for (let i = 0; i < ends.length; ) {
    let j = i;
    while (j < ends.length && ends[j]! - start < SLICE_BYTES) j++;
    if (j === i) j++; // one object bigger than a slice
    const end = ends[j - 1]!;
    for (const o of JSON.parse(`[${buf.toString('utf8', start, end)}]`) as StoredObject[]) estate.set(o);
    start = end + 1; // past ","
    i = j;
    if (i < ends.length) await new Promise((resolve) => setImmediate(resolve));
  }
  return estate;
}

/** Decodes {@link Snapshot.encoded} back into an estate (in a worker thread). */
export function decodeEstate(encoded: SharedArrayBuffer): Estate {
  return new Estate(JSON.parse(Buffer.from(encoded).toString('utf8')) as StoredObject[]);
}

/**
 * The estate of a timeline being changed, at one position of it, read from the store only
 * where a change set looks: what the incremental write (replayDifference) applies change
 * sets to instead of the whole estate loaded into memory.
 *
 * Three layers: the stored timeline (each object's stored versions, read on first need, and
 * who may reference an object, from the reverse index), the objects whose state in the new
 * timeline differs from the stored one at the position (`delta`), and the writes of the
 * change set being applied (`scratch`). applyChangeSet is synchronous, the store is not: an
 * attempt that reads something not loaded yet notes it and goes on with a guess; the caller
 * loads what was missed and tries again, until an attempt misses nothing (loadMissed).
 */
import type { Kysely } from 'kysely';
import type { Kind } from '../model/kinds.js';
import { referencedIds } from '../model/references.js';
import { readReferrerCandidates } from '../store/objectRefRepository.js';
import type { Database } from '../store/schema.js';
import { readVersionHistories, type StoredVersion } from '../store/versionRepository.js';
import type { EstateAccess, StoredObject } from '../timeline/Estate.js';
import type { TimeKey } from '../timeline/time.js';

/** A point of the timeline: just before the change set with this instant and recording number. */
export interface Position {
  readonly key: TimeKey;
  readonly seq: number;
}

/** The key of who may reference a target: of one kind, or of any. */
function candidateKey(target: string, kind: Kind | undefined): string {
  return `${kind ?? ''}\u0000${target}`;
}

/** Who references what among some objects: a small reverse index over the upper layers. */
class Referrers {
  private readonly by = new Map<string, Set<string>>();

  add(id: string, o: StoredObject | null): void {
    if (o) for (const t of referencedIds(o)) (this.by.get(t) ?? this.by.set(t, new Set()).get(t)!).add(id);
  }

  remove(id: string, o: StoredObject | null): void {
    if (o) for (const t of referencedIds(o)) this.by.get(t)?.delete(id);
  }

  of(target: string): Iterable<string> {
    return this.by.get(target) ?? [];
  }
}

/** The estate of the new timeline at a position, over the store (see the file comment). */
export class StoreView implements EstateAccess {
  /** Where the view is: the change set about to be applied. */
  position: Position = { key: '', seq: 0 };
  private readonly histories = new Map<string, readonly StoredVersion[]>();
  private readonly candidates = new Map<string, ReadonlySet<string>>();
  private readonly delta = new Map<string, StoredObject | null>();
  private readonly deltaReferrers = new Referrers();
  private scratch = new Map<string, StoredObject | null>();
  private scratchReferrers = new Referrers();
  private readonly missedIds = new Set<string>();
  private readonly missedTargets = new Map<string, { readonly target: string; readonly kind: Kind | undefined }>();

  constructor(private readonly db: Kysely<Database>) {}

  /** The stored state of an object just before `at` (null: absent; undefined: not loaded). */
  stored(id: string, at: Position = this.position): StoredObject | null | undefined {
    const versions = this.histories.get(id);
    if (!versions) return undefined;
    let found: StoredObject | null = null;
    for (const v of versions) {
      if (v.validFrom < at.key || (v.validFrom === at.key && v.seq < at.seq)) found = v.object;
      else break;
    }
    return found;
  }

  /** The object in the new timeline here (null: absent; undefined: not loaded). */
  current(id: string): StoredObject | null | undefined {
    if (this.scratch.has(id)) return this.scratch.get(id)!;
    if (this.delta.has(id)) return this.delta.get(id)!;
    return this.stored(id);
  }

  get(id: string): StoredObject | undefined {
    const o = this.current(id);
    if (o === undefined) this.missedIds.add(id);
    return o ?? undefined;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  set(obj: StoredObject): void {
    this.write(obj.id, obj);
  }

  delete(id: string): void {
    this.write(id, null);
  }

  private write(id: string, o: StoredObject | null): void {
    if (this.scratch.has(id)) this.scratchReferrers.remove(id, this.scratch.get(id)!);
    this.scratch.set(id, o);
    this.scratchReferrers.add(id, o);
  }

  referrersOf(target: string, kind?: Kind): string[] {
    const candidates = this.candidates.get(candidateKey(target, kind));
    if (!candidates) {
      this.missedTargets.set(candidateKey(target, kind), { target, kind });
      return [];
    }
    const out = new Set<string>();
    for (const id of candidates) {
      if (this.scratch.has(id) || this.delta.has(id)) continue;
      const o = this.stored(id);
      if (o === undefined) this.missedIds.add(id);
      else if (o && referencedIds(o).includes(target)) out.add(id);
    }
    const ofKind = (id: string): boolean => kind === undefined || this.current(id)?.kind === kind;
    for (const id of this.deltaReferrers.of(target)) if (!this.scratch.has(id) && ofKind(id)) out.add(id);
    for (const id of this.scratchReferrers.of(target)) if (ofKind(id)) out.add(id);
    return [...out].sort();
  }

  /** Starts an attempt to apply a change set: no writes, nothing missed. */
  begin(): void {
    this.scratch = new Map();
    this.scratchReferrers = new Referrers();
    this.forget();
  }

  /** Starts an attempt to read (after a change set, before it is settled): nothing missed. */
  forget(): void {
    this.missedIds.clear();
    this.missedTargets.clear();
  }

  /** True if the attempt read something not loaded: its result is a guess, to be thrown away. */
  get missed(): boolean {
    return this.missedIds.size > 0 || this.missedTargets.size > 0;
  }

  /** Loads what the attempt missed. */
  async loadMissed(): Promise<void> {
    await this.load(this.missedIds, this.missedTargets.values());
  }

  /** Loads the stored versions of objects, and who may reference targets (of one kind, if given) with their versions. */
  async load(ids: Iterable<string>, targets: Iterable<{ readonly target: string; readonly kind?: Kind | undefined }> = []): Promise<void> {
    const wanted = new Set([...ids].filter((id) => !this.histories.has(id)));
    const byKind = new Map<Kind | undefined, string[]>();
    for (const { target, kind } of targets) if (!this.candidates.has(candidateKey(target, kind))) (byKind.get(kind) ?? byKind.set(kind, []).get(kind)!).push(target);
    for (const [kind, list] of byKind) {
      for (const [t, set] of await readReferrerCandidates(this.db, [...new Set(list)], kind)) {
        this.candidates.set(candidateKey(t, kind), set);
        for (const id of set) if (!this.histories.has(id)) wanted.add(id);
      }
    }
    if (wanted.size) for (const [id, versions] of await readVersionHistories(this.db, [...wanted])) this.histories.set(id, versions);
  }

  /** The writes of the last attempt, by object. */
  written(): ReadonlyMap<string, StoredObject | null> {
    return this.scratch;
  }

  /**
   * Ends a change set: its writes become the new timeline, and each object it or the stored
   * timeline touched (`ids`) is kept in `delta` only where it now differs from the stored
   * state after the change set (`after`).
   */
  settle(ids: Iterable<string>, after: Position): void {
    const now = new Map<string, StoredObject | null>();
    for (const id of ids) {
      const o = this.current(id);
      if (o === undefined) throw new Error(`internal: "${id}" settled without being read`);
      now.set(id, o);
    }
    this.scratch = new Map();
    this.scratchReferrers = new Referrers();
    for (const [id, o] of now) {
      if (this.delta.has(id)) this.deltaReferrers.remove(id, this.delta.get(id)!);
      this.delta.delete(id);
      const stored = this.stored(id, after);
      if (stored === undefined) throw new Error(`internal: "${id}" has no stored versions loaded`);
      if (JSON.stringify(o) === JSON.stringify(stored)) continue;
      this.delta.set(id, o);
      this.deltaReferrers.add(id, o);
    }
  }

  /** True if the new timeline equals the stored one here. */
  get same(): boolean {
    return this.delta.size === 0;
  }

  /**
   * What a stored change set must not touch to come out as it did: the objects that differ
   * here, and the objects one of them references in one timeline only (whose referrers
   * differ). An object referenced in both is left out: its referrers are the same ones, and
   * what a change set reads of a referrer beyond that (its kind, which field refers) cannot
   * differ either.
   */
  differing(): string[] {
    const out = new Set<string>();
    for (const [id, o] of this.delta) {
      out.add(id);
      const now = new Set(o ? referencedIds(o) : []);
      const stored = this.stored(id);
      const before = new Set(stored ? referencedIds(stored) : []);
      for (const t of now) if (!before.has(t)) out.add(t);
      for (const t of before) if (!now.has(t)) out.add(t);
    }
    return [...out];
  }
}

/**
 * The estate at one instant: every object by id, with a reverse index of references built
 * on demand (who points at X) for validation of deletions and link endpoints.
 */
import type { Kind } from '../model/kinds.js';
import type { EstateObject } from '../model/objectSchemas.js';
import { referencesOf } from '../model/references.js';

/** A stored object: validated fields plus kind and id. */
export type StoredObject = EstateObject & Record<string, unknown>;

/**
 * What applying a change set reads and writes of an estate (applyChangeSet): the whole
 * estate in memory ({@link Estate}), or a view that reads the store only where a change set
 * looks (the incremental write, service/StoreView).
 */
export interface EstateAccess {
  get(id: string): StoredObject | undefined;
  has(id: string): boolean;
  /** Puts (creates or replaces) an object. */
  set(obj: StoredObject): void;
  /** Removes an object. */
  delete(id: string): void;
  /** Ids of the objects (of one kind, if given) that reference `id` in any field, in id order. */
  referrersOf(id: string, kind?: Kind): string[];
}

/** A mutable map of objects with a lazily built reverse reference index. */
export class Estate implements EstateAccess {
  private readonly objects: Map<string, StoredObject>;
  private referrers: Map<string, Set<string>> | undefined;

  constructor(objects: Iterable<StoredObject> = []) {
    this.objects = new Map();
    for (const o of objects) this.objects.set(o.id, o);
  }

  /** Number of objects. */
  get size(): number {
    return this.objects.size;
  }

  get(id: string): StoredObject | undefined {
    return this.objects.get(id);
  }

  has(id: string): boolean {
    return this.objects.has(id);
  }

  /** Every object, in insertion order. */
  values(): IterableIterator<StoredObject> {
    return this.objects.values();
  }

  /** Objects of one kind. */
  *ofKind<K extends Kind>(kind: K): IterableIterator<Extract<StoredObject, { kind: K }>> {
    for (const o of this.objects.values()) if (o.kind === kind) yield o as Extract<StoredObject, { kind: K }>;
  }

  /** Puts (creates or replaces) an object. */
  set(obj: StoredObject): void {
    const old = this.objects.get(obj.id);
    if (this.referrers && old) this.unindex(old);
    this.objects.set(obj.id, obj);
    if (this.referrers) this.index(obj);
  }

  /** Removes an object. */
  delete(id: string): void {
    const old = this.objects.get(id);
    if (!old) return;
    if (this.referrers) this.unindex(old);
    this.objects.delete(id);
  }

  /**
   * Ids of the objects (of one kind, if given) that reference `id` in any field, in id
   * order: problems that name some of them (a site's first devices) read the same however
   * the estate was loaded.
   */
  referrersOf(id: string, kind?: Kind): string[] {
    if (!this.referrers) {
      this.referrers = new Map();
      for (const o of this.objects.values()) this.index(o);
    }
    const all = [...(this.referrers.get(id) ?? [])];
    return (kind === undefined ? all : all.filter((r) => this.objects.get(r)?.kind === kind)).sort();
  }

  /** A shallow copy (objects are immutable and shared). */
  clone(): Estate {
    return new Estate(this.objects.values());
  }

  private index(o: StoredObject): void {
    for (const r of referencesOf(o)) {
      let set = this.referrers!.get(r.target);
      if (!set) this.referrers!.set(r.target, (set = new Set()));
      set.add(o.id);
    }
  }

  private unindex(o: StoredObject): void {
    for (const r of referencesOf(o)) this.referrers!.get(r.target)?.delete(o.id);
  }
}

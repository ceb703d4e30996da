/**
 * Ids of objects derived from NetBox. An object a sync wrote before keeps its id (found by its
 * `source`), so a rename in NetBox is an update of `name`, never a new object (docs/design.md,
 * Ids). A new object gets a slug of its NetBox name, made unique against every id in the estate.
 */
import { slugify, UniqueIds } from '../slug.js';
import type { StoredObject } from '../../timeline/Estate.js';

/** Hands out ids by source. */
export class NetboxIds {
  private readonly bySource = new Map<string, string>();
  private readonly unique = new UniqueIds();
  private readonly given = new Map<string, string>();

  constructor(existing: Iterable<StoredObject>) {
    for (const o of existing) {
      this.unique.claim(o.id);
      if (typeof o.source === 'string') this.bySource.set(o.source, o.id);
    }
  }

  /** The id of the object with `source`: its stored id, or a new one from `wanted` (slugified). */
  idFor(source: string, wanted: string): string {
    const known = this.given.get(source) ?? this.bySource.get(source);
    if (known !== undefined) {
      this.given.set(source, known);
      return known;
    }
    const id = this.unique.claim(slugify(wanted));
    this.given.set(source, id);
    return id;
  }
}

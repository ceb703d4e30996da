/**
 * Synthetic German place names and the ids made from them. Names are invented from
 * syllables so that no generated estate can be mistaken for a real municipality's network.
 */
import type { Random } from '../util/Random.js';

const ID = /^[a-z0-9][a-z0-9._-]*$/;
const MAX_ID = 64;

/** Turns a German name into a slug: umlauts spelled out, everything else to `-`. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Every id handed out, so that ids stay globally unique (docs/design.md, "Ids") even across change sets:
 * an id that was deleted is never reused, because a later reader could confuse the two.
 */
export class IdRegistry {
  private readonly used = new Set<string>();

  /** Claims `id` exactly; throws if it is taken or not a valid slug (a generator bug). */
  claim(id: string): string {
    if (id.length > MAX_ID || !ID.test(id)) throw new Error(`generated an invalid id "${id}"`);
    if (this.used.has(id)) throw new Error(`generated a duplicate id "${id}"`);
    this.used.add(id);
    return id;
  }

  /** Claims `base`, or `base-2`, `base-3` … if taken; shortens the base to fit 64 characters. */
  unique(base: string): string {
    let stem = base.slice(0, MAX_ID).replace(/[-._]+$/, '');
    if (!this.used.has(stem)) return this.claim(stem);
    for (let n = 2; ; n++) {
      const suffix = `-${n}`;
      stem = base.slice(0, MAX_ID - suffix.length).replace(/[-._]+$/, '');
      if (!this.used.has(stem + suffix)) return this.claim(stem + suffix);
    }
  }

  has(id: string): boolean {
    return this.used.has(id);
  }
}

const firsts = [
  'Alten', 'Hohen', 'Linden', 'Ecker', 'Wester', 'Oster', 'Sonnen', 'Weiden', 'Eichen', 'Birken',
  'Hasel', 'Mühl', 'Wald', 'Stein', 'Rosen', 'Kirch', 'Wiesen', 'Fels', 'Lauter', 'Roth',
  'Schön', 'Dorn', 'Hirsch', 'Wolfs', 'Falken', 'Marien', 'Elsen', 'Hammer', 'Kalten', 'Breiten',
  'Langen', 'Bruch', 'Erlen', 'Buchen', 'Tannen', 'Heide', 'Moor', 'Sand', 'Kreuz', 'Brunn',
  'Ahl', 'Bever', 'Dören', 'Emmer', 'Hollen', 'Iller', 'Loh', 'Nette', 'Rinder', 'Salz',
];
const seconds = [
  'berg', 'hausen', 'feld', 'dorf', 'heim', 'kirchen', 'stein', 'brück', 'bach', 'burg',
  'hagen', 'rode', 'born', 'ingen', 'stadt', 'horst', 'beck', 'winkel', 'loh', 'au',
];
const prefixes = ['Bad ', 'Neu', 'Alt', 'Ober', 'Nieder', 'Groß', 'Klein'];
const suffixes = [' am Wald', ' an der Lauter', ' im Tal', '-Nord', '-Süd'];

/** Invents unique place names. */
export class PlaceNamer {
  private readonly taken = new Set<string>();

  constructor(private readonly rng: Random) {}

  /** A new name not handed out before. */
  next(): string {
    for (let attempt = 0; ; attempt++) {
      let name = this.rng.pick(firsts) + this.rng.pick(seconds);
      // Decorations only when the plain names run short or now and then, as in real life.
      if (attempt > 20 || this.rng.chance(0.12)) {
        const prefix = this.rng.pick(prefixes);
        name = prefix.endsWith(' ') ? prefix + name : prefix + name.toLowerCase();
      }
      if (attempt > 40 || this.rng.chance(0.04)) name += this.rng.pick(suffixes);
      if (!this.taken.has(name)) {
        this.taken.add(name);
        return name;
      }
    }
  }
}

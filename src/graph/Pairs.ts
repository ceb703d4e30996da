import { doubled } from './doubled.js';

/** A growable list of (a, b) integer pairs. */
export class Pairs {
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  length = 0;
  /** Appends the pair (x, y). */
  push(x: number, y: number): void {
    if (this.length === this.a.length) {
      this.a = doubled(this.a);
      this.b = doubled(this.b);
    }
    this.a[this.length] = x;
    this.b[this.length++] = y;
  }
}

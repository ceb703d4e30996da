/** A growable list of (a, b) integer pairs. */
export class Pairs {
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  length = 0;
  /** Appends the pair (x, y). */
  push(x: number, y: number): void {
    if (this.length === this.a.length) {
      const a = new Int32Array(this.length * 2);
      a.set(this.a);
      this.a = a;
      const b = new Int32Array(this.length * 2);
      b.set(this.b);
      this.b = b;
    }
    this.a[this.length] = x;
    this.b[this.length++] = y;
  }
}

/**
 * Seeded uniform sampling of case indices (xoshiro128**, its state filled by splitmix32), so a bootstrap with the
 * same seed gives the same interval on every machine. The state lives in locals while filling, which keeps the
 * millions of draws of a 10,000-case bootstrap cheap.
 */
export class SeededSampler {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let x = seed >>> 0;
    const splitmix = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
  }

  /** Fills `target` with independent uniform integers in [0, width). */
  fill(target: Uint32Array, width: number): void {
    let { a, b, c, d } = this;
    const scale = width / 4294967296;
    for (let i = 0; i < target.length; i++) {
      const x = Math.imul(b, 5);
      const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = (d << 11) | (d >>> 21);
      target[i] = Math.floor(result * scale);
    }
    Object.assign(this, { a, b, c, d });
  }
}

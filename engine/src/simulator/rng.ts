/** Deterministic PRNG (mulberry32): the same seed gives the same market, run after run. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * An independent stream for one part of the simulation (price path, one market's order flow…),
   * so adding draws to one part never shifts another's sequence.
   */
  static stream(seed: number, stream: number): Rng {
    let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35);
    h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
    return new Rng((h ^ (h >>> 15)) >>> 0);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Exponential draw with mean 1. */
  exp(): number {
    return -Math.log(Math.max(this.next(), 1e-12));
  }

  /**
   * An opaque positive integer id in [2^32, 2^53): as wide as BitMEX's arbitrary order-book ids need
   * to look, yet still exact as a JSON number in every JavaScript client.
   */
  opaqueId(): number {
    const high = 1 + this.int(0x1f_ffff); // 21 bits, never 0
    return high * 0x1_0000_0000 + this.int(0x1_0000_0000);
  }

  /** Poisson draw with mean `lambda` (Knuth; fine for the small means used here). */
  poisson(lambda: number): number {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k += 1;
      p *= this.next();
    }
    return k;
  }

  /** A UUID-shaped id (BitMEX's trdMatchID format) drawn from the stream. */
  uuid(): string {
    // Four 32-bit draws, one per 8 hex digits (cheap enough for millions of historical prints).
    const h = () =>
      Math.floor(this.next() * 4_294_967_296)
        .toString(16)
        .padStart(8, '0');
    const a = h();
    const b = h();
    const c = h();
    return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${h()}`;
  }
}

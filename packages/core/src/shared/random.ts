/**
 * Seeded pseudo-random numbers for the core: the same seed gives the same bootstrap intervals,
 * the same synthetic data and the same tie-breaks on every machine. Never Math.random() in core.
 */
export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** uniform integer in [0, n) */
  int(n: number): number;
  /** standard normal (Box–Muller) */
  normal(): number;
}

/** sfc32 seeded through splitmix32: fast, 128-bit state, good enough for resampling. */
export function createRng(seed: number): Rng {
  return new Sfc32(seed);
}

/**
 * A class, not closures per generator: every generator shares the same methods, so a hot loop
 * drawing from many of them (a bootstrap's one stream per benchmark) still gets next() inlined,
 * and its doubles are not boxed on the way out. The state lives in a typed array: as plain
 * variables, values above 2^30 were boxed as heap numbers on every step. Same arithmetic modulo
 * 2^32 as the closure version it replaced, so the same stream.
 */
class Sfc32 implements Rng {
  private readonly state: Int32Array;
  private spare: number | undefined;

  constructor(seed: number) {
    let s = seed >>> 0;
    const splitmix = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.state = Int32Array.of(splitmix(), splitmix(), splitmix(), splitmix());
    for (let i = 0; i < 12; i++) this.next32();
  }

  private next32(): number {
    const state = this.state;
    const a = state[0]!,
      b = state[1]!,
      c = state[2]!,
      d = state[3]!;
    const t = (a + b + d) | 0;
    state[3] = (d + 1) | 0;
    state[0] = b ^ (b >>> 9);
    state[1] = (c + (c << 3)) | 0;
    state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.next32() / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  normal(): number {
    if (this.spare !== undefined) {
      const v = this.spare;
      this.spare = undefined;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

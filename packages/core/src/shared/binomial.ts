import type { Rng } from '../shared/random.ts';

// log(k!) − [Stirling's approximation of log(k!)], exact for small k
const STIRLING_TAIL = [
  0.08106146679532726, 0.04134069595540929, 0.02767792568499834, 0.02079067210376509, 0.01664469118982119, 0.01387612882307075, 0.01189670994589177,
  0.01041126526197209, 0.009255462182712733, 0.008330563433362871,
];
function stirlingTail(k: number): number {
  if (k < 10) return STIRLING_TAIL[k];
  const k1 = 1 / (k + 1),
    k2 = k1 * k1;
  return (1 / 12 - (1 / 360 - (1 / 1260) * k2) * k2) * k1;
}

/** Inversion (sequential search from 0); expected cost O(n·p), used when n·p is small. */
function binomialInversion(rng: Rng, n: number, p: number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  for (;;) {
    let r = Math.pow(q, n);
    let u = rng.next();
    let x = 0;
    while (u > r) {
      u -= r;
      x++;
      if (x > n) break;
      r *= a / x - s;
    }
    if (x <= n) return x;
  }
}

/**
 * Hörmann's BTRS (transformed rejection with squeeze, 1993): O(1) expected time for n·p ≥ 10,
 * p ≤ ½. Accepts most draws on the cheap squeeze test.
 */
function binomialTransformedRejection(rng: Rng, n: number, p: number): number {
  const spq = Math.sqrt(n * p * (1 - p));
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  // The logarithms below serve only the full acceptance test, which most draws never reach, and
  // the multinomial chain calls this with a new n almost every time: they are computed on demand.
  let logsReady = false,
    atMode = 0,
    lpq = 0,
    m = 0;
  for (;;) {
    const u = rng.next() - 0.5;
    let v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    if (!logsReady) {
      logsReady = true;
      lpq = Math.log(p / (1 - p));
      m = Math.floor((n + 1) * p);
      atMode = logFactorial(m) + logFactorial(n - m);
    }
    v = Math.log((v * alpha) / (a / (us * us) + b));
    // accept if v ≤ log(pmf(k) / pmf(mode)); reading the table in place when it covers n keeps
    // the values in registers (a call returning a double boxes it)
    const table = logFactorialTable;
    const inTable = n < table.length;
    const atK = inTable ? table[k]! : logFactorial(k);
    const atNK = inTable ? table[n - k]! : logFactorial(n - k);
    if (v <= atMode - atK - atNK + (k - m) * lpq) return k;
  }
}

/** log(k!) by Stirling's series with its exact tail, less the constant ½·log(2π) (it cancels). */
function logFactorialSeries(k: number): number {
  return (k + 0.5) * Math.log(k + 1) - (k + 1) + stirlingTail(k);
}

/** Values below this are kept once computed (1 MB at most): bootstraps draw the same n's over and over. */
const TABLE_LIMIT = 1 << 17;
let logFactorialTable = new Float64Array(0);

/** logFactorialSeries, from a table that grows on demand (its entries are the series' own values). */
function logFactorial(k: number): number {
  if (k < logFactorialTable.length) return logFactorialTable[k]!;
  if (k >= TABLE_LIMIT) return logFactorialSeries(k);
  const grown = new Float64Array(Math.min(TABLE_LIMIT, Math.max(1024, 2 * k)));
  grown.set(logFactorialTable);
  for (let i = logFactorialTable.length; i < grown.length; i++) grown[i] = logFactorialSeries(i);
  logFactorialTable = grown;
  return grown[k]!;
}

/** One Binomial(n, p) draw, exact in distribution. */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  // p above ½ is drawn as n − Binomial(n, 1 − p); no recursion, so callers can inline this
  const flip = p > 0.5;
  const r = flip ? 1 - p : p;
  const x = n * r < 10 ? binomialInversion(rng, n, r) : binomialTransformedRejection(rng, n, r);
  return flip ? n - x : x;
}

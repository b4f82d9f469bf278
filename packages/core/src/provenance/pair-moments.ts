/**
 * Running sums over two tensors read in lockstep, block by block, so a tensor of any size is
 * compared in one pass with constant memory. Float64 sums keep a billion-element dot product exact
 * enough for cosines near 1.
 */
export interface PairMoments {
  n: number;
  sumA: number;
  sumB: number;
  sumAA: number;
  sumBB: number;
  sumAB: number;
  /** Σ (a − b)², kept directly: na + nb − 2·dot loses digits when a ≈ b */
  sumDD: number;
}

export interface PairSimilarity {
  /** a·b / (‖a‖‖b‖); null when either tensor is all zeros */
  cosine: number | null;
  /** cosine of the mean-centred tensors (Pearson r): tells norm weights near 1 apart */
  pearson: number | null;
  /** ‖a − b‖ / ‖b‖ with b the reference; null when the reference is all zeros */
  relativeL2: number | null;
}

export function emptyPairMoments(): PairMoments {
  return { n: 0, sumA: 0, sumB: 0, sumAA: 0, sumBB: 0, sumAB: 0, sumDD: 0 };
}

/** Adds a[0..length) and b[0..length) (candidate and reference) to the running sums, in place. */
export function addPairBlock(m: PairMoments, a: Float32Array, b: Float32Array, length = a.length): void {
  let sa = 0,
    sb = 0,
    saa = 0,
    sbb = 0,
    sab = 0,
    sdd = 0;
  for (let i = 0; i < length; i++) {
    const x = a[i]!,
      y = b[i]!;
    const d = x - y;
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
    sab += x * y;
    sdd += d * d;
  }
  m.n += length;
  m.sumA += sa;
  m.sumB += sb;
  m.sumAA += saa;
  m.sumBB += sbb;
  m.sumAB += sab;
  m.sumDD += sdd;
}

export function mergePairMoments(x: PairMoments, y: PairMoments): PairMoments {
  return {
    n: x.n + y.n,
    sumA: x.sumA + y.sumA,
    sumB: x.sumB + y.sumB,
    sumAA: x.sumAA + y.sumAA,
    sumBB: x.sumBB + y.sumBB,
    sumAB: x.sumAB + y.sumAB,
    sumDD: x.sumDD + y.sumDD,
  };
}

export function pairSimilarity(m: PairMoments): PairSimilarity {
  const normA = Math.sqrt(m.sumAA),
    normB = Math.sqrt(m.sumBB);
  const cosine = normA > 0 && normB > 0 ? clampUnit(m.sumAB / (normA * normB)) : null;
  let pearson: number | null = null;
  if (m.n > 1) {
    const varA = m.sumAA - (m.sumA * m.sumA) / m.n;
    const varB = m.sumBB - (m.sumB * m.sumB) / m.n;
    const cov = m.sumAB - (m.sumA * m.sumB) / m.n;
    // a variance at rounding level means a constant tensor, whose correlation is undefined
    const tiny = 1e-12;
    if (varA > tiny * m.sumAA && varB > tiny * m.sumBB) pearson = clampUnit(cov / Math.sqrt(varA * varB));
  }
  const relativeL2 = normB > 0 ? Math.sqrt(Math.max(0, m.sumDD)) / normB : null;
  return { cosine, pearson, relativeL2 };
}

function clampUnit(x: number): number {
  return Math.max(-1, Math.min(1, x));
}

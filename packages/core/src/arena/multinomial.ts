import type { Rng } from '../shared/random.ts';
import { binomial } from '../shared/binomial.ts';

/**
 * One Multinomial(n, weights/Σweights) draw by conditional binomials, cell by cell — cost
 * O(cells), independent of n, which is what makes 1.6 M-vote bootstrap rounds cheap.
 */
export function multinomial(rng: Rng, n: number, weights: ArrayLike<number>, into = new Float64Array(weights.length)): Float64Array {
  let mass = 0;
  for (let i = 0; i < weights.length; i++) mass += weights[i];
  let left = n;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (left === 0 || w <= 0) {
      into[i] = 0;
    } else {
      const x = i === weights.length - 1 || w >= mass ? left : binomial(rng, left, w / mass);
      into[i] = x;
      left -= x;
    }
    mass -= w;
  }
  return into;
}

import { BundleInputError, readFile, type BundleFiles } from './bundle-files.ts';
import { computationOf } from './computations.ts';
import { describeDifference, firstDifference, type Difference } from './first-difference.ts';
import type { ResultKind } from './manifest.ts';

export type ResultCheck =
  | { status: 'identical'; figures: number }
  | { status: 'differs'; difference: Difference; message: string }
  | { status: 'unreadable'; message: string; file?: string };

const countNumbers = (v: unknown): number =>
  typeof v === 'number'
    ? 1
    : Array.isArray(v)
      ? v.reduce((s: number, x) => s + countNumbers(x), 0)
      : v && typeof v === 'object'
        ? Object.values(v).reduce((s: number, x) => s + countNumbers(x), 0)
        : 0;

/**
 * Reruns the bundle's named computation on the bundle's own inputs and compares every figure with
 * result.json. Pure: the caller has checked hashes and signature and hands over the files' text.
 */
export function checkResult(kind: ResultKind, version: number, files: BundleFiles): ResultCheck {
  const computation = computationOf(kind, version);
  if (!computation) return { status: 'unreadable', message: `this Stagegate does not know ${kind} computation version ${version}` };
  let published: unknown;
  let recomputed: unknown;
  try {
    published = JSON.parse(readFile(files, 'result.json'));
    recomputed = computation.recompute(files);
  } catch (e) {
    if (e instanceof BundleInputError) return { status: 'unreadable', message: e.message, ...(e.file ? { file: e.file } : {}) };
    if (e instanceof SyntaxError) return { status: 'unreadable', message: `result.json: not valid JSON (${e.message})` };
    throw e;
  }
  const difference = firstDifference(published, recomputed);
  if (difference) return { status: 'differs', difference, message: describeDifference(difference) };
  return { status: 'identical', figures: countNumbers(published) };
}

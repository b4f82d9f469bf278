import { buildProvenanceReport, type MeasuredComparison } from '@stagegate/core/provenance/build-report';
import { compareFingerprints, FingerprintBuilder, type Fingerprint } from '@stagegate/core/provenance/fingerprint';
import { compileRules, validateMappingRules } from '@stagegate/core/provenance/name-mapping';
import { addPairBlock, emptyPairMoments, pairSimilarity } from '@stagegate/core/provenance/pair-moments';
import type { FingerprintEvidence, ProvenanceReport, TensorEvidence } from '@stagegate/core/provenance/report';
import { classifyTensor } from '@stagegate/core/provenance/tensor-kind';
import { elementCount, planTensorPairs, type PairingPlan, type TensorInfo } from '@stagegate/core/provenance/tensor-pairing';
import { defaultThresholds } from '@stagegate/core/provenance/thresholds';
import type { CompareOptions } from '../../src/provenance/compare-checkpoints.ts';
import { CompareInputError } from '../../src/provenance/compare-checkpoints.ts';
import { openCheckpoint, type Checkpoint } from '../../src/adapters/safetensors/checkpoint.ts';
import { decodableDtypes, decodeInto, dtypeSizes } from '../../src/adapters/safetensors/dtype.ts';
import { defaultChunkElements, forEachBlock, scratch, TensorCursor } from '../../src/adapters/safetensors/tensor-reader.ts';

/**
 * The comparison as it was before the scan workers (one thread, the candidate read again for each
 * reference), kept as the oracle the fast one must match figure for figure.
 */
export async function legacyCompareCheckpoints(opts: CompareOptions): Promise<ProvenanceReport> {
  if (!opts.references.length) throw new CompareInputError('at least one reference checkpoint is needed');
  const issues = validateMappingRules(opts.mappings ?? []);
  if (issues.length) throw new CompareInputError(issues.map((i) => i.message.en).join('; '));
  const rules = compileRules(opts.mappings ?? []);
  const thresholds = opts.thresholds ?? defaultThresholds;
  const chunk = opts.chunkElements ?? defaultChunkElements;
  const pairing = { rules, autoMap: opts.autoMap ?? true, comparableDtype: (d: string) => decodableDtypes.has(d) };

  const opened = new Map<string, Checkpoint>();
  const openOnce = async (p: string) => {
    const c = opened.get(p) ?? (await openCheckpoint(p));
    opened.set(p, c);
    return c;
  };
  try {
    const candidate = await openOnce(opts.candidate);
    const references = [];
    for (const r of opts.references) references.push(await openOnce(r));
    const baselinePaths = opts.baselines?.length ? opts.baselines : opts.references;
    const baselineSource = opts.baselines?.length ? 'baseline' : 'references';
    const baselineModels = [];
    for (const b of baselinePaths) baselineModels.push(await openOnce(b));

    const info = (c: Checkpoint): TensorInfo[] => c.tensors.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape }));
    const plans = references.map((r) => ({ ref: r, plan: planTensorPairs(info(candidate), info(r), pairing) }));
    const baselinePlans: Array<{ a: Checkpoint; b: Checkpoint; plan: PairingPlan }> = [];
    for (let i = 0; i < baselineModels.length; i++) {
      for (let j = i + 1; j < baselineModels.length; j++) {
        const a = baselineModels[i]!,
          b = baselineModels[j]!;
        baselinePlans.push({ a, b, plan: planTensorPairs(info(a), info(b), pairing) });
      }
    }

    const pairBytes = (a: Checkpoint, b: Checkpoint, plan: PairingPlan) =>
      plan.pairs.reduce(
        (s, p) => s + p.comparedElements * (dtypeSizes[a.byName.get(p.candidate.name)!.dtype]! + dtypeSizes[b.byName.get(p.reference.name)!.dtype]!),
        0,
      );
    const tensorBytes = (c: Checkpoint, names: string[]) => names.reduce((s, n) => s + c.byName.get(n)!.end - c.byName.get(n)!.start, 0);
    const unmatchedCandidateNames = new Set(plans.flatMap((p) => p.plan.unmatchedCandidate.map((t) => t.name)));
    const totalBytes =
      plans.reduce(
        (s, { ref, plan }) =>
          s +
          pairBytes(candidate, ref, plan) +
          tensorBytes(
            ref,
            plan.unmatchedReference.map((t) => t.name),
          ),
        0,
      ) +
      tensorBytes(candidate, [...unmatchedCandidateNames]) +
      baselinePlans.reduce((s, { a, b, plan }) => s + pairBytes(a, b, plan), 0);
    let doneBytes = 0;
    const progress = (phase: 'compare' | 'fingerprint' | 'baseline', detail: string, bytes: number) => {
      doneBytes += bytes;
      opts.onProgress?.({ phase, doneBytes, totalBytes, detail });
    };

    const measure = async (a: Checkpoint, b: Checkpoint, plan: PairingPlan, phase: 'compare' | 'fingerprint' | 'baseline') => {
      const evidence: TensorEvidence[] = [];
      for (const p of plan.pairs) {
        const ta = a.byName.get(p.candidate.name)!,
          tb = b.byName.get(p.reference.name)!;
        const m = await measurePair(ta, tb, p.comparedElements, chunk, (bytes) => progress(phase, p.candidate.name, bytes));
        const { kind, layer } = classifyTensor(p.candidate.name);
        evidence.push({
          candidateName: p.candidate.name,
          referenceName: p.reference.name,
          kind,
          layer,
          candidateShape: p.candidate.shape,
          referenceShape: p.reference.shape,
          match: p.match,
          comparedElements: p.comparedElements,
          ...pairSimilarity(m),
        });
      }
      return evidence;
    };

    const candidatePrints = new Map<string, Fingerprint>();
    const printOf = async (c: Checkpoint, name: string, cache?: Map<string, Fingerprint>) => {
      const hit = cache?.get(name);
      if (hit) return hit;
      const f = await fingerprintTensor(c, name, chunk, (bytes) => progress('fingerprint', name, bytes));
      cache?.set(name, f);
      return f;
    };

    const measured: MeasuredComparison[] = [];
    for (const { ref, plan } of plans) {
      opts.onProgress?.({ phase: 'compare', doneBytes, totalBytes, detail: `${candidate.label} ↔ ${ref.label}` });
      const tensors = await measure(candidate, ref, plan, 'compare');
      const refPrints = new Map<string, Fingerprint>();
      for (const t of plan.unmatchedReference) refPrints.set(t.name, await printOf(ref, t.name));
      const fingerprints: FingerprintEvidence[] = [];
      for (const t of plan.unmatchedCandidate) {
        const fp = await printOf(candidate, t.name, candidatePrints);
        const place = classifyTensor(t.name);
        let best: FingerprintEvidence = {
          candidateName: t.name,
          ...place,
          candidateShape: t.shape,
          referenceName: null,
          referenceShape: null,
          comparison: null,
        };
        for (const r of plan.unmatchedReference) {
          const rp = classifyTensor(r.name);
          if (rp.kind !== place.kind || rp.layer !== place.layer) continue;
          const cmp = compareFingerprints(fp, refPrints.get(r.name)!, thresholds.fingerprint);
          if (best.comparison === null || (cmp.quantileCorrelation ?? -2) > (best.comparison.quantileCorrelation ?? -2)) {
            best = { ...best, referenceName: r.name, referenceShape: r.shape, comparison: cmp };
          }
        }
        fingerprints.push(best);
      }
      measured.push({
        reference: summary(ref),
        tensors,
        fingerprints,
        unmatched: { candidate: plan.unmatchedCandidate.map((t) => t.name), reference: plan.unmatchedReference.map((t) => t.name) },
        shapeMismatches: plan.shapeMismatches.map((m) => ({
          candidateName: m.candidate.name,
          candidateShape: m.candidate.shape,
          referenceName: m.reference.name,
          referenceShape: m.reference.shape,
          reason: m.reason,
        })),
        skipped: plan.skipped,
      });
    }

    const baselinePairs = [];
    for (const { a, b, plan } of baselinePlans) {
      opts.onProgress?.({ phase: 'baseline', doneBytes, totalBytes, detail: `${a.label} ↔ ${b.label}` });
      baselinePairs.push({ a: a.label, b: b.label, tensors: await measure(a, b, plan, 'baseline') });
    }

    return buildProvenanceReport({
      candidate: summary(candidate),
      comparisons: measured,
      baseline: baselinePairs.length ? { source: baselineSource, pairs: baselinePairs } : null,
      thresholds,
      generatedAt: opts.generatedAt === undefined ? new Date().toISOString() : opts.generatedAt,
    });
  } finally {
    await Promise.all([...opened.values()].map((c) => c.close()));
  }
}

function summary(c: Checkpoint) {
  return { label: c.label, path: c.path, files: c.files.length, tensors: c.tensors.length, parameters: c.parameters, bytes: c.bytes };
}

/** Reads two tensors in lockstep, chunk by chunk, accumulating the pair sums. */
async function measurePair(a: Checkpoint['tensors'][number], b: Checkpoint['tensors'][number], elements: number, chunk: number, onBytes: (n: number) => void) {
  const m = emptyPairMoments();
  const ca = new TensorCursor(a, elements, chunk),
    cb = new TensorCursor(b, elements, chunk);
  const [sa, blockB] = scratch();
  for (;;) {
    const [xa, xb] = await Promise.all([ca.next(), cb.next()]);
    if (!xa || !xb) break;
    // decode B block-wise alongside A: both blocks are in cache when the sums run
    let offset = 0;
    forEachBlock(a.dtype, xa.raw, xa.count, sa, (blockA, n) => {
      decodeInto(b.dtype, xb.raw, offset, n, blockB);
      addPairBlock(m, blockA, blockB, n);
      offset += n;
    });
    onBytes(xa.count * ca.bytesPerElement + xb.count * cb.bytesPerElement);
  }
  return m;
}

async function fingerprintTensor(c: Checkpoint, name: string, chunk: number, onBytes: (n: number) => void): Promise<Fingerprint> {
  const t = c.byName.get(name)!;
  const n = elementCount(t.shape);
  const builder = new FingerprintBuilder(n);
  const cursor = new TensorCursor(t, n, chunk);
  const [s] = scratch();
  for (let x = await cursor.next(); x; x = await cursor.next()) {
    forEachBlock(t.dtype, x.raw, x.count, s, (block, k) => builder.add(block, k));
    onBytes(x.count * cursor.bytesPerElement);
  }
  return builder.finish();
}

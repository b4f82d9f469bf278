import { buildProvenanceReport, type MeasuredComparison } from '@stagegate/core/provenance/build-report';
import { compareFingerprints, FingerprintBuilder, type Fingerprint } from '@stagegate/core/provenance/fingerprint';
import { compileRules, validateMappingRules, type NameMappingRule } from '@stagegate/core/provenance/name-mapping';
import { pairSimilarity, type PairMoments } from '@stagegate/core/provenance/pair-moments';
import type { FingerprintEvidence, ProvenanceReport, TensorEvidence } from '@stagegate/core/provenance/report';
import { classifyTensor } from '@stagegate/core/provenance/tensor-kind';
import { elementCount, planTensorPairs, type PairingPlan, type TensorInfo } from '@stagegate/core/provenance/tensor-pairing';
import { defaultThresholds, type ProvenanceThresholds } from '@stagegate/core/provenance/thresholds';
import { openCheckpoint, type Checkpoint, type CheckpointTensor } from '../adapters/safetensors/checkpoint.ts';
import { decodableDtypes, dtypeSizes } from '../adapters/safetensors/dtype.ts';
import { ScanPool } from './scan-pool.ts';
import { defaultChunkElements, forEachBlock, scratch, TensorCursor } from '../adapters/safetensors/tensor-reader.ts';

export interface CompareProgress {
  phase: 'open' | 'compare' | 'fingerprint' | 'baseline';
  /** bytes read so far and in all, over every phase */
  doneBytes: number;
  totalBytes: number;
  /** the checkpoint pair or tensor being worked on */
  detail: string;
}

export interface CompareOptions {
  candidate: string;
  references: string[];
  /** models known to be unrelated, compared pairwise for the baseline; default: the references */
  baselines?: string[];
  mappings?: NameMappingRule[];
  /** pair leftovers by shape and position within the layer order (default true) */
  autoMap?: boolean;
  thresholds?: ProvenanceThresholds;
  onProgress?: (p: CompareProgress) => void;
  chunkElements?: number;
  /** scan worker threads (default: one per core) */
  threads?: number;
  /** the scan workers' nice value (Linux thread priority; default 0) */
  nice?: number;
  /** stamped on the report; default: now */
  generatedAt?: string | null;
}

/** Thrown for options that are wrong before any file is read (bad mapping rule, no reference). */
export class CompareInputError extends Error {}

/**
 * Compares a candidate checkpoint with each reference and builds the report (verdicts from the
 * core). Each candidate tensor is read once and compared with its counterpart in every reference
 * in the same pass, on worker threads across tensors. Memory: a few read buffers per worker, not
 * the models.
 */
export async function compareCheckpoints(opts: CompareOptions): Promise<ProvenanceReport> {
  if (!opts.references.length) throw new CompareInputError('at least one reference checkpoint is needed');
  const issues = validateMappingRules(opts.mappings ?? []);
  if (issues.length) throw new CompareInputError(issues.map((i) => i.message.en).join('; '));
  const rules = compileRules(opts.mappings ?? []);
  const thresholds = opts.thresholds ?? defaultThresholds;
  const chunk = opts.chunkElements ?? defaultChunkElements;
  const pairing = { rules, autoMap: opts.autoMap ?? true, comparableDtype: (d: string) => decodableDtypes.has(d) };

  const opened = new Map<string, Checkpoint>();
  // the workers boot while the headers are read
  const pool = new ScanPool(chunk, { threads: opts.threads, nice: opts.nice }).warm();
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

    // a tensor and its counterparts in every model compared with it, read in one pass, in file
    // order so that reads stay near each other on disk
    type Group = { primary: CheckpointTensor; partners: Array<{ tensor: CheckpointTensor; count: number; slot: Slot }> };
    type Slot = { moments: PairMoments | null };
    const groupPairs = (sides: Array<{ a: Checkpoint; b: Checkpoint; plan: PairingPlan }>) => {
      const groups = new Map<CheckpointTensor, Group>();
      const slots = sides.map(({ a, b, plan }) =>
        plan.pairs.map((pair) => {
          const primary = a.byName.get(pair.candidate.name)!;
          const group = groups.get(primary) ?? { primary, partners: [] };
          groups.set(primary, group);
          const slot: Slot = { moments: null };
          group.partners.push({ tensor: b.byName.get(pair.reference.name)!, count: pair.comparedElements, slot });
          return slot;
        }),
      );
      const inFileOrder = [...groups.values()].sort((x, y) => x.primary.file.path.localeCompare(y.primary.file.path) || x.primary.start - y.primary.start);
      return { groups: inFileOrder, slots };
    };
    const groupBytes = (g: Group) =>
      Math.max(0, ...g.partners.map((p) => p.count)) * dtypeSizes[g.primary.dtype]! + g.partners.reduce((s, p) => s + p.count * dtypeSizes[p.tensor.dtype]!, 0);
    const tensorBytes = (c: Checkpoint, names: string[]) => names.reduce((s, n) => s + c.byName.get(n)!.end - c.byName.get(n)!.start, 0);
    const compared = groupPairs(plans.map(({ ref, plan }) => ({ a: candidate, b: ref, plan })));
    const baselined = groupPairs(baselinePlans);
    const unmatchedCandidateNames = new Set(plans.flatMap((p) => p.plan.unmatchedCandidate.map((t) => t.name)));
    const totalBytes =
      [...compared.groups, ...baselined.groups].reduce((s, g) => s + groupBytes(g), 0) +
      plans.reduce(
        (s, { ref, plan }) =>
          s +
          tensorBytes(
            ref,
            plan.unmatchedReference.map((t) => t.name),
          ),
        0,
      ) +
      tensorBytes(candidate, [...unmatchedCandidateNames]);
    let doneBytes = 0;
    const progress = (phase: CompareProgress['phase'], detail: string, bytes: number) => {
      doneBytes += bytes;
      opts.onProgress?.({ phase, doneBytes, totalBytes, detail });
    };

    const scanAll = async (groups: Group[], phase: CompareProgress['phase']) => {
      // the first failure stops the rest
      const moments = await pool.scanAll(
        groups.map((g) => ({ primary: g.primary, partners: g.partners, onBytes: (bytes: number) => progress(phase, g.primary.name, bytes) })),
      );
      groups.forEach((g, i) => g.partners.forEach((p, k) => (p.slot.moments = moments[i]![k]!)));
    };
    const evidenceOf = (plan: PairingPlan, slots: Slot[]): TensorEvidence[] =>
      plan.pairs.map((p, i) => {
        const { kind, layer } = classifyTensor(p.candidate.name);
        return {
          candidateName: p.candidate.name,
          referenceName: p.reference.name,
          kind,
          layer,
          candidateShape: p.candidate.shape,
          referenceShape: p.reference.shape,
          match: p.match,
          comparedElements: p.comparedElements,
          ...pairSimilarity(slots[i]!.moments!),
        };
      });

    opts.onProgress?.({ phase: 'compare', doneBytes, totalBytes, detail: `${candidate.label} ↔ ${references.map((r) => r.label).join(', ')}` });
    await scanAll(compared.groups, 'compare');

    const candidatePrints = new Map<string, Fingerprint>();
    const printOf = async (c: Checkpoint, name: string, cache?: Map<string, Fingerprint>) => {
      const hit = cache?.get(name);
      if (hit) return hit;
      const f = await fingerprintTensor(c, name, chunk, (bytes) => progress('fingerprint', name, bytes));
      cache?.set(name, f);
      return f;
    };

    const measured: MeasuredComparison[] = [];
    for (const [r, { ref, plan }] of plans.entries()) {
      const tensors = evidenceOf(plan, compared.slots[r]!);
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

    if (baselinePlans.length) {
      opts.onProgress?.({ phase: 'baseline', doneBytes, totalBytes, detail: baselinePlans.map(({ a, b }) => `${a.label} ↔ ${b.label}`).join(', ') });
    }
    await scanAll(baselined.groups, 'baseline');
    const baselinePairs = baselinePlans.map(({ a, b, plan }, i) => ({ a: a.label, b: b.label, tensors: evidenceOf(plan, baselined.slots[i]!) }));

    return buildProvenanceReport({
      candidate: summary(candidate),
      comparisons: measured,
      baseline: baselinePairs.length ? { source: baselineSource, pairs: baselinePairs } : null,
      thresholds,
      generatedAt: opts.generatedAt === undefined ? new Date().toISOString() : opts.generatedAt,
    });
  } finally {
    // workers read through the files' descriptors: stop them before closing
    await pool.close();
    await Promise.all([...opened.values()].map((c) => c.close()));
  }
}

function summary(c: Checkpoint) {
  return { label: c.label, path: c.path, files: c.files.length, tensors: c.tensors.length, parameters: c.parameters, bytes: c.bytes };
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

import { kindLabels } from '@stagegate/core/provenance/tensor-kind';
import { verdictLabels, type ProvenanceReport } from '@stagegate/core/provenance/report';

/** The CLI's plain summary: one block per reference, one line per component. */
export function renderReportText(r: ProvenanceReport, lang: 'ko' | 'en' = 'en'): string {
  const lines = [`${r.summary[lang]}`, `${r.baselineNote[lang]}`, ''];
  for (const c of r.comparisons) {
    lines.push(`${c.reference.label}: ${verdictLabels[c.verdict][lang]} — ${c.reason[lang]}`);
    for (const x of c.components) {
      const cos = x.medianCosine === null ? '     –' : x.medianCosine.toFixed(4).padStart(7);
      lines.push(`  ${kindLabels[x.kind][lang].padEnd(20)} ${verdictLabels[x.verdict][lang].padEnd(14)} cos ${cos}  ${x.reason[lang]}`);
    }
    lines.push(
      `  ${c.tensors.length} tensor pairs (${c.pairing.byName} by name, ${c.pairing.byShapeAndOrder} by shape and order` +
        `${c.pairing.rowPrefix ? `; ${c.pairing.rowPrefix} on the shared rows of a grown vocabulary` : ''}), ` +
        `${c.fingerprints.length} fingerprinted, ${c.unmatched.reference.length} reference tensors unmatched, ${c.skipped.length} skipped`,
    );
    for (const m of c.shapeMismatches) {
      const why = m.reason === 'head' ? 'a task head with another number of outputs' : 'different shapes';
      lines.push(`  not compared: ${m.candidateName} ${m.candidateShape.join('×')} ↔ ${m.referenceName} ${m.referenceShape.join('×')} (${why})`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

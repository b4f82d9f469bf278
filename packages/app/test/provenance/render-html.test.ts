import { describe, expect, it } from 'vitest';
import { buildProvenanceReport } from '@stagegate/core/provenance/build-report';
import { defaultThresholds } from '@stagegate/core/provenance/thresholds';
import { renderReportHtml } from '../../src/provenance/render-html.ts';

const summary = (label: string) => ({ label, path: `/models/${label}`, files: 1, tensors: 3, parameters: 100, bytes: 200 });
const report = buildProvenanceReport({
  candidate: summary('cand<script>'),
  comparisons: [
    {
      reference: summary('ref'),
      tensors: [0, 1, 2].map((layer) => ({
        candidateName: `model.layers.${layer}.self_attn.q_proj.weight`,
        referenceName: `model.layers.${layer}.self_attn.q_proj.weight`,
        kind: 'attention' as const,
        layer,
        candidateShape: [8, 8],
        referenceShape: [8, 8],
        match: 'name' as const,
        comparedElements: 64,
        cosine: 0.2 + 0.3 * layer,
        pearson: 0.2 + 0.3 * layer,
        relativeL2: 1,
      })),
      fingerprints: [],
      unmatched: { candidate: [], reference: [] },
      shapeMismatches: [],
      skipped: [],
    },
  ],
  baseline: null,
  thresholds: defaultThresholds,
  generatedAt: '2026-01-15T00:00:00.000Z',
});

describe('renderReportHtml', () => {
  it('draws one plot point per layer and escapes names', () => {
    const html = renderReportHtml(report, 'en');
    expect(html.match(/<circle /g)).toHaveLength(3);
    expect(html).toContain('Attention 2: 0.8000');
    expect(html).toContain('cand&lt;script&gt;');
    expect(html).not.toContain('cand<script>');
    expect(html).not.toContain('lang="ko"');
  });

  it('holds both languages behind a switch when no language is asked for', () => {
    const html = renderReportHtml(report);
    expect(html).toContain('<section class="ko" lang="ko">');
    expect(html).toContain('<section class="en" lang="en">');
    expect(html).toContain('판정 기준');
    expect(html).toContain('Thresholds');
    expect(html).toContain('id="lang-en"');
  });
});

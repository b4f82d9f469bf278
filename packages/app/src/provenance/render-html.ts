import type { LocalizedText } from '@stagegate/core/shared/localized';
import { kindLabels, type TensorKind } from '@stagegate/core/provenance/tensor-kind';
import { verdictLabels, type LayerProfile, type ProvenanceReport, type ProvenanceVerdict, type ReferenceComparison } from '@stagegate/core/provenance/report';

type Lang = 'ko' | 'en';

const words = {
  title: { ko: '가중치 독창성 근거 보고서', en: 'Weight originality evidence report' },
  candidate: { ko: '후보 체크포인트', en: 'Candidate checkpoint' },
  references: { ko: '참조 체크포인트', en: 'Reference checkpoints' },
  overall: { ko: '종합 판정', en: 'Overall verdict' },
  thresholds: { ko: '판정 기준', en: 'Thresholds' },
  baseline: { ko: '기준선(무관한 모델 간)', en: 'Baseline (between unrelated models)' },
  component: { ko: '구성요소', en: 'Component' },
  verdict: { ko: '판정', en: 'Verdict' },
  medianCosine: { ko: '코사인 중앙값', en: 'Median cosine' },
  maxCosine: { ko: '최대 코사인', en: 'Max cosine' },
  baselineCol: { ko: '기준선', en: 'Baseline' },
  tensors: { ko: '텐서 수', en: 'Tensors' },
  sharedShare: { ko: '≥ 임계값 비율', en: 'Share ≥ threshold' },
  reason: { ko: '근거', en: 'Reason' },
  plot: { ko: '층별 코사인 유사도 (점선: 기준선, 회색: 공유 임계값)', en: 'Cosine similarity by layer (dashed: baseline, grey: shared threshold)' },
  evidence: { ko: '텐서별 근거', en: 'Evidence per tensor' },
  fingerprints: { ko: '모양이 다른 텐서의 분포 지문', en: 'Distribution fingerprints of tensors without a same-shaped counterpart' },
  unmatched: { ko: '짝이 없는 텐서', en: 'Unmatched tensors' },
  skipped: { ko: '비교하지 않은 텐서(가중치 dtype 아님)', en: 'Tensors not compared (not a weight dtype)' },
  tensorC: { ko: '후보 텐서', en: 'Candidate tensor' },
  tensorR: { ko: '참조 텐서', en: 'Reference tensor' },
  kind: { ko: '종류', en: 'Kind' },
  layer: { ko: '층', en: 'Layer' },
  shape: { ko: '모양', en: 'Shape' },
  match: { ko: '짝짓기', en: 'Matched by' },
  quantileCorr: { ko: '분위수 상관', en: 'Quantile corr.' },
  stdRatio: { ko: '표준편차 비', en: 'Std ratio' },
  same: { ko: '같은 분포', en: 'Same distribution' },
  yes: { ko: '예', en: 'yes' },
  no: { ko: '아니오', en: 'no' },
  none: { ko: '없음', en: 'none' },
  files: { ko: '파일', en: 'files' },
  params: { ko: '파라미터', en: 'parameters' },
  generated: { ko: '생성 시각', en: 'Generated' },
  pairing: { ko: '짝을 찾은 방법', en: 'How pairs were found' },
  byName: { ko: '이름으로', en: 'by name' },
  byOrder: { ko: '모양과 층 순서로', en: 'by shape and order' },
  rowPrefix: { ko: '그중 어휘가 늘어난 임베딩(공유 행만 비교)', en: 'of which grown vocabularies (shared rows compared)' },
  mismatches: { ko: '이름은 맞지만 모양이 달라 비교하지 않은 텐서', en: 'Counterparts by name with different shapes, not compared' },
  headReason: { ko: '클래스 수가 다른 분류 헤드', en: 'a task head with another number of classes' },
  shapeReason: { ko: '모양이 다름', en: 'different shapes' },
} satisfies Record<string, LocalizedText>;

const colors: Record<TensorKind, string> = {
  embedding: '#1f77b4',
  attention: '#d62728',
  mlp: '#2ca02c',
  norm: '#9467bd',
  vision_encoder: '#ff7f0e',
  audio_encoder: '#8c564b',
  other: '#7f7f7f',
};
const verdictColors: Record<ProvenanceVerdict, string> = { likely_shared: '#b00020', inconclusive: '#8a6d00', independent: '#1b6e20' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
const num = (x: number | null | undefined, digits = 4) => (x === null || x === undefined ? '–' : x.toFixed(digits));
const badge = (v: ProvenanceVerdict, lang: Lang) => `<span class="badge" style="background:${verdictColors[v]}">${escapeHtml(verdictLabels[v][lang])}</span>`;

/**
 * A self-contained HTML report (no scripts or assets from elsewhere): both languages with a
 * switch when `lang` is not given, otherwise only that one.
 */
export function renderReportHtml(report: ProvenanceReport, lang?: Lang): string {
  const langs: Lang[] = lang ? [lang] : ['ko', 'en'];
  const toggle = lang
    ? ''
    : `<input type="radio" name="lang" id="lang-ko" checked><label for="lang-ko">한국어</label>
<input type="radio" name="lang" id="lang-en"><label for="lang-en">English</label>`;
  return `<!doctype html>
<html lang="${lang ?? 'ko'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(words.title[lang ?? 'ko'])} — ${escapeHtml(report.candidate.label)}</title>
<style>
body { font-family: system-ui, "Noto Sans KR", sans-serif; margin: 2rem; color: #222; max-width: 1100px; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; font-size: .85rem; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.badge { color: #fff; padding: .1rem .5rem; border-radius: .3rem; font-weight: 600; white-space: nowrap; }
details { margin: .5rem 0 1rem; }
code { font-size: .8rem; }
input[name=lang] { margin-left: 1rem; }
#lang-ko:checked ~ section.en, #lang-en:checked ~ section.ko { display: none; }
</style>
</head>
<body>
${toggle}
${langs.map((l) => section(report, l)).join('\n')}
</body>
</html>
`;
}

function section(r: ProvenanceReport, l: Lang): string {
  const t = (k: keyof typeof words) => escapeHtml(words[k][l]);
  const ckpt = (c: ProvenanceReport['candidate']) =>
    `<code>${escapeHtml(c.path)}</code> (${c.files} ${t('files')}, ${c.tensors} ${t('tensors')}, ${c.parameters.toLocaleString('en-US')} ${t('params')})`;
  const baseline = r.baseline
    ? `<table><tr><th>${t('kind')}</th><th>${t('medianCosine')}</th><th>${t('maxCosine')}</th><th>${t('tensors')}</th></tr>
${r.baseline.kinds.map((k) => `<tr><td>${escapeHtml(kindLabels[k.kind][l])}</td><td class="n">${num(k.medianCosine)}</td><td class="n">${num(k.maxCosine)}</td><td class="n">${k.tensors}</td></tr>`).join('\n')}</table>`
    : '';
  return `<section class="${l}" lang="${l}">
<h1>${t('title')}</h1>
<p>${t('overall')}: ${badge(r.verdict, l)} — ${escapeHtml(r.summary[l])}</p>
${r.generatedAt ? `<p>${t('generated')}: ${escapeHtml(r.generatedAt)}</p>` : ''}
<p>${t('candidate')}: ${ckpt(r.candidate)}</p>
<p>${t('references')}:</p><ul>${r.references.map((c) => `<li>${ckpt(c)}</li>`).join('')}</ul>
<h2>${t('thresholds')}</h2>
<ul>${r.thresholdText.map((x) => `<li>${escapeHtml(x[l])}</li>`).join('')}</ul>
<h2>${t('baseline')}</h2>
<p>${escapeHtml(r.baselineNote[l])}</p>
${baseline}
${r.comparisons.map((c) => comparison(c, l)).join('\n')}
</section>`;
}

function comparison(c: ReferenceComparison, l: Lang): string {
  const t = (k: keyof typeof words) => escapeHtml(words[k][l]);
  const rows = c.components
    .map(
      (x) => `<tr><td>${escapeHtml(kindLabels[x.kind][l])}</td><td>${badge(x.verdict, l)}</td><td class="n">${num(x.medianCosine)}</td>
<td class="n">${num(x.baselineCosine)}</td><td class="n">${x.decisiveTensors}/${x.tensorsCompared}</td><td class="n">${(x.sharedFraction * 100).toFixed(0)} %</td><td>${escapeHtml(x.reason[l])}</td></tr>`,
    )
    .join('\n');
  const evidence = c.tensors
    .map(
      (
        e,
      ) => `<tr><td><code>${escapeHtml(e.candidateName)}</code></td><td><code>${escapeHtml(e.referenceName)}</code></td><td>${escapeHtml(kindLabels[e.kind][l])}</td>
<td class="n">${e.layer ?? '–'}</td><td>${e.candidateShape.join('×')}</td><td>${e.match}</td><td class="n">${num(e.cosine)}</td><td class="n">${num(e.pearson)}</td><td class="n">${num(e.relativeL2)}</td></tr>`,
    )
    .join('\n');
  const prints = c.fingerprints
    .map(
      (
        f,
      ) => `<tr><td><code>${escapeHtml(f.candidateName)}</code> ${f.candidateShape.join('×')}</td><td>${f.referenceName ? `<code>${escapeHtml(f.referenceName)}</code> ${f.referenceShape!.join('×')}` : t('none')}</td>
<td class="n">${num(f.comparison?.quantileCorrelation)}</td><td class="n">${num(f.comparison?.stdRatio, 3)}</td><td>${f.comparison ? (f.comparison.sameDistribution ? t('yes') : t('no')) : '–'}</td></tr>`,
    )
    .join('\n');
  const list = (xs: string[]) => (xs.length ? xs.map((x) => `<code>${escapeHtml(x)}</code>`).join(', ') : t('none'));
  return `<h2>${escapeHtml(c.reference.label)}: ${badge(c.verdict, l)}</h2>
<p>${escapeHtml(c.reason[l])}</p>
<table><tr><th>${t('component')}</th><th>${t('verdict')}</th><th>${t('medianCosine')}</th><th>${t('baselineCol')}</th><th>${t('tensors')}</th><th>${t('sharedShare')}</th><th>${t('reason')}</th></tr>
${rows}</table>
<h3>${t('plot')}</h3>
${layerPlot(c.layers, l)}
<details><summary>${t('evidence')} (${c.tensors.length})</summary>
<table><tr><th>${t('tensorC')}</th><th>${t('tensorR')}</th><th>${t('kind')}</th><th>${t('layer')}</th><th>${t('shape')}</th><th>${t('match')}</th><th>cos</th><th>Pearson</th><th>rel. L2</th></tr>
${evidence}</table></details>
${c.fingerprints.length ? `<details><summary>${t('fingerprints')} (${c.fingerprints.length})</summary><table><tr><th>${t('tensorC')}</th><th>${t('tensorR')}</th><th>${t('quantileCorr')}</th><th>${t('stdRatio')}</th><th>${t('same')}</th></tr>${prints}</table></details>` : ''}
<p>${t('pairing')}: ${t('byName')} ${c.pairing.byName}, ${t('byOrder')} ${c.pairing.byShapeAndOrder}${c.pairing.rowPrefix ? ` (${t('rowPrefix')}: ${c.pairing.rowPrefix})` : ''}</p>
${c.shapeMismatches.length ? `<details open><summary>${t('mismatches')} (${c.shapeMismatches.length})</summary><ul>${c.shapeMismatches.map((m) => `<li><code>${escapeHtml(m.candidateName)}</code> ${m.candidateShape.join('×')} ↔ <code>${escapeHtml(m.referenceName)}</code> ${m.referenceShape.join('×')}: ${t(m.reason === 'head' ? 'headReason' : 'shapeReason')}</li>`).join('')}</ul></details>` : ''}
<details><summary>${t('unmatched')}</summary><p>${t('candidate')}: ${list(c.unmatched.candidate)}</p><p>${t('references')}: ${list(c.unmatched.reference)}</p></details>
${c.skipped.length ? `<details><summary>${t('skipped')}</summary><p>${list(c.skipped.map((s) => `${s.side}: ${s.name} (${s.dtype})`))}</p></details>` : ''}`;
}

/** Inline SVG line plot: cosine by layer, one line per kind, its baseline dashed. */
export function layerPlot(profiles: LayerProfile[], l: Lang, sharedCosine = 0.95): string {
  const w = 720,
    h = 280,
    left = 48,
    right = 180,
    top = 12,
    bottom = 32;
  const points = profiles.flatMap((p) => p.points);
  if (!points.length) return `<p>–</p>`;
  const minLayer = Math.min(...points.map((p) => p.layer)),
    maxLayer = Math.max(...points.map((p) => p.layer));
  const lows = [...points.map((p) => p.cosine), ...profiles.map((p) => p.baselineCosine ?? 1)];
  const yMin = Math.min(-0.2, Math.floor(Math.min(...lows) * 10) / 10),
    yMax = 1;
  const x = (layer: number) => left + (maxLayer === minLayer ? (w - left - right) / 2 : ((layer - minLayer) / (maxLayer - minLayer)) * (w - left - right));
  const y = (v: number) => top + ((yMax - v) / (yMax - yMin)) * (h - top - bottom);
  const ticks = [];
  for (let v = Math.ceil(yMin * 5) / 5; v <= yMax + 1e-9; v += 0.2) {
    ticks.push(
      `<line x1="${left}" x2="${w - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#eee"/><text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="11">${v.toFixed(1)}</text>`,
    );
  }
  const step = Math.max(1, Math.ceil((maxLayer - minLayer + 1) / 12));
  for (let layer = minLayer; layer <= maxLayer; layer += step) {
    ticks.push(`<text x="${x(layer).toFixed(1)}" y="${h - bottom + 16}" text-anchor="middle" font-size="11">${layer}</text>`);
  }
  const lines = profiles.map((p, i) => {
    const c = colors[p.kind];
    const path = p.points.map((pt) => `${x(pt.layer).toFixed(1)},${y(pt.cosine).toFixed(1)}`).join(' ');
    const dots = p.points
      .map(
        (pt) =>
          `<circle cx="${x(pt.layer).toFixed(1)}" cy="${y(pt.cosine).toFixed(1)}" r="2.5" fill="${c}"><title>${escapeHtml(kindLabels[p.kind][l])} ${pt.layer}: ${pt.cosine.toFixed(4)}</title></circle>`,
      )
      .join('');
    const base =
      p.baselineCosine === null
        ? ''
        : `<line x1="${left}" x2="${w - right}" y1="${y(p.baselineCosine).toFixed(1)}" y2="${y(p.baselineCosine).toFixed(1)}" stroke="${c}" stroke-dasharray="4 3" opacity=".7"/>`;
    const legend = `<rect x="${w - right + 12}" y="${top + i * 18}" width="12" height="3" fill="${c}"/><text x="${w - right + 30}" y="${top + i * 18 + 5}" font-size="12">${escapeHtml(kindLabels[p.kind][l])}</text>`;
    return `<polyline fill="none" stroke="${c}" stroke-width="1.6" points="${path}"/>${dots}${base}${legend}`;
  });
  const label = l === 'ko' ? '층' : 'layer';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img">
${ticks.join('')}
<line x1="${left}" x2="${w - right}" y1="${y(sharedCosine).toFixed(1)}" y2="${y(sharedCosine).toFixed(1)}" stroke="#999" stroke-dasharray="2 2"/>
<line x1="${left}" x2="${left}" y1="${top}" y2="${h - bottom}" stroke="#444"/>
<line x1="${left}" x2="${w - right}" y1="${h - bottom}" y2="${h - bottom}" stroke="#444"/>
${lines.join('\n')}
<text x="${(left + w - right) / 2}" y="${h - 2}" text-anchor="middle" font-size="11">${label}</text>
</svg>`;
}

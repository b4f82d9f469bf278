import type { LocalizedText } from '../shared/localized.ts';

/**
 * The component a tensor belongs to. Encoders come first because a copied vision or audio encoder
 * is a component of its own in the originality gate, whatever attention or MLP tensors it holds.
 */
export const tensorKinds = ['embedding', 'attention', 'mlp', 'norm', 'vision_encoder', 'audio_encoder', 'other'] as const;
export type TensorKind = (typeof tensorKinds)[number];

export interface TensorPlace {
  kind: TensorKind;
  /** the block index (first `.N.` segment of the name), null for tensors outside the layer stack */
  layer: number | null;
}

const rules: Array<[TensorKind, RegExp]> = [
  ['vision_encoder', /vision|visual|(^|[._])vit([._]|$)|image_encoder|img_encoder|siglip|patch_embed|mm_projector|multi_modal_projector/],
  ['audio_encoder', /audio|whisper|speech|acoustic/],
  ['norm', /norm|(^|[._])ln(_?\d+|_f|_post|_pre)?([._]|$)/],
  ['embedding', /embed|(^|[._])(wte|wpe|lm_head)([._]|$)|(^|\.)output\.weight$/],
  ['attention', /attn|attention|(^|[._])(q|k|v|o|qkv|wq|wk|wv|wo|query|key|value)(_proj)?([._]|$)/],
  ['mlp', /mlp|ffn|feed_forward|experts|(^|[._])(gate_proj|up_proj|down_proj|fc1|fc2|c_fc|w1|w2|w3|dense_h_to_4h|dense_4h_to_h)([._]|$)/],
];

export function classifyTensor(name: string): TensorPlace {
  const lower = name.toLowerCase();
  const kind = rules.find(([, re]) => re.test(lower))?.[0] ?? 'other';
  const m = /(?:^|\.)(\d+)(?:\.|$)/.exec(name);
  return { kind, layer: m ? Number(m[1]) : null };
}

export const kindLabels: Record<TensorKind, LocalizedText> = {
  embedding: { ko: '임베딩', en: 'Embeddings' },
  attention: { ko: '어텐션', en: 'Attention' },
  mlp: { ko: 'MLP(피드포워드)', en: 'MLP (feed-forward)' },
  norm: { ko: '정규화(Norm) 가중치', en: 'Norm weights' },
  vision_encoder: { ko: '비전 인코더', en: 'Vision encoder' },
  audio_encoder: { ko: '오디오 인코더', en: 'Audio encoder' },
  other: { ko: '기타', en: 'Other' },
};

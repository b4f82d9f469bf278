import kai from '../../../app/seed/programs/k-ai.json' with { type: 'json' };
import sfm from '../../../app/seed/programs/specialized-fm.json' with { type: 'json' };
import { programDefinition } from '../../src/program/definition.ts';

export const kaiScheme = programDefinition.parse(kai).stageEvaluation;
export const specializedScheme = programDefinition.parse(sfm).stageEvaluation;

export const passed = { passed: true, reason: { ko: '자체 설계·구축·초기화 확인', en: 'own design, data and initialisation confirmed' } };
export const failedOriginality = {
  passed: false,
  reason: { ko: '외부 비전·오디오 인코더 재사용', en: 'reused an external vision/audio encoder' },
};

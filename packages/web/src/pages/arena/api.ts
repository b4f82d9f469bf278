import type { LocalizedText } from '../../api/types';

export interface ArenaSummary {
  id: string;
  program: string;
  stage: string;
  kind: 'pairwise' | 'likert';
  name: LocalizedText;
  status: 'setup' | 'open' | 'closed';
  capPerEvaluator: number;
  likertCriteria: { key: string; name: LocalizedText }[];
  progress?: { voted: number; cap: number };
  componentKey?: string;
  fullPoints?: number;
  conversion?: { kind: string };
  bootstrapRounds?: number;
  seed?: number;
  revision?: number;
}

export interface ArenaDetail {
  arena: Required<Omit<ArenaSummary, 'progress'>>;
  prompts: number;
  coverage: { taskId: string; taskKey: string; taskName: LocalizedText; answers: number }[];
  evaluators: { id: string; email: string; name: string }[];
}

export interface BlindBattle {
  battleId: string;
  prompt: string;
  left: { answer: string };
  right: { answer: string };
}
export type NextBattle =
  | { status: 'battle'; battle: BlindBattle; progress: { voted: number; cap: number } }
  | { status: 'capReached' | 'closed' | 'noBattles'; progress: { voted: number; cap: number } };

export interface TeamRating {
  taskId: string;
  taskKey: string;
  taskName: LocalizedText;
  rating: number;
  ci: [number, number];
  rank: number;
  battles: number;
  points: number;
}
export interface LikertTeam {
  taskId: string;
  taskKey: string;
  taskName: LocalizedText;
  mean: number;
  byCriterion: Record<string, number>;
  responses: number;
  points: number;
}
export type ArenaResults =
  | { kind: 'pairwise'; votes: { counted: number; droppedOverCap: number }; bootstrap: { rounds: number; seed: number }; teams: TeamRating[] }
  | { kind: 'likert'; teams: LikertTeam[] };

export interface LikertForm {
  criteria: { key: string; name: LocalizedText }[];
  items: { item: number; samples: { prompt: string; answer: string }[]; scores: Record<string, number> }[];
}

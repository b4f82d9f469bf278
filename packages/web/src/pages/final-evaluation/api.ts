import type { ResponseOf } from '@stagegate/core/contract/route';
import { finalEvaluationsContract } from '@stagegate/core/contract/final-evaluations';

export { finalEvaluationsContract };
type C = typeof finalEvaluationsContract;

/** GET /api/v1/final-evaluations/:id, as the contract says (a team's scores are null until published) */
export type FinalEvaluationDetail = ResponseOf<C['get']>;
export type FinalEvaluationSummary = FinalEvaluationDetail['finalEvaluation'];
/** a negotiation thread: GET /api/v1/support-proposals/:id */
export type Negotiation = ResponseOf<C['proposal']>;
export type Offer = Negotiation['offers'][number];
export type AllocationRequest = NonNullable<Negotiation['proposal']['allocationRequest']>;

type Previewed<R, S extends string> = Extract<R, { status: S }>;
export type DesignationPreview = Previewed<ResponseOf<C['designation']>, 'preview'>;
export type ScoresPreview = Previewed<ResponseOf<C['scores']>, 'preview'>;
export type PublicationPreview = Previewed<ResponseOf<C['publish']>, 'preview'>;
export type PublicationDone = Previewed<ResponseOf<C['publish']>, 'committed'>;
export type AcceptancePreview = Previewed<ResponseOf<C['accept']>, 'preview'>;

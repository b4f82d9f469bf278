import type { ResponseOf } from '@stagegate/core/contract/route';
import { finalEvaluationsContract } from '@stagegate/core/contract/final-evaluations';

export { finalEvaluationsContract };
type C = typeof finalEvaluationsContract;

/** A final evaluation as GET /api/v1/final-evaluations/:id says it (a team reads "open" until published). */
export type FinalEvaluationSummary = ResponseOf<C['get']>['finalEvaluation'];

type Previewed<R, S extends string> = Extract<R, { status: S }>;
export type DesignationPreview = Previewed<ResponseOf<C['designation']>, 'preview'>;
export type ScoresPreview = Previewed<ResponseOf<C['scores']>, 'preview'>;
export type PublicationPreview = Previewed<ResponseOf<C['publish']>, 'preview'>;
export type AcceptancePreview = Previewed<ResponseOf<C['accept']>, 'preview'>;
/** An offer or a proposal as it would stand (the preview of POST …/offers and …/support). */
export type OfferPreview = ResponseOf<C['offer']>['offer'];

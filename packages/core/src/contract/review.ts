import { reviewAssignmentContract } from './review-assignment.ts';
import { reviewCallsContract } from './review-calls.ts';
import { reviewReviewerContract } from './review-reviewer.ts';
import { reviewSelectionContract } from './review-selection.ts';

/**
 * Selection review, one area in four files: the office's call set-up, pool and conflicts
 * (review-calls), assignment runs and round closing (review-assignment), the reviewer's side
 * (review-reviewer), and ranking, selection and results (review-selection).
 */
export const reviewContract = {
  ...reviewCallsContract,
  ...reviewAssignmentContract,
  ...reviewReviewerContract,
  ...reviewSelectionContract,
};

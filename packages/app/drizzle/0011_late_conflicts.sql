-- late_conflicts: a conflict of interest found after assignment withdraws the assignment (kept
-- here for the office to reassign) and sets the reviewer's score sheet aside: kept, flagged, not
-- counted in the ranking.
ALTER TABLE "review_sheets" ADD COLUMN IF NOT EXISTS "set_aside_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "review_sheets" ADD COLUMN IF NOT EXISTS "set_aside_reason" jsonb;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "review_withdrawals" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "program_slug" text NOT NULL,
  "call_key" text NOT NULL,
  "round_id" uuid NOT NULL REFERENCES "review_rounds"("id") ON DELETE CASCADE,
  "application_id" uuid NOT NULL REFERENCES "applications"("id") ON DELETE CASCADE,
  "reviewer_id" uuid NOT NULL REFERENCES "reviewer_pool"("id") ON DELETE CASCADE,
  "detail" jsonb NOT NULL,
  "sheet_set_aside" boolean NOT NULL DEFAULT false,
  "withdrawn_at" timestamp with time zone NOT NULL DEFAULT now(),
  "replacement_reviewer_id" uuid REFERENCES "reviewer_pool"("id") ON DELETE SET NULL,
  "reassigned_at" timestamp with time zone,
  "reassigned_by" text,
  "reassign_reason" text
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "review_withdrawals_call_idx" ON "review_withdrawals" ("program_slug", "call_key");

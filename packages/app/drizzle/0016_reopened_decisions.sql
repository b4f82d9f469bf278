-- reopened decisions: an upheld appeal reopens the evaluation's decision; the corrected decision
-- replaces the one in force as a new version, and every version it replaces is kept here.
ALTER TABLE "stage_evaluations" ADD COLUMN IF NOT EXISTS "reopened_for_appeal" uuid REFERENCES "stage_evaluation_appeals"("id");
--> statement-breakpoint
ALTER TABLE "stage_evaluation_decisions" ADD COLUMN IF NOT EXISTS "version" integer NOT NULL DEFAULT 1;
--> statement-breakpoint
ALTER TABLE "stage_evaluation_decisions" ADD COLUMN IF NOT EXISTS "correction" jsonb;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "stage_evaluation_decision_versions" (
  "evaluation_id" uuid NOT NULL REFERENCES "stage_evaluations"("id") ON DELETE CASCADE,
  "version" integer NOT NULL,
  "decision" jsonb NOT NULL,
  "superseded_at" timestamp with time zone NOT NULL DEFAULT now(),
  PRIMARY KEY ("evaluation_id", "version")
);

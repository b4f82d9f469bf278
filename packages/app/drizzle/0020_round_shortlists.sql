-- round_shortlists: a selection round is closed once, by the office, with the shortlist rule it
-- applied; each application of the round then passes to the next round or leaves, with its rank
-- and score in the round and whether it sat in a tie at the cut. Decisions are permanent.
ALTER TABLE "review_rounds" ADD COLUMN IF NOT EXISTS "closed_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "review_rounds" ADD COLUMN IF NOT EXISTS "closed_by" text;
--> statement-breakpoint
ALTER TABLE "review_rounds" ADD COLUMN IF NOT EXISTS "closed_rule" jsonb;
--> statement-breakpoint
ALTER TABLE "review_rounds" ADD COLUMN IF NOT EXISTS "close_reason" text;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "review_round_results" (
  "round_id" uuid NOT NULL REFERENCES "review_rounds"("id") ON DELETE CASCADE,
  "application_id" uuid NOT NULL REFERENCES "applications"("id") ON DELETE CASCADE,
  "outcome" text NOT NULL,
  "rank" integer NOT NULL,
  "score" double precision NOT NULL,
  "tied" boolean NOT NULL DEFAULT false,
  PRIMARY KEY ("round_id", "application_id")
);

-- review_pledges: a reviewer's acceptance of the conflict-of-interest pledge for one round; proposals
-- of the round stay closed to the reviewer until it exists.
CREATE TABLE IF NOT EXISTS "review_pledges" (
  "round_id" uuid NOT NULL REFERENCES "review_rounds"("id") ON DELETE CASCADE,
  "reviewer_id" uuid NOT NULL REFERENCES "reviewer_pool"("id") ON DELETE CASCADE,
  "version" integer NOT NULL,
  "locale" text NOT NULL,
  "accepted_at" timestamp with time zone NOT NULL DEFAULT now(),
  PRIMARY KEY ("round_id", "reviewer_id")
);

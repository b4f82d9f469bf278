-- "no one selected" as a recorded outcome of a call (an additional call may end so): the reason,
-- who recorded it and when. Null while the call has no such outcome.
ALTER TABLE "review_call_config" ADD COLUMN IF NOT EXISTS "no_selection_reason" text;
--> statement-breakpoint
ALTER TABLE "review_call_config" ADD COLUMN IF NOT EXISTS "no_selection_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "review_call_config" ADD COLUMN IF NOT EXISTS "no_selection_by" text;

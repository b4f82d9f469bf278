-- call_states: the step the office recorded for a call (draft, open, closed, under_review, results_published) and when; null follows the published window.
ALTER TABLE "call_settings" ADD COLUMN IF NOT EXISTS "state" text;
--> statement-breakpoint
ALTER TABLE "call_settings" ADD COLUMN IF NOT EXISTS "state_changed_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "call_settings" ADD CONSTRAINT "call_settings_state_check" CHECK ("state" IS NULL OR "state" IN ('draft', 'open', 'closed', 'under_review', 'results_published'));

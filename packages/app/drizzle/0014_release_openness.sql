-- release_openness: what a registry release makes public (weights, code, data; the licence is
-- checked on its own), so it can be held against the openness tier a task declared, and the
-- declaration a task carries when the office registers it directly (a task made by a selection
-- reads its application's proposal). Releases recorded before this migration published weights.
ALTER TABLE "open_source_releases" ADD COLUMN IF NOT EXISTS "weights_released" boolean NOT NULL DEFAULT true;
--> statement-breakpoint
ALTER TABLE "open_source_releases" ADD COLUMN IF NOT EXISTS "code_released" boolean NOT NULL DEFAULT false;
--> statement-breakpoint
ALTER TABLE "open_source_releases" ADD COLUMN IF NOT EXISTS "data_released" boolean NOT NULL DEFAULT false;
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN IF NOT EXISTS "openness_tier" text;
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN IF NOT EXISTS "budget_won" bigint;

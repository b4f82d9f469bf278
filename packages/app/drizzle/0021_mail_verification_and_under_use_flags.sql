-- E-mail verification at sign-up: accounts made before it existed were never asked to confirm their
-- address, so they count as confirmed; new accounts start unconfirmed (the column's default).
UPDATE "user" SET "email_verified" = true WHERE "email_verified" = false;
--> statement-breakpoint
-- under_use_flags: a task the under-use run put at the warn level in a phase, with the ratio and
-- threshold it was told; one row per task, phase and level, so nobody is warned twice. The office
-- home lists the open ones (resolved_at null).
CREATE TABLE IF NOT EXISTS "under_use_flags" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "program_slug" text NOT NULL,
  "task_id" uuid NOT NULL REFERENCES "tasks"("id") ON DELETE CASCADE,
  "phase_key" text NOT NULL,
  "level" text NOT NULL,
  "utilisation" double precision NOT NULL,
  "threshold" double precision NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "under_use_flags_once_idx" ON "under_use_flags" ("task_id", "phase_key", "level");

-- registry_identities (issue 13 item 1): organisations declare type and number with evidence and
-- stay unverified until the program office verifies them; folded name keys find look-alike names.
ALTER TABLE "organisations" ADD COLUMN IF NOT EXISTS "evidence" text;
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN IF NOT EXISTS "verification_status" text DEFAULT 'unverified' NOT NULL;
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN IF NOT EXISTS "verified_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN IF NOT EXISTS "verified_by" text;
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN IF NOT EXISTS "name_key" text;
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN IF NOT EXISTS "name_key_en" text;
--> statement-breakpoint
-- an approximation of core's key for rows made before this migration (lower case, no spaces or
-- punctuation); the app writes the exact key on every create and edit
UPDATE "organisations" SET "name_key" = lower(regexp_replace("name_ko", '[[:space:][:punct:]]', '', 'g')), "name_key_en" = lower(regexp_replace("name_en", '[[:space:][:punct:]]', '', 'g')) WHERE "name_key" IS NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "organisations_name_key_idx" ON "organisations" USING btree ("name_key");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "organisations_name_key_en_idx" ON "organisations" USING btree ("name_key_en");

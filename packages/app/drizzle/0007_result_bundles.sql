-- result_bundles: published result bundles (signed manifest, signature, files), one row per edition.
CREATE TABLE IF NOT EXISTS "result_bundles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_slug" text NOT NULL,
	"kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"edition" integer NOT NULL,
	"computation_version" integer NOT NULL,
	"manifest" text NOT NULL,
	"manifest_sha256" text NOT NULL,
	"signature" text NOT NULL,
	"key_id" text NOT NULL,
	"files" jsonb NOT NULL,
	"audit_seq" bigint NOT NULL,
	"replaces_id" uuid,
	"replace_reason" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "result_bundles_subject_edition_idx" ON "result_bundles" USING btree ("kind","subject_id","edition");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "result_bundles_program_idx" ON "result_bundles" USING btree ("program_slug");

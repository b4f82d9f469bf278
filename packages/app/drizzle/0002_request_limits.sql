-- request_limits: sign-in attempts per account and per address (shared by every app process); the program office's registry of model endpoints.
CREATE TABLE IF NOT EXISTS "sign_in_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"attempts" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "sign_in_throttle_window_idx" ON "sign_in_throttle" USING btree ("window_started_at");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "model_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_slug" text NOT NULL,
	"url" text NOT NULL,
	"label" text NOT NULL,
	"allow_private" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_endpoints_program_url_unique" UNIQUE("program_slug","url")
);

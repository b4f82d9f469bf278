-- request_limits: sign-in attempts per account and per address, shared by every app process.
CREATE TABLE IF NOT EXISTS "sign_in_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"attempts" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "sign_in_throttle_window_idx" ON "sign_in_throttle" USING btree ("window_started_at");

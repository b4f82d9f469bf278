-- notifications: what concerns a person is written to their in-app inbox, and the mail that says it
-- is queued in one general outbox (the reviewer-invitation outbox, generalised, rows kept). The
-- outbox row is the durable unit of sending: a mailer claims due rows, retries with backoff, and
-- marks a row failed after its last attempt so the office sees it; a failed send never loses the
-- in-app notification, which was committed with it. A review round gains the instant its reviews
-- are due, which the reviewer's invitation states. reminders_sent records each reminder once, so
-- the reminder sweep can run on every app process, as often as it likes.
ALTER TABLE "review_rounds" ADD COLUMN "due_at" timestamp with time zone;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "notifications" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "user_id" text NOT NULL REFERENCES "user"("id") ON DELETE CASCADE,
  "kind" text NOT NULL,
  "params" jsonb NOT NULL DEFAULT '{}'::jsonb,
  "link" text,
  "created_at" timestamp with time zone NOT NULL DEFAULT now(),
  "read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "notifications_user_idx" ON "notifications" ("user_id", "created_at");
--> statement-breakpoint
ALTER TABLE "review_outbox" RENAME TO "mail_outbox";
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "locale" text NOT NULL DEFAULT 'ko';
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "html" text;
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "link" text;
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "attachments" jsonb NOT NULL DEFAULT '[]'::jsonb;
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "status" text NOT NULL DEFAULT 'queued';
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "attempts" integer NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "next_attempt_at" timestamp with time zone NOT NULL DEFAULT now();
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "last_error" text;
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "notification_id" uuid REFERENCES "notifications"("id") ON DELETE SET NULL;
--> statement-breakpoint
UPDATE "mail_outbox" SET "status" = 'sent' WHERE "sent_at" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "mail_outbox_due_idx" ON "mail_outbox" ("status", "next_attempt_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "mail_outbox_created_idx" ON "mail_outbox" ("created_at");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "reminders_sent" (
  "key" text PRIMARY KEY NOT NULL,
  "sent_at" timestamp with time zone NOT NULL DEFAULT now()
);

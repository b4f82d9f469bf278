-- task_invitations: the office invites a person without a confirmed account into a task, naming the
-- e-mail, one of the task's consortium organisations and the role. When the address signs up and is
-- confirmed, the person joins the organisation and the task and the row goes (audited); the office
-- may withdraw it before. One pending invitation per task and address.
CREATE TABLE IF NOT EXISTS "task_invitations" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "task_id" uuid NOT NULL REFERENCES "tasks"("id") ON DELETE CASCADE,
  "email" text NOT NULL,
  "organisation_id" uuid NOT NULL REFERENCES "organisations"("id") ON DELETE CASCADE,
  "role" text NOT NULL,
  "invited_by" text,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "task_invitations_task_email_idx" ON "task_invitations" ("task_id", "email");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "task_invitations_email_idx" ON "task_invitations" ("email");

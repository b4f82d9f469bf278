-- access_control: panel seats for stage-evaluation experts with accounts (issue 12 item 1).
CREATE TABLE IF NOT EXISTS "stage_evaluation_experts" (
	"evaluation_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"label" text NOT NULL,
	"seated_by" text,
	"seated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stage_evaluation_experts_evaluation_id_user_id_pk" PRIMARY KEY("evaluation_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "stage_evaluation_experts" ADD CONSTRAINT "stage_evaluation_experts_evaluation_id_stage_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."stage_evaluations"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "stage_evaluation_experts_label_idx" ON "stage_evaluation_experts" USING btree ("evaluation_id","label");
--> statement-breakpoint
-- a conflict held after the reviewer edited their own affiliations (issue 12 item 7)
ALTER TABLE "review_conflicts" ADD COLUMN IF NOT EXISTS "held_since" timestamp with time zone;
--> statement-breakpoint
-- membership offers accepted by the person while signed in (issue 12 item 7)
CREATE TABLE IF NOT EXISTS "organisation_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"invited_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisation_invitations" ADD CONSTRAINT "organisation_invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "organisation_invitations" ADD CONSTRAINT "organisation_invitations_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "organisation_invitations_pair_idx" ON "organisation_invitations" USING btree ("organisation_id","user_id");

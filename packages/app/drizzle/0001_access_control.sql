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

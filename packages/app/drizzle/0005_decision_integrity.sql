-- decision_integrity: the appeal window starts at publication (no deadline before it), and a
-- decision dated in the past records why.
ALTER TABLE "stage_evaluation_decisions" ALTER COLUMN "appeal_closes_at" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "stage_evaluation_decisions" ADD COLUMN IF NOT EXISTS "retroactive_reason" text;
--> statement-breakpoint
UPDATE "stage_evaluation_decisions" AS d SET "appeal_closes_at" = NULL FROM "stage_evaluations" AS e WHERE e."id" = d."evaluation_id" AND e."status" = 'decided';

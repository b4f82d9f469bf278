-- final evaluations per cohort: a program may hold more than one final evaluation (a task selected by
-- an additional call is evaluated on its own once the first cohort's is done), and each task sits in
-- at most one of them.
DROP INDEX IF EXISTS "final_evaluations_program_idx";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "final_evaluations_program_idx" ON "final_evaluations" ("program_slug");
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "final_evaluation_tasks_task_idx" ON "final_evaluation_tasks" ("task_id");

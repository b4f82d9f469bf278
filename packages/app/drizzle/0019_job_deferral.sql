-- job_deferral: a job whose input file is not visible on the worker that took it (a checkpoint or
-- suite on a filesystem that worker does not mount) goes back to the queue for another worker
-- instead of failing: not before a short wait, and not to the same worker for a while.
ALTER TABLE "jobs" ADD COLUMN IF NOT EXISTS "not_before" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN IF NOT EXISTS "avoid_worker" text;

-- real_files: reserved for this change; statements separated by '--> statement-breakpoint'.
SELECT 1;

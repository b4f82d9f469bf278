-- access_control: reserved for this change; statements separated by '--> statement-breakpoint'.
SELECT 1;

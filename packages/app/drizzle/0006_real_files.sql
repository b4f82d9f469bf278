-- real_files: a benchmark names the filter of its primary metric (gsm8k: exact_match under
-- strict-match, not whichever filter a results file lists first). Null: the metric has one filter,
-- or the default catalog's filter for that task applies.
ALTER TABLE "benchmarks" ADD COLUMN IF NOT EXISTS "metric_filter" text;

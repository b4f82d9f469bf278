CREATE TABLE "account" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"user_id" text NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_expires_at" timestamp with time zone,
	"scope" text,
	"password" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"user_id" text NOT NULL,
	CONSTRAINT "session_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "user" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"role" text DEFAULT 'applicant' NOT NULL,
	"locale" text DEFAULT 'ko' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "verification" (
	"id" text PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now()
);
--> statement-breakpoint
CREATE TABLE "instance_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"seed_version" integer NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programs_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "audit_head" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_id" text,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_members" (
	"organisation_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_members_organisation_id_user_id_pk" PRIMARY KEY("organisation_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name_ko" text NOT NULL,
	"name_en" text NOT NULL,
	"type" text NOT NULL,
	"country" text NOT NULL,
	"registration_no" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" text,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_versions" (
	"application_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"base_version" integer,
	"content" jsonb NOT NULL,
	"hash" text,
	"saved_by" text,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_versions_application_id_version_pk" PRIMARY KEY("application_id","version")
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_slug" text NOT NULL,
	"call_key" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_by" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"last_seq" integer DEFAULT 1 NOT NULL,
	"consortium" jsonb NOT NULL,
	"lead_key" text,
	"proposal" jsonb NOT NULL,
	"submitted_version" integer,
	"submitted_hash" text,
	"submitted_at" timestamp with time zone,
	"receipt_no" text,
	"verdict" jsonb,
	"eligibility_override" jsonb,
	"extended_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "call_receipt_counters" (
	"program_slug" text NOT NULL,
	"call_key" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "call_receipt_counters_program_slug_call_key_pk" PRIMARY KEY("program_slug","call_key")
);
--> statement-breakpoint
CREATE TABLE "call_settings" (
	"program_slug" text NOT NULL,
	"call_key" text NOT NULL,
	"form" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"opens_override" timestamp with time zone,
	"closes_override" timestamp with time zone,
	"override_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_settings_program_slug_call_key_pk" PRIMARY KEY("program_slug","call_key")
);
--> statement-breakpoint
CREATE TABLE "receipts" (
	"receipt_no" text NOT NULL,
	"program_slug" text NOT NULL,
	"call_key" text NOT NULL,
	"application_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"hash" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"idempotency_key" text,
	CONSTRAINT "receipts_program_slug_call_key_receipt_no_pk" PRIMARY KEY("program_slug","call_key","receipt_no")
);
--> statement-breakpoint
CREATE TABLE "task_members" (
	"task_id" uuid NOT NULL,
	"cluster_username" text NOT NULL,
	"user_id" text,
	"role" text DEFAULT 'member' NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_members_task_id_cluster_username_pk" PRIMARY KEY("task_id","cluster_username")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_slug" text NOT NULL,
	"key" text NOT NULL,
	"name" jsonb NOT NULL,
	"application_id" uuid,
	"lead_organisation_name" jsonb,
	"status" text DEFAULT 'active' NOT NULL,
	"target_model" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tasks_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "benchmark_suites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_slug" text NOT NULL,
	"key" text NOT NULL,
	"name" jsonb NOT NULL,
	"evaluation_date" text NOT NULL,
	"benchmark_names" jsonb NOT NULL,
	"category_weights" jsonb NOT NULL,
	"demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benchmarks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_slug" text NOT NULL,
	"name" text NOT NULL,
	"label" jsonb NOT NULL,
	"category" text NOT NULL,
	"metric" text NOT NULL,
	"higher_is_better" boolean DEFAULT true NOT NULL,
	"chance" double precision DEFAULT 0 NOT NULL,
	"item_count" integer,
	"demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_comparisons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"suite_id" uuid NOT NULL,
	"evaluation_date" text NOT NULL,
	"window_months" integer NOT NULL,
	"target" double precision NOT NULL,
	"seed" integer NOT NULL,
	"resamples" integer NOT NULL,
	"verdict" text NOT NULL,
	"detail" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_run_items" (
	"run_id" uuid NOT NULL,
	"benchmark_name" text NOT NULL,
	"doc_keys" jsonb NOT NULL,
	"values" "bytea" NOT NULL,
	CONSTRAINT "evaluation_run_items_run_id_benchmark_name_pk" PRIMARY KEY("run_id","benchmark_name")
);
--> statement-breakpoint
CREATE TABLE "evaluation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"suite_id" uuid NOT NULL,
	"source" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"model_name" text,
	"scores" jsonb NOT NULL,
	"ignored_tasks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"imported_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gate_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"stage_key" text NOT NULL,
	"gate_key" text NOT NULL,
	"provenance_comparison_id" uuid NOT NULL,
	"note" text,
	"attached_by" text,
	"attached_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" jsonb,
	"result" jsonb,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 3 NOT NULL,
	"locked_by" text,
	"locked_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provenance_comparisons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_id" uuid NOT NULL,
	"candidate_path" text NOT NULL,
	"reference_paths" jsonb NOT NULL,
	"label" text,
	"report" jsonb,
	"verdict" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"vendor" text NOT NULL,
	"release_date" text NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "reference_models_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "reference_scores" (
	"reference_model_id" uuid NOT NULL,
	"benchmark_name" text NOT NULL,
	"score" double precision NOT NULL,
	"stderr" double precision,
	"source" text NOT NULL,
	CONSTRAINT "reference_scores_reference_model_id_benchmark_name_pk" PRIMARY KEY("reference_model_id","benchmark_name")
);
--> statement-breakpoint
CREATE TABLE "stage_evaluation_appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"grounds" text NOT NULL,
	"filed_by" text NOT NULL,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "stage_evaluation_decisions" (
	"evaluation_id" uuid PRIMARY KEY NOT NULL,
	"decided_on" date NOT NULL,
	"scheme_version" integer NOT NULL,
	"proposal" jsonb NOT NULL,
	"results" jsonb NOT NULL,
	"outcomes" jsonb NOT NULL,
	"departure_reason" text,
	"enforcement" jsonb NOT NULL,
	"slurm_plan" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"appeal_closes_at" timestamp with time zone NOT NULL,
	"confirmed_by" text,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage_evaluation_expert_scores" (
	"evaluation_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"component_key" text NOT NULL,
	"expert" text NOT NULL,
	"score" double precision NOT NULL,
	"entered_by" text,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stage_evaluation_expert_scores_evaluation_id_task_id_component_key_expert_pk" PRIMARY KEY("evaluation_id","task_id","component_key","expert")
);
--> statement-breakpoint
CREATE TABLE "stage_evaluation_gates" (
	"evaluation_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"gate_key" text NOT NULL,
	"declaration" jsonb,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"declared_by" text,
	"declared_at" timestamp with time zone,
	"passed" boolean,
	"ruling_reason" jsonb,
	"ruled_by" text,
	"ruled_at" timestamp with time zone,
	CONSTRAINT "stage_evaluation_gates_evaluation_id_task_id_gate_key_pk" PRIMARY KEY("evaluation_id","task_id","gate_key")
);
--> statement-breakpoint
CREATE TABLE "stage_evaluation_goals" (
	"evaluation_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"component_key" text NOT NULL,
	"position" integer NOT NULL,
	"goal" text NOT NULL,
	"met" boolean,
	"evidence" text,
	"checked_by" text,
	"checked_at" timestamp with time zone,
	CONSTRAINT "stage_evaluation_goals_evaluation_id_task_id_component_key_position_pk" PRIMARY KEY("evaluation_id","task_id","component_key","position")
);
--> statement-breakpoint
CREATE TABLE "stage_evaluation_measurements" (
	"evaluation_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"component_key" text NOT NULL,
	"value" double precision NOT NULL,
	"source" text NOT NULL,
	"source_ref" text,
	"note" text,
	"entered_by" text,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stage_evaluation_measurements_evaluation_id_task_id_component_key_pk" PRIMARY KEY("evaluation_id","task_id","component_key")
);
--> statement-breakpoint
CREATE TABLE "stage_evaluation_scheme_versions" (
	"evaluation_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"scheme" jsonb NOT NULL,
	"rules" jsonb NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"reason" jsonb,
	"changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text,
	CONSTRAINT "stage_evaluation_scheme_versions_evaluation_id_version_pk" PRIMARY KEY("evaluation_id","version")
);
--> statement-breakpoint
CREATE TABLE "stage_evaluation_teams" (
	"evaluation_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"status_at_opening" text NOT NULL,
	CONSTRAINT "stage_evaluation_teams_evaluation_id_task_id_pk" PRIMARY KEY("evaluation_id","task_id")
);
--> statement-breakpoint
CREATE TABLE "stage_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_slug" text NOT NULL,
	"stage_key" text NOT NULL,
	"next_phase_key" text,
	"name" jsonb NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"current_scheme_version" integer DEFAULT 1 NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_assignment_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"result" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"deployed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "review_assignments" (
	"round_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"run_id" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_assignments_round_id_application_id_reviewer_id_pk" PRIMARY KEY("round_id","application_id","reviewer_id")
);
--> statement-breakpoint
CREATE TABLE "review_call_config" (
	"program_slug" text NOT NULL,
	"call_key" text NOT NULL,
	"blind" boolean DEFAULT false NOT NULL,
	"conflict_years" integer DEFAULT 3 NOT NULL,
	"aggregation" jsonb DEFAULT '{"method":"trimmed","trimMinReviewers":5,"zScore":false}'::jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_call_config_program_slug_call_key_pk" PRIMARY KEY("program_slug","call_key")
);
--> statement-breakpoint
CREATE TABLE "review_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_slug" text NOT NULL,
	"call_key" text NOT NULL,
	"application_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"source" text NOT NULL,
	"kind" text NOT NULL,
	"severity" text DEFAULT 'high' NOT NULL,
	"detail" jsonb NOT NULL,
	"stale" boolean DEFAULT false NOT NULL,
	"waived_at" timestamp with time zone,
	"waived_by" text,
	"waiver_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"to_email" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "review_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_slug" text NOT NULL,
	"call_key" text NOT NULL,
	"key" text NOT NULL,
	"name" jsonb NOT NULL,
	"position" integer NOT NULL,
	"weight" double precision DEFAULT 1 NOT NULL,
	"reviews_per_proposal" integer DEFAULT 3 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_sheets" (
	"round_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"total" double precision,
	"submitted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_sheets_round_id_application_id_reviewer_id_pk" PRIMARY KEY("round_id","application_id","reviewer_id")
);
--> statement-breakpoint
CREATE TABLE "reviewer_pool" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_slug" text NOT NULL,
	"call_key" text NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'invited' NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" text,
	"domains" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"profile" text DEFAULT '' NOT NULL,
	"affiliations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"max_load" integer DEFAULT 5 NOT NULL,
	"min_load" integer DEFAULT 0 NOT NULL,
	"seq" integer NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "review_round_panel" (
	"round_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	CONSTRAINT "review_round_panel_round_id_reviewer_id_pk" PRIMARY KEY("round_id","reviewer_id")
);
--> statement-breakpoint
CREATE TABLE "selection_decisions" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"program_slug" text NOT NULL,
	"call_key" text NOT NULL,
	"outcome" text NOT NULL,
	"reason" text NOT NULL,
	"task_id" uuid,
	"decided_by" text,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "allocation_change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_slug" text NOT NULL,
	"task_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"request" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"origin" text DEFAULT 'manual' NOT NULL,
	"reason" text NOT NULL,
	"explanation" jsonb,
	"requested_by" text,
	"requested_by_label" text NOT NULL,
	"decided_by" text,
	"decided_by_label" text,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "allocation_ledger" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"program_slug" text NOT NULL,
	"allocation_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"change_request_id" uuid,
	"actor_label" text NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_slug" text NOT NULL,
	"task_id" uuid NOT NULL,
	"pool_key" text NOT NULL,
	"phase_key" text NOT NULL,
	"gpus" integer NOT NULL,
	"gpu_minutes" bigint,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "under_use_policies" (
	"program_slug" text PRIMARY KEY NOT NULL,
	"policy" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage_daily" (
	"account" text NOT NULL,
	"cluster_username" text NOT NULL,
	"day" date NOT NULL,
	"task_id" uuid,
	"gpu_seconds" bigint NOT NULL,
	"jobs" integer NOT NULL,
	"import_id" uuid NOT NULL,
	CONSTRAINT "usage_daily_account_cluster_username_day_pk" PRIMARY KEY("account","cluster_username","day")
);
--> statement-breakpoint
CREATE TABLE "usage_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"first_day" date,
	"last_day" date,
	"jobs_read" integer NOT NULL,
	"rows_written" integer NOT NULL,
	"unmapped_accounts" jsonb NOT NULL,
	"actor_label" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "arena_answers" (
	"arena_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"prompt_id" text NOT NULL,
	"answer" text NOT NULL,
	"source" text NOT NULL,
	"source_ref" text,
	"stored_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "arena_answers_arena_id_task_id_prompt_id_pk" PRIMARY KEY("arena_id","task_id","prompt_id")
);
--> statement-breakpoint
CREATE TABLE "arena_battles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"arena_id" uuid NOT NULL,
	"evaluator_id" text NOT NULL,
	"draw_number" integer NOT NULL,
	"prompt_id" text NOT NULL,
	"left_task_id" uuid NOT NULL,
	"right_task_id" uuid NOT NULL,
	"drawn_at" timestamp with time zone DEFAULT now() NOT NULL,
	"choice" text,
	"voted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "arena_evaluators" (
	"arena_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "arena_evaluators_arena_id_user_id_pk" PRIMARY KEY("arena_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "arena_likert_responses" (
	"arena_id" uuid NOT NULL,
	"evaluator_id" text NOT NULL,
	"task_id" uuid NOT NULL,
	"criterion" text NOT NULL,
	"score" integer NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "arena_likert_responses_arena_id_evaluator_id_task_id_criterion_pk" PRIMARY KEY("arena_id","evaluator_id","task_id","criterion")
);
--> statement-breakpoint
CREATE TABLE "arena_prompts" (
	"arena_id" uuid NOT NULL,
	"prompt_id" text NOT NULL,
	"position" integer NOT NULL,
	"prompt" text NOT NULL,
	CONSTRAINT "arena_prompts_arena_id_prompt_id_pk" PRIMARY KEY("arena_id","prompt_id")
);
--> statement-breakpoint
CREATE TABLE "arenas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_slug" text NOT NULL,
	"stage_key" text NOT NULL,
	"component_key" text DEFAULT 'user-evaluation' NOT NULL,
	"kind" text NOT NULL,
	"name" jsonb NOT NULL,
	"status" text DEFAULT 'setup' NOT NULL,
	"seed" integer NOT NULL,
	"cap_per_evaluator" integer NOT NULL,
	"bootstrap_rounds" integer DEFAULT 200 NOT NULL,
	"full_points" double precision NOT NULL,
	"conversion" jsonb NOT NULL,
	"likert_criteria" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "final_evaluation_tasks" (
	"final_evaluation_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"report_file_name" text,
	"report_sha256" text,
	"report_size_bytes" integer,
	"report_uploaded_by" text,
	"report_uploaded_at" timestamp with time zone,
	"score" double precision,
	"score_entered_by" text,
	"score_entered_at" timestamp with time zone,
	"excellent" boolean,
	"rank" integer,
	"designation_reason" jsonb,
	CONSTRAINT "final_evaluation_tasks_final_evaluation_id_task_id_pk" PRIMARY KEY("final_evaluation_id","task_id")
);
--> statement-breakpoint
CREATE TABLE "final_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_slug" text NOT NULL,
	"name" jsonb NOT NULL,
	"excellence_rule" jsonb NOT NULL,
	"pool_key" text NOT NULL,
	"phase_key" text NOT NULL,
	"max_extra_gpus" integer,
	"support_earliest_start" date,
	"status" text DEFAULT 'open' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_acceptances" (
	"proposal_id" uuid NOT NULL,
	"offer_seq" integer NOT NULL,
	"side" text NOT NULL,
	"accepted_by" text NOT NULL,
	"accepted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_acceptances_proposal_id_offer_seq_side_pk" PRIMARY KEY("proposal_id","offer_seq","side")
);
--> statement-breakpoint
CREATE TABLE "support_offers" (
	"proposal_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"side" text NOT NULL,
	"gpus" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"note" text,
	"made_by" text NOT NULL,
	"made_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_offers_proposal_id_seq_pk" PRIMARY KEY("proposal_id","seq")
);
--> statement-breakpoint
CREATE TABLE "support_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"final_evaluation_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"goal_kind" text NOT NULL,
	"goals" text NOT NULL,
	"status" text DEFAULT 'negotiating' NOT NULL,
	"agreed_offer_seq" integer,
	"allocation_request" jsonb,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open_source_policies" (
	"program_slug" text PRIMARY KEY NOT NULL,
	"requires_open_source" boolean NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open_source_releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"program_slug" text NOT NULL,
	"model_name" text NOT NULL,
	"url" text NOT NULL,
	"licence" text NOT NULL,
	"released_on" date NOT NULL,
	"licence_check" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_clusters" (
	"key" text PRIMARY KEY NOT NULL,
	"name" jsonb NOT NULL,
	"site" jsonb NOT NULL,
	"slurm_cluster_name" text NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_clusters_slurm_cluster_name_unique" UNIQUE("slurm_cluster_name")
);
--> statement-breakpoint
CREATE TABLE "resource_node_types" (
	"key" text PRIMARY KEY NOT NULL,
	"gpu_model" text NOT NULL,
	"gpus_per_node" integer NOT NULL,
	"cpus_per_node" integer,
	"memory_gb" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_partition_nodes" (
	"cluster_key" text NOT NULL,
	"partition_name" text NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"nodes" integer NOT NULL,
	CONSTRAINT "resource_partition_nodes_cluster_key_partition_name_position_pk" PRIMARY KEY("cluster_key","partition_name","position")
);
--> statement-breakpoint
CREATE TABLE "resource_partitions" (
	"cluster_key" text NOT NULL,
	"name" text NOT NULL,
	"node_type_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_partitions_cluster_key_name_pk" PRIMARY KEY("cluster_key","name")
);
--> statement-breakpoint
CREATE TABLE "resource_pool_bindings" (
	"program_slug" text NOT NULL,
	"pool_key" text NOT NULL,
	"cluster_key" text NOT NULL,
	"partition_name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_pool_bindings_program_slug_pool_key_pk" PRIMARY KEY("program_slug","pool_key")
);
--> statement-breakpoint
ALTER TABLE "account" ADD CONSTRAINT "account_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_members" ADD CONSTRAINT "organisation_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_members" ADD CONSTRAINT "organisation_members_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_attachments" ADD CONSTRAINT "application_attachments_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_versions" ADD CONSTRAINT "application_versions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_members" ADD CONSTRAINT "task_members_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_members" ADD CONSTRAINT "task_members_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_comparisons" ADD CONSTRAINT "evaluation_comparisons_run_id_evaluation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."evaluation_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_comparisons" ADD CONSTRAINT "evaluation_comparisons_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_comparisons" ADD CONSTRAINT "evaluation_comparisons_suite_id_benchmark_suites_id_fk" FOREIGN KEY ("suite_id") REFERENCES "public"."benchmark_suites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_run_items" ADD CONSTRAINT "evaluation_run_items_run_id_evaluation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."evaluation_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_runs" ADD CONSTRAINT "evaluation_runs_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_runs" ADD CONSTRAINT "evaluation_runs_suite_id_benchmark_suites_id_fk" FOREIGN KEY ("suite_id") REFERENCES "public"."benchmark_suites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_runs" ADD CONSTRAINT "evaluation_runs_imported_by_user_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_evidence" ADD CONSTRAINT "gate_evidence_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_evidence" ADD CONSTRAINT "gate_evidence_provenance_comparison_id_provenance_comparisons_id_fk" FOREIGN KEY ("provenance_comparison_id") REFERENCES "public"."provenance_comparisons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_evidence" ADD CONSTRAINT "gate_evidence_attached_by_user_id_fk" FOREIGN KEY ("attached_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provenance_comparisons" ADD CONSTRAINT "provenance_comparisons_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provenance_comparisons" ADD CONSTRAINT "provenance_comparisons_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_scores" ADD CONSTRAINT "reference_scores_reference_model_id_reference_models_id_fk" FOREIGN KEY ("reference_model_id") REFERENCES "public"."reference_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_evaluation_appeals" ADD CONSTRAINT "stage_evaluation_appeals_evaluation_id_stage_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."stage_evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_evaluation_appeals" ADD CONSTRAINT "stage_evaluation_appeals_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_evaluation_decisions" ADD CONSTRAINT "stage_evaluation_decisions_evaluation_id_stage_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."stage_evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_evaluation_expert_scores" ADD CONSTRAINT "stage_evaluation_expert_scores_evaluation_id_stage_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."stage_evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_evaluation_expert_scores" ADD CONSTRAINT "stage_evaluation_expert_scores_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_evaluation_gates" ADD CONSTRAINT "stage_evaluation_gates_evaluation_id_stage_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."stage_evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_evaluation_gates" ADD CONSTRAINT "stage_evaluation_gates_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_evaluation_goals" ADD CONSTRAINT "stage_evaluation_goals_evaluation_id_stage_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."stage_evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_evaluation_goals" ADD CONSTRAINT "stage_evaluation_goals_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_evaluation_measurements" ADD CONSTRAINT "stage_evaluation_measurements_evaluation_id_stage_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."stage_evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_evaluation_measurements" ADD CONSTRAINT "stage_evaluation_measurements_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_evaluation_scheme_versions" ADD CONSTRAINT "stage_evaluation_scheme_versions_evaluation_id_stage_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."stage_evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_evaluation_teams" ADD CONSTRAINT "stage_evaluation_teams_evaluation_id_stage_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."stage_evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_evaluation_teams" ADD CONSTRAINT "stage_evaluation_teams_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignment_runs" ADD CONSTRAINT "review_assignment_runs_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_reviewer_id_reviewer_pool_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."reviewer_pool"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_run_id_review_assignment_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."review_assignment_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_conflicts" ADD CONSTRAINT "review_conflicts_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_conflicts" ADD CONSTRAINT "review_conflicts_reviewer_id_reviewer_pool_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."reviewer_pool"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_sheets" ADD CONSTRAINT "review_sheets_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_sheets" ADD CONSTRAINT "review_sheets_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_sheets" ADD CONSTRAINT "review_sheets_reviewer_id_reviewer_pool_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."reviewer_pool"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviewer_pool" ADD CONSTRAINT "reviewer_pool_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_round_panel" ADD CONSTRAINT "review_round_panel_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_round_panel" ADD CONSTRAINT "review_round_panel_reviewer_id_reviewer_pool_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."reviewer_pool"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_decisions" ADD CONSTRAINT "selection_decisions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_decisions" ADD CONSTRAINT "selection_decisions_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_change_requests" ADD CONSTRAINT "allocation_change_requests_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_change_requests" ADD CONSTRAINT "allocation_change_requests_requested_by_user_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_change_requests" ADD CONSTRAINT "allocation_change_requests_decided_by_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arena_answers" ADD CONSTRAINT "arena_answers_arena_id_arenas_id_fk" FOREIGN KEY ("arena_id") REFERENCES "public"."arenas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arena_answers" ADD CONSTRAINT "arena_answers_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arena_battles" ADD CONSTRAINT "arena_battles_arena_id_arenas_id_fk" FOREIGN KEY ("arena_id") REFERENCES "public"."arenas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arena_battles" ADD CONSTRAINT "arena_battles_evaluator_id_user_id_fk" FOREIGN KEY ("evaluator_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arena_battles" ADD CONSTRAINT "arena_battles_left_task_id_tasks_id_fk" FOREIGN KEY ("left_task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arena_battles" ADD CONSTRAINT "arena_battles_right_task_id_tasks_id_fk" FOREIGN KEY ("right_task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arena_evaluators" ADD CONSTRAINT "arena_evaluators_arena_id_arenas_id_fk" FOREIGN KEY ("arena_id") REFERENCES "public"."arenas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arena_evaluators" ADD CONSTRAINT "arena_evaluators_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arena_likert_responses" ADD CONSTRAINT "arena_likert_responses_arena_id_arenas_id_fk" FOREIGN KEY ("arena_id") REFERENCES "public"."arenas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arena_likert_responses" ADD CONSTRAINT "arena_likert_responses_evaluator_id_user_id_fk" FOREIGN KEY ("evaluator_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arena_likert_responses" ADD CONSTRAINT "arena_likert_responses_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arena_prompts" ADD CONSTRAINT "arena_prompts_arena_id_arenas_id_fk" FOREIGN KEY ("arena_id") REFERENCES "public"."arenas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "final_evaluation_tasks" ADD CONSTRAINT "final_evaluation_tasks_final_evaluation_id_final_evaluations_id_fk" FOREIGN KEY ("final_evaluation_id") REFERENCES "public"."final_evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "final_evaluation_tasks" ADD CONSTRAINT "final_evaluation_tasks_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_acceptances" ADD CONSTRAINT "support_acceptances_proposal_id_support_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."support_proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_offers" ADD CONSTRAINT "support_offers_proposal_id_support_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."support_proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_proposals" ADD CONSTRAINT "support_proposals_final_evaluation_id_final_evaluations_id_fk" FOREIGN KEY ("final_evaluation_id") REFERENCES "public"."final_evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_proposals" ADD CONSTRAINT "support_proposals_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_source_releases" ADD CONSTRAINT "open_source_releases_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_partition_nodes" ADD CONSTRAINT "resource_partition_nodes_partition_fk" FOREIGN KEY ("cluster_key","partition_name") REFERENCES "public"."resource_partitions"("cluster_key","name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_partitions" ADD CONSTRAINT "resource_partitions_cluster_key_resource_clusters_key_fk" FOREIGN KEY ("cluster_key") REFERENCES "public"."resource_clusters"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_partitions" ADD CONSTRAINT "resource_partitions_node_type_key_resource_node_types_key_fk" FOREIGN KEY ("node_type_key") REFERENCES "public"."resource_node_types"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_pool_bindings" ADD CONSTRAINT "resource_pool_bindings_partition_fk" FOREIGN KEY ("cluster_key","partition_name") REFERENCES "public"."resource_partitions"("cluster_key","name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_object_idx" ON "audit_log" USING btree ("object_type","object_id");--> statement-breakpoint
CREATE INDEX "organisation_members_user_idx" ON "organisation_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_registration_no_idx" ON "organisations" USING btree ("registration_no") WHERE "organisations"."registration_no" is not null;--> statement-breakpoint
CREATE INDEX "application_attachments_app_idx" ON "application_attachments" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "applications_call_idx" ON "applications" USING btree ("program_slug","call_key","status");--> statement-breakpoint
CREATE INDEX "applications_org_idx" ON "applications" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "applications_lead_idx" ON "applications" USING btree ("program_slug","call_key","lead_key");--> statement-breakpoint
CREATE UNIQUE INDEX "receipts_application_version_idx" ON "receipts" USING btree ("application_id","version");--> statement-breakpoint
CREATE INDEX "tasks_program_idx" ON "tasks" USING btree ("program_slug");--> statement-breakpoint
CREATE UNIQUE INDEX "benchmark_suites_program_key_idx" ON "benchmark_suites" USING btree ("program_slug","key");--> statement-breakpoint
CREATE UNIQUE INDEX "benchmarks_program_name_idx" ON "benchmarks" USING btree ("program_slug","name");--> statement-breakpoint
CREATE INDEX "evaluation_comparisons_task_idx" ON "evaluation_comparisons" USING btree ("task_id","suite_id");--> statement-breakpoint
CREATE INDEX "evaluation_runs_task_idx" ON "evaluation_runs" USING btree ("task_id","suite_id");--> statement-breakpoint
CREATE UNIQUE INDEX "gate_evidence_unique_idx" ON "gate_evidence" USING btree ("task_id","stage_key","gate_key","provenance_comparison_id");--> statement-breakpoint
CREATE INDEX "jobs_status_idx" ON "jobs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "stage_evaluation_appeals_eval_idx" ON "stage_evaluation_appeals" USING btree ("evaluation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stage_evaluations_stage_idx" ON "stage_evaluations" USING btree ("program_slug","stage_key");--> statement-breakpoint
CREATE INDEX "review_runs_round_idx" ON "review_assignment_runs" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "review_assignments_reviewer_idx" ON "review_assignments" USING btree ("reviewer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_conflicts_pair_kind_idx" ON "review_conflicts" USING btree ("application_id","reviewer_id","kind");--> statement-breakpoint
CREATE INDEX "review_conflicts_call_idx" ON "review_conflicts" USING btree ("program_slug","call_key");--> statement-breakpoint
CREATE UNIQUE INDEX "review_rounds_call_key_idx" ON "review_rounds" USING btree ("program_slug","call_key","key");--> statement-breakpoint
CREATE UNIQUE INDEX "reviewer_pool_call_email_idx" ON "reviewer_pool" USING btree ("program_slug","call_key","email");--> statement-breakpoint
CREATE UNIQUE INDEX "reviewer_pool_token_idx" ON "reviewer_pool" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "reviewer_pool_user_idx" ON "reviewer_pool" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "selection_decisions_call_idx" ON "selection_decisions" USING btree ("program_slug","call_key");--> statement-breakpoint
CREATE INDEX "allocation_change_requests_program_idx" ON "allocation_change_requests" USING btree ("program_slug","status");--> statement-breakpoint
CREATE INDEX "allocation_ledger_program_idx" ON "allocation_ledger" USING btree ("program_slug","seq");--> statement-breakpoint
CREATE INDEX "allocations_program_idx" ON "allocations" USING btree ("program_slug");--> statement-breakpoint
CREATE INDEX "allocations_task_idx" ON "allocations" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "usage_daily_task_idx" ON "usage_daily" USING btree ("task_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "arena_battles_draw_idx" ON "arena_battles" USING btree ("arena_id","evaluator_id","draw_number");--> statement-breakpoint
CREATE INDEX "arena_battles_arena_idx" ON "arena_battles" USING btree ("arena_id");--> statement-breakpoint
CREATE UNIQUE INDEX "arenas_stage_component_idx" ON "arenas" USING btree ("program_slug","stage_key","component_key");--> statement-breakpoint
CREATE UNIQUE INDEX "final_evaluations_program_idx" ON "final_evaluations" USING btree ("program_slug");--> statement-breakpoint
CREATE UNIQUE INDEX "support_proposals_task_idx" ON "support_proposals" USING btree ("final_evaluation_id","task_id");--> statement-breakpoint
CREATE INDEX "open_source_releases_program_idx" ON "open_source_releases" USING btree ("program_slug");
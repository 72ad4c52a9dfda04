CREATE TABLE "event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"source" text NOT NULL,
	"category_code" text NOT NULL,
	"category_version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"address" text,
	"lng" double precision,
	"lat" double precision,
	"grid_code" text,
	"owner_org_code" text NOT NULL,
	"owner_org_path" "ltree" NOT NULL,
	"state" text NOT NULL,
	"suspended_from" text,
	"pending_extension_days" integer,
	"rework_count" integer DEFAULT 0 NOT NULL,
	"has_lead_task" boolean DEFAULT false NOT NULL,
	"self_handled" boolean DEFAULT false NOT NULL,
	"reporter_user_id" uuid,
	"reporter_name" text,
	"reporter_phone" text,
	"tracking_code" text NOT NULL,
	"idempotency_key" text,
	"rating" text,
	"reported_at" timestamp (3) with time zone NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"revision" integer DEFAULT 1 NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_category" (
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"parent_code" text,
	"name" text NOT NULL,
	"rules" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_category_code_version_pk" PRIMARY KEY("code","version")
);
--> statement-breakpoint
CREATE TABLE "event_clock" (
	"event_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"round" integer NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"yellow_at" timestamp (3) with time zone NOT NULL,
	"stopped_at" timestamp (3) with time zone,
	"met" boolean,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL,
	CONSTRAINT "event_clock_event_id_kind_round_pk" PRIMARY KEY("event_id","kind","round")
);
--> statement-breakpoint
CREATE TABLE "event_task" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"assignee_org_code" text NOT NULL,
	"assignee_org_path" "ltree" NOT NULL,
	"state" text NOT NULL,
	"answer" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_timeline" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"text" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "event_number_unique" ON "event" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "event_tracking_unique" ON "event" USING btree ("tracking_code");--> statement-breakpoint
CREATE UNIQUE INDEX "event_idempotency_unique" ON "event" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "event_path_gist" ON "event" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "event_owner_path_gist" ON "event" USING gist ("owner_org_path");--> statement-breakpoint
CREATE INDEX "event_state_idx" ON "event" USING btree ("county_code","state");--> statement-breakpoint
CREATE INDEX "event_clock_open_due" ON "event_clock" USING btree ("due_at") WHERE stopped_at is null;--> statement-breakpoint
CREATE INDEX "event_task_event_idx" ON "event_task" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "event_task_assignee_gist" ON "event_task" USING gist ("assignee_org_path");--> statement-breakpoint
CREATE INDEX "event_timeline_event_idx" ON "event_timeline" USING btree ("event_id","at");
CREATE TABLE "dispute_case" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"source" text NOT NULL,
	"referral_body" text,
	"referral_name" text,
	"referral_reference" text,
	"event_id" uuid,
	"tracking_code" text,
	"idempotency_key" text,
	"title" text NOT NULL,
	"type_code" text NOT NULL,
	"occurred_on" date NOT NULL,
	"address" text,
	"summary" text NOT NULL,
	"claims" text,
	"scale" text NOT NULL,
	"people_involved" integer NOT NULL,
	"amount_yuan" bigint,
	"units_involved" text,
	"place_code" text NOT NULL,
	"owner_org_code" text NOT NULL,
	"owner_org_path" "ltree" NOT NULL,
	"state" text NOT NULL,
	"risk_grade" text NOT NULL,
	"risk_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"method" text,
	"mediation_org_id" uuid,
	"mediation_org_path" "ltree",
	"mediator_id" uuid,
	"mediator_user_id" uuid,
	"mediator_name" text,
	"due_at" timestamp (3) with time zone,
	"outcome" text,
	"outcome_at" timestamp (3) with time zone,
	"success" boolean,
	"concluded_on_time" boolean,
	"resolution" text,
	"perform_by" date,
	"next_route" text,
	"stability_measure" text,
	"performance" text,
	"follow_ups_done" integer DEFAULT 0 NOT NULL,
	"judicial_state" text,
	"judicial_court" text,
	"judicial_case_number" text,
	"judicial_on" date,
	"evaluation" text,
	"evaluated_at" timestamp (3) with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"repeat" boolean DEFAULT false NOT NULL,
	"registered_at" timestamp (3) with time zone NOT NULL,
	"accepted_at" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone,
	"revision" integer DEFAULT 1 NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispute_clock" (
	"dispute_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"yellow_at" timestamp (3) with time zone NOT NULL,
	"stopped_at" timestamp (3) with time zone,
	"met" boolean,
	"yellow_fired_at" timestamp (3) with time zone,
	"red_fired_at" timestamp (3) with time zone,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL,
	CONSTRAINT "dispute_clock_dispute_id_round_pk" PRIMARY KEY("dispute_id","round")
);
--> statement-breakpoint
CREATE TABLE "dispute_follow_up" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dispute_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"done_at" timestamp (3) with time zone,
	"method" text,
	"performance" text,
	"note" text,
	"done_by" text,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispute_party" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dispute_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"role" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"id_number" text,
	"phone" text,
	"address" text,
	"person_id" uuid,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispute_session" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dispute_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"mode" text NOT NULL,
	"scheduled_at" timestamp (3) with time zone NOT NULL,
	"place" text,
	"video_link" text,
	"state" text NOT NULL,
	"attendees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"record" text,
	"held_at" timestamp (3) with time zone,
	"recorded_by" text,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispute_timeline" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dispute_id" uuid NOT NULL,
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
CREATE TABLE "dispute_warning" (
	"dispute_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"level" text NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"fired_at" timestamp (3) with time zone NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL,
	CONSTRAINT "dispute_warning_dispute_id_round_level_pk" PRIMARY KEY("dispute_id","round","level")
);
--> statement-breakpoint
CREATE TABLE "mediation_org" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"method" text NOT NULL,
	"field" text,
	"org_code" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mediator" (
	"id" uuid PRIMARY KEY NOT NULL,
	"mediation_org_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"phone" text,
	"specialty" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "dispute_case_number_unique" ON "dispute_case" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "dispute_case_tracking_unique" ON "dispute_case" USING btree ("tracking_code");--> statement-breakpoint
CREATE UNIQUE INDEX "dispute_case_idempotency_unique" ON "dispute_case" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "dispute_case_path_gist" ON "dispute_case" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "dispute_case_owner_gist" ON "dispute_case" USING gist ("owner_org_path");--> statement-breakpoint
CREATE INDEX "dispute_case_mediation_path_gist" ON "dispute_case" USING gist ("mediation_org_path");--> statement-breakpoint
CREATE INDEX "dispute_case_registered_idx" ON "dispute_case" USING btree ("county_code","registered_at");--> statement-breakpoint
CREATE INDEX "dispute_case_state_idx" ON "dispute_case" USING btree ("county_code","state","registered_at");--> statement-breakpoint
CREATE INDEX "dispute_case_type_idx" ON "dispute_case" USING btree ("county_code","type_code","registered_at");--> statement-breakpoint
CREATE INDEX "dispute_case_mediator_idx" ON "dispute_case" USING btree ("mediator_id","registered_at");--> statement-breakpoint
CREATE INDEX "dispute_case_mediation_org_idx" ON "dispute_case" USING btree ("mediation_org_id","registered_at");--> statement-breakpoint
CREATE INDEX "dispute_case_risk_idx" ON "dispute_case" USING btree ("county_code","risk_grade","registered_at");--> statement-breakpoint
CREATE INDEX "dispute_case_event_idx" ON "dispute_case" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "dispute_clock_red_pending" ON "dispute_clock" USING btree ("due_at") WHERE stopped_at is null and red_fired_at is null;--> statement-breakpoint
CREATE INDEX "dispute_clock_yellow_pending" ON "dispute_clock" USING btree ("yellow_at") WHERE stopped_at is null and yellow_fired_at is null;--> statement-breakpoint
CREATE INDEX "dispute_follow_up_dispute_idx" ON "dispute_follow_up" USING btree ("dispute_id","due_on");--> statement-breakpoint
CREATE INDEX "dispute_follow_up_due_idx" ON "dispute_follow_up" USING btree ("due_on") WHERE done_at is null;--> statement-breakpoint
CREATE INDEX "dispute_party_dispute_idx" ON "dispute_party" USING btree ("dispute_id","seq");--> statement-breakpoint
CREATE INDEX "dispute_party_id_number_idx" ON "dispute_party" USING btree ("id_number");--> statement-breakpoint
CREATE INDEX "dispute_session_dispute_idx" ON "dispute_session" USING btree ("dispute_id","seq");--> statement-breakpoint
CREATE INDEX "dispute_timeline_dispute_idx" ON "dispute_timeline" USING btree ("dispute_id","at");--> statement-breakpoint
CREATE INDEX "dispute_warning_fired_idx" ON "dispute_warning" USING btree ("fired_at");--> statement-breakpoint
CREATE INDEX "mediation_org_path_gist" ON "mediation_org" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "mediator_org_idx" ON "mediator" USING btree ("mediation_org_id");--> statement-breakpoint
CREATE INDEX "mediator_user_idx" ON "mediator" USING btree ("user_id");
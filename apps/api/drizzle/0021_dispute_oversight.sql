CREATE TABLE "escalation_flag" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dispute_id" uuid NOT NULL,
	"dispute_number" text NOT NULL,
	"dispute_title" text NOT NULL,
	"trigger" text NOT NULL,
	"evaluated_at" timestamp (3) with time zone NOT NULL,
	"score" integer NOT NULL,
	"grade" text NOT NULL,
	"route_to_police" boolean NOT NULL,
	"flags" jsonb NOT NULL,
	"rule_codes" text NOT NULL,
	"state" text NOT NULL,
	"handled_at" timestamp (3) with time zone,
	"handled_by" text,
	"note" text,
	"police_unit" text,
	"superseded_at" timestamp (3) with time zone,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escalation_rule" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"enabled" boolean NOT NULL,
	"weight" integer NOT NULL,
	"threshold" integer NOT NULL,
	"window_days" integer,
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"updated_by" text NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escalation_settings" (
	"county_code" char(6) PRIMARY KEY NOT NULL,
	"medium_at" integer NOT NULL,
	"high_at" integer NOT NULL,
	"police_grade" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"updated_by" text NOT NULL,
	"org_path" "ltree" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hard_case" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dispute_id" uuid NOT NULL,
	"dispute_number" text NOT NULL,
	"title" text NOT NULL,
	"lead_official" text NOT NULL,
	"lead_official_title" text,
	"handler" text NOT NULL,
	"measures" text NOT NULL,
	"deadline" date NOT NULL,
	"state" text NOT NULL,
	"progress" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" text,
	"result" text,
	"closed_at" timestamp (3) with time zone,
	"designated_at" timestamp (3) with time zone NOT NULL,
	"designated_by" text NOT NULL,
	"designated_org_path" "ltree" NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "joint_meeting" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_code" text NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"state" text NOT NULL,
	"previous_meeting_id" uuid,
	"agenda" jsonb NOT NULL,
	"attendees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"minutes" text,
	"prepared_at" timestamp (3) with time zone NOT NULL,
	"prepared_by" text NOT NULL,
	"recorded_at" timestamp (3) with time zone,
	"recorded_by" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "key_person" (
	"id" uuid PRIMARY KEY NOT NULL,
	"id_number" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"org_code" text NOT NULL,
	"note" text,
	"active" boolean DEFAULT true NOT NULL,
	"added_at" timestamp (3) with time zone NOT NULL,
	"added_by" text NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_decision" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"matter" text NOT NULL,
	"matter_detail" text,
	"requirements" jsonb NOT NULL,
	"hard_case_id" uuid,
	"recipient_org_code" text NOT NULL,
	"recipient_name" text NOT NULL,
	"issuer_name" text NOT NULL,
	"due_on" date NOT NULL,
	"issued_on" date NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"signatory" text NOT NULL,
	"state" text NOT NULL,
	"reply_content" text,
	"reply_handler" text,
	"reply_head" text,
	"answered_on" date,
	"answered_at" timestamp (3) with time zone,
	"answered_by" text,
	"issuer_org_path" "ltree" NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_report" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_code" text NOT NULL,
	"period" text NOT NULL,
	"due_on" date NOT NULL,
	"nothing_found" boolean NOT NULL,
	"item_count" integer NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"filed_on" date NOT NULL,
	"filed_at" timestamp (3) with time zone NOT NULL,
	"filed_by_id" uuid,
	"filed_by_name" text NOT NULL,
	"late" boolean NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE INDEX "escalation_flag_dispute_idx" ON "escalation_flag" USING btree ("dispute_id","evaluated_at");--> statement-breakpoint
CREATE INDEX "escalation_flag_open_idx" ON "escalation_flag" USING btree ("county_code","state","evaluated_at");--> statement-breakpoint
CREATE INDEX "escalation_flag_path_gist" ON "escalation_flag" USING gist ("org_path");--> statement-breakpoint
CREATE UNIQUE INDEX "escalation_rule_code_unique" ON "escalation_rule" USING btree ("county_code","code");--> statement-breakpoint
CREATE UNIQUE INDEX "hard_case_dispute_unique" ON "hard_case" USING btree ("dispute_id");--> statement-breakpoint
CREATE INDEX "hard_case_open_idx" ON "hard_case" USING btree ("county_code","state","deadline");--> statement-breakpoint
CREATE INDEX "hard_case_path_gist" ON "hard_case" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "joint_meeting_unit_idx" ON "joint_meeting" USING btree ("org_code","held_on");--> statement-breakpoint
CREATE INDEX "joint_meeting_path_gist" ON "joint_meeting" USING gist ("org_path");--> statement-breakpoint
CREATE UNIQUE INDEX "key_person_id_number_unique" ON "key_person" USING btree ("county_code","id_number");--> statement-breakpoint
CREATE INDEX "key_person_path_gist" ON "key_person" USING gist ("org_path");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_decision_number_unique" ON "meeting_decision" USING btree ("county_code","number");--> statement-breakpoint
CREATE INDEX "meeting_decision_meeting_idx" ON "meeting_decision" USING btree ("meeting_id","seq");--> statement-breakpoint
CREATE INDEX "meeting_decision_path_gist" ON "meeting_decision" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "meeting_decision_issuer_gist" ON "meeting_decision" USING gist ("issuer_org_path");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_report_unit_period" ON "screening_report" USING btree ("org_code","period");--> statement-breakpoint
CREATE INDEX "screening_report_period_idx" ON "screening_report" USING btree ("county_code","period");--> statement-breakpoint
CREATE INDEX "screening_report_path_gist" ON "screening_report" USING gist ("org_path");
CREATE TABLE "api_client" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"org_code" text NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_warning" (
	"event_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"round" integer NOT NULL,
	"level" text NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"fired_at" timestamp (3) with time zone NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL,
	CONSTRAINT "event_warning_event_id_kind_round_level_pk" PRIMARY KEY("event_id","kind","round","level")
);
--> statement-breakpoint
CREATE TABLE "supervision_order" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"from_org_code" text NOT NULL,
	"to_org_code" text NOT NULL,
	"reason" text NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"state" text NOT NULL,
	"answer" text,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"answered_at" timestamp (3) with time zone,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
ALTER TABLE "event" ADD COLUMN "merged_into" uuid;--> statement-breakpoint
ALTER TABLE "event" ADD COLUMN "suspected_duplicate_of" uuid;--> statement-breakpoint
ALTER TABLE "event_clock" ADD COLUMN "paused_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "api_client_key_unique" ON "api_client" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "event_warning_fired_idx" ON "event_warning" USING btree ("fired_at");--> statement-breakpoint
CREATE INDEX "supervision_order_event_idx" ON "supervision_order" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "supervision_order_path_gist" ON "supervision_order" USING gist ("org_path");
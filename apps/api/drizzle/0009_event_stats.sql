CREATE TABLE "event_daily_stats" (
	"org_path" "ltree" NOT NULL,
	"day" date NOT NULL,
	"category_top" text NOT NULL,
	"reported" integer DEFAULT 0 NOT NULL,
	"self_handled" integer DEFAULT 0 NOT NULL,
	"response_due" integer DEFAULT 0 NOT NULL,
	"responded_on_time" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"closed_on_time" integer DEFAULT 0 NOT NULL,
	"reworked" integer DEFAULT 0 NOT NULL,
	"rated" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"basically_satisfied" integer DEFAULT 0 NOT NULL,
	"unsatisfied" integer DEFAULT 0 NOT NULL,
	"handle_ms" bigint DEFAULT 0 NOT NULL,
	"closed_in_grid" integer DEFAULT 0 NOT NULL,
	"closed_at_village" integer DEFAULT 0 NOT NULL,
	"closed_at_township" integer DEFAULT 0 NOT NULL,
	"closed_at_county" integer DEFAULT 0 NOT NULL,
	"county_code" char(6) NOT NULL,
	CONSTRAINT "event_daily_stats_org_path_day_category_top_pk" PRIMARY KEY("org_path","day","category_top")
);
--> statement-breakpoint
CREATE TABLE "event_fact" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"category_top" text NOT NULL,
	"reported_day" date NOT NULL,
	"closed_day" date,
	"closed" boolean NOT NULL,
	"on_time" boolean NOT NULL,
	"self_handled" boolean NOT NULL,
	"closed_level" integer,
	"response_due" boolean NOT NULL,
	"responded_on_time" boolean NOT NULL,
	"rework" integer NOT NULL,
	"rating" text,
	"handle_ms" bigint,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE INDEX "event_daily_stats_path_gist" ON "event_daily_stats" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "event_daily_stats_day" ON "event_daily_stats" USING btree ("county_code","day");--> statement-breakpoint
CREATE INDEX "event_fact_path_gist" ON "event_fact" USING gist ("org_path");
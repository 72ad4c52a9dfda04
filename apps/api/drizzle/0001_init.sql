CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"chain" text NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_id" text,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"org_path" "ltree",
	"county_code" char(6),
	"detail" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_user" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "app_user_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "role_assignment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"org_code" text NOT NULL,
	"role" text NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_session" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "governance_center" (
	"org_code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"phone" text,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grid_post" (
	"grid_code" text NOT NULL,
	"post" text NOT NULL,
	"worker_id" uuid NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL,
	CONSTRAINT "grid_post_grid_code_post_pk" PRIMARY KEY("grid_code","post")
);
--> statement-breakpoint
CREATE TABLE "grid_worker" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"ethnicity" text NOT NULL,
	"id_number" text NOT NULL,
	"phone" text NOT NULL,
	"employment" text NOT NULL,
	"village_code" text NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_unit" (
	"code" text PRIMARY KEY NOT NULL,
	"parent_code" text,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"kind" text NOT NULL,
	"urban" boolean,
	"households" integer,
	"population" integer,
	"geometry" jsonb,
	"center_lng" double precision,
	"center_lat" double precision,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_chain_seq" ON "audit_log" USING btree ("chain","seq");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_path_gist" ON "audit_log" USING gist ("org_path");--> statement-breakpoint
CREATE UNIQUE INDEX "role_assignment_unique" ON "role_assignment" USING btree ("user_id","org_code","role");--> statement-breakpoint
CREATE INDEX "role_assignment_path_gist" ON "role_assignment" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "user_session_user_idx" ON "user_session" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_session_expiry_idx" ON "user_session" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "governance_center_path_gist" ON "governance_center" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "grid_post_path_gist" ON "grid_post" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "grid_post_worker_idx" ON "grid_post" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "grid_worker_path_gist" ON "grid_worker" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "grid_worker_user_idx" ON "grid_worker" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "org_unit_path_gist" ON "org_unit" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "org_unit_parent_idx" ON "org_unit" USING btree ("parent_code","sort_order");--> statement-breakpoint
CREATE INDEX "org_unit_level_idx" ON "org_unit" USING btree ("county_code","level");
CREATE TABLE "address" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"parent_id" uuid,
	"level" text NOT NULL,
	"name" text NOT NULL,
	"full_name" text NOT NULL,
	"village_code" text NOT NULL,
	"grid_code" text NOT NULL,
	"lng" double precision,
	"lat" double precision,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "house" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"address_id" uuid NOT NULL,
	"village_code" text NOT NULL,
	"grid_code" text NOT NULL,
	"building_use" text,
	"house_use" text,
	"area" numeric(10, 2),
	"property_type" text,
	"owner_name" text,
	"owner_id_type" text,
	"owner_id_enc" "bytea",
	"owner_id_bidx" "bytea",
	"owner_phone_enc" "bytea",
	"owner_phone_bidx" "bytea",
	"rental" boolean DEFAULT false NOT NULL,
	"rental_use" text,
	"landlord_type" text,
	"max_occupants" integer,
	"actual_occupants" integer,
	"pledge_signed" boolean,
	"hazard_grade" text,
	"hazard_type" text,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL,
	"problems" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"status_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"row_hash" text,
	"import_id" uuid,
	"import_row" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "household" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"kind" text DEFAULT '1' NOT NULL,
	"address_id" uuid,
	"house_id" uuid,
	"village_code" text NOT NULL,
	"grid_code" text NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"category" text,
	"address_id" uuid,
	"address" text,
	"village_code" text NOT NULL,
	"grid_code" text NOT NULL,
	"legal_rep_name" text,
	"legal_rep_id_enc" "bytea",
	"legal_rep_id_bidx" "bytea",
	"legal_rep_phone_enc" "bytea",
	"legal_rep_phone_bidx" "bytea",
	"security_head_name" text,
	"employees" integer,
	"hazardous_chemicals" boolean,
	"hazard_type" text,
	"attention_level" text,
	"party_org" boolean,
	"school_type" text,
	"students" integer,
	"staff" integer,
	"security_staff" integer,
	"principal_name" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL,
	"problems" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"status_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"row_hash" text,
	"import_id" uuid,
	"import_row" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "person" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_type" text NOT NULL,
	"name" text NOT NULL,
	"former_name" text,
	"gender" text,
	"birth_date" date,
	"ethnicity" text,
	"native_place" text,
	"marital_status" text,
	"political_status" text,
	"education" text,
	"religion" text,
	"occupation_category" text,
	"occupation" text,
	"workplace" text,
	"organisation_id" uuid,
	"id_type" text,
	"id_enc" "bytea",
	"id_bidx" "bytea",
	"id_valid" boolean,
	"phone_enc" "bytea",
	"phone_bidx" "bytea",
	"registered_division" text,
	"registered_address" text,
	"address_id" uuid,
	"house_id" uuid,
	"residence_address" text,
	"village_code" text NOT NULL,
	"grid_code" text NOT NULL,
	"household_id" uuid,
	"relation_to_head" text,
	"person_household_consistent" boolean,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL,
	"problems" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"status_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"row_hash" text,
	"import_id" uuid,
	"import_row" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "register_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "register_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"import_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "register_import" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text,
	"file_bytes" bigint,
	"encoding" text,
	"mode" text NOT NULL,
	"id_check" text DEFAULT 'strict' NOT NULL,
	"status" text NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"created_rows" integer DEFAULT 0 NOT NULL,
	"updated_rows" integer DEFAULT 0 NOT NULL,
	"unchanged_rows" integer DEFAULT 0 NOT NULL,
	"bad_rows" integer DEFAULT 0 NOT NULL,
	"error_file" text,
	"message" text,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "address_code_key" ON "address" USING btree ("county_code","code");--> statement-breakpoint
CREATE INDEX "address_parent_idx" ON "address" USING btree ("parent_id","code");--> statement-breakpoint
CREATE INDEX "address_grid_idx" ON "address" USING btree ("grid_code","level");--> statement-breakpoint
CREATE INDEX "address_full_name_trgm" ON "address" USING gin ("full_name" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "house_code_key" ON "house" USING btree ("county_code","code");--> statement-breakpoint
CREATE INDEX "house_grid_idx" ON "house" USING btree ("grid_code");--> statement-breakpoint
CREATE INDEX "house_address_idx" ON "house" USING btree ("address_id");--> statement-breakpoint
CREATE INDEX "house_owner_id_idx" ON "house" USING btree ("county_code","owner_id_bidx") WHERE "house"."owner_id_bidx" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "household_number_key" ON "household" USING btree ("county_code","number");--> statement-breakpoint
CREATE INDEX "household_grid_idx" ON "household" USING btree ("grid_code");--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_code_key" ON "organisation" USING btree ("county_code","code");--> statement-breakpoint
CREATE INDEX "organisation_grid_idx" ON "organisation" USING btree ("grid_code");--> statement-breakpoint
CREATE INDEX "organisation_name_idx" ON "organisation" USING btree ("county_code","name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "organisation_legal_rep_idx" ON "organisation" USING btree ("county_code","legal_rep_id_bidx") WHERE "organisation"."legal_rep_id_bidx" is not null;--> statement-breakpoint
CREATE INDEX "person_id_bidx_idx" ON "person" USING btree ("county_code","id_bidx");--> statement-breakpoint
CREATE INDEX "person_phone_bidx_idx" ON "person" USING btree ("county_code","phone_bidx") WHERE "person"."phone_bidx" is not null;--> statement-breakpoint
CREATE INDEX "person_name_idx" ON "person" USING btree ("county_code","name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "person_grid_idx" ON "person" USING btree ("grid_code");--> statement-breakpoint
CREATE INDEX "person_household_idx" ON "person" USING btree ("household_id") WHERE "person"."household_id" is not null;--> statement-breakpoint
CREATE INDEX "person_address_idx" ON "person" USING btree ("address_id") WHERE "person"."address_id" is not null;--> statement-breakpoint
CREATE INDEX "person_organisation_idx" ON "person" USING btree ("organisation_id") WHERE "person"."organisation_id" is not null;--> statement-breakpoint
CREATE INDEX "register_history_entity_idx" ON "register_history" USING btree ("entity_id","id");--> statement-breakpoint
CREATE INDEX "register_import_started_idx" ON "register_import" USING btree ("county_code","started_at");
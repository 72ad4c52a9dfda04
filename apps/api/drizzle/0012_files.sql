CREATE TABLE "event_attachment" (
	"event_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"step" text NOT NULL,
	"added_by" uuid,
	"added_at" timestamp (3) with time zone NOT NULL,
	"org_path" "ltree" NOT NULL,
	"county_code" char(6) NOT NULL,
	CONSTRAINT "event_attachment_event_id_sha256_pk" PRIMARY KEY("event_id","sha256")
);
--> statement-breakpoint
CREATE TABLE "file_object" (
	"sha256" text PRIMARY KEY NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "event_attachment_sha_idx" ON "event_attachment" USING btree ("sha256");
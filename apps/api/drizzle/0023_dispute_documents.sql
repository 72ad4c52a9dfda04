ALTER TABLE "dispute_case" ADD COLUMN "agreement_generated_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "dispute_case" ADD COLUMN "agreement_signed_on" date;--> statement-breakpoint
ALTER TABLE "dispute_case" ADD COLUMN "agreement_signed_by" text;--> statement-breakpoint
ALTER TABLE "dispute_case" ADD COLUMN "judicial_reason" text;
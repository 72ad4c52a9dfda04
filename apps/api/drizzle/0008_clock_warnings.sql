ALTER TABLE "event_clock" ADD COLUMN "yellow_fired_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "event_clock" ADD COLUMN "red_fired_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE INDEX "event_clock_red_pending" ON "event_clock" USING btree ("due_at") WHERE stopped_at is null and red_fired_at is null;--> statement-breakpoint
CREATE INDEX "event_clock_yellow_pending" ON "event_clock" USING btree ("yellow_at") WHERE stopped_at is null and yellow_fired_at is null;
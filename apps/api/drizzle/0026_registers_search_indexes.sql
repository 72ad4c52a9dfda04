DROP INDEX "organisation_grid_idx";--> statement-breakpoint
DROP INDEX "person_grid_idx";--> statement-breakpoint
CREATE INDEX "dispute_party_person_idx" ON "dispute_party" USING btree ("person_id") WHERE person_id is not null;--> statement-breakpoint
CREATE INDEX "event_reporter_phone_idx" ON "event" USING btree ("reporter_phone") WHERE reporter_phone is not null;--> statement-breakpoint
CREATE INDEX "organisation_grid_name_idx" ON "organisation" USING btree ("grid_code","name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "person_grid_name_idx" ON "person" USING btree ("grid_code","name" text_pattern_ops);
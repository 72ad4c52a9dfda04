CREATE INDEX "event_category_reported_idx" ON "event" USING btree ("category_code","reported_at");--> statement-breakpoint
-- Marking a warning fired must not recompute the event's facts: only the columns the facts read.
DROP TRIGGER event_clock_refresh_fact ON event_clock;
--> statement-breakpoint
CREATE TRIGGER event_clock_refresh_fact AFTER INSERT OR UPDATE OF stopped_at, met, kind ON event_clock
  FOR EACH ROW EXECUTE FUNCTION event_changed();

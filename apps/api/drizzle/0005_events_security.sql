-- Events are seen by everyone whose scope holds the place where they happened (which includes the
-- responsible centre, always on that place's path), and by the departments and units given a task.
-- Tables created after 0002 get shizhi_app's grants from the default privileges set there.
CREATE OR REPLACE FUNCTION event_visible(p_event_id uuid, p_org_path ltree) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT p_org_path <@ app_scope()
      OR EXISTS (SELECT 1 FROM event_task t WHERE t.event_id = p_event_id AND t.assignee_org_path <@ app_scope())
  $$;
--> statement-breakpoint
ALTER TABLE event ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY event_scope ON event TO shizhi_app USING (event_visible(id, org_path));
--> statement-breakpoint
ALTER TABLE event_task ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY event_task_scope ON event_task TO shizhi_app
  USING (org_path <@ (select app_scope()) OR assignee_org_path <@ (select app_scope()));
--> statement-breakpoint
ALTER TABLE event_timeline ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY event_timeline_scope ON event_timeline TO shizhi_app USING (event_visible(event_id, org_path));
--> statement-breakpoint
ALTER TABLE event_clock ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY event_clock_scope ON event_clock TO shizhi_app USING (event_visible(event_id, org_path));
--> statement-breakpoint
-- Event numbers: SJ + county + date + this sequence, so numbers never collide across processes.
CREATE SEQUENCE IF NOT EXISTS event_number_seq;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE event_number_seq TO shizhi_app;

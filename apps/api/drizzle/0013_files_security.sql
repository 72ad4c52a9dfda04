ALTER TABLE event_attachment ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY event_attachment_scope ON event_attachment TO shizhi_app USING (event_visible(event_id, org_path));

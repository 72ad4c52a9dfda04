ALTER TABLE event_warning ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY event_warning_scope ON event_warning TO shizhi_app USING (event_visible(event_id, org_path));
--> statement-breakpoint
ALTER TABLE supervision_order ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY supervision_order_scope ON supervision_order TO shizhi_app USING (event_visible(event_id, org_path));
--> statement-breakpoint
ALTER TABLE api_client ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY api_client_scope ON api_client TO shizhi_app USING (org_path <@ (select app_scope()));

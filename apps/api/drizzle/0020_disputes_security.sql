-- Dispute cases are seen by everyone whose scope holds the place where they happened (which includes
-- the 综治中心 holding them, always on that place's path) and by the mediation body's unit, whose
-- mediators may serve places outside their own unit (a district trade body, a street 调委会).
CREATE OR REPLACE FUNCTION dispute_visible(p_dispute_id uuid, p_org_path ltree) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT p_org_path <@ app_scope()
      OR EXISTS (SELECT 1 FROM dispute_case c WHERE c.id = p_dispute_id AND c.mediation_org_path <@ app_scope())
  $$;
--> statement-breakpoint
ALTER TABLE dispute_case ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY dispute_case_scope ON dispute_case TO shizhi_app
  USING (org_path <@ (select app_scope()) OR mediation_org_path <@ (select app_scope()));
--> statement-breakpoint
ALTER TABLE dispute_party ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY dispute_party_scope ON dispute_party TO shizhi_app USING (dispute_visible(dispute_id, org_path));
--> statement-breakpoint
ALTER TABLE dispute_session ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY dispute_session_scope ON dispute_session TO shizhi_app USING (dispute_visible(dispute_id, org_path));
--> statement-breakpoint
ALTER TABLE dispute_follow_up ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY dispute_follow_up_scope ON dispute_follow_up TO shizhi_app USING (dispute_visible(dispute_id, org_path));
--> statement-breakpoint
ALTER TABLE dispute_timeline ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY dispute_timeline_scope ON dispute_timeline TO shizhi_app USING (dispute_visible(dispute_id, org_path));
--> statement-breakpoint
ALTER TABLE dispute_clock ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY dispute_clock_scope ON dispute_clock TO shizhi_app USING (dispute_visible(dispute_id, org_path));
--> statement-breakpoint
ALTER TABLE dispute_warning ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY dispute_warning_scope ON dispute_warning TO shizhi_app USING (dispute_visible(dispute_id, org_path));
--> statement-breakpoint
-- Mediation bodies and mediators of one's units and of the units above (a street's 调委会 and the
-- district's trade bodies serve a community too), like org units.
ALTER TABLE mediation_org ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY mediation_org_scope ON mediation_org TO shizhi_app
  USING (org_path <@ (select app_scope()) OR org_path @> (select app_scope()));
--> statement-breakpoint
ALTER TABLE mediator ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY mediator_scope ON mediator TO shizhi_app
  USING (org_path <@ (select app_scope()) OR org_path @> (select app_scope()));
--> statement-breakpoint
-- Case numbers: TJ + county + date + this sequence, so numbers never collide across processes.
CREATE SEQUENCE IF NOT EXISTS dispute_number_seq;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE dispute_number_seq TO shizhi_app;

-- Scope policies, second version.
-- 1. `(select app_scope())` is evaluated once per statement (an InitPlan) instead of once per row.
-- 2. The org structure above one's scope (the names and codes of one's community, street, district and
--    their 综治中心) is public administrative information; a grid worker needs it to see where they belong.
--    So org units and centres are visible within the scope AND on the path up to it. The service layer
--    still answers 404 for a unit outside the scope; only breadcrumbs and "my centre" use the path up.
-- 3. A grid worker's colleagues are visible to whoever sees a grid where they hold a post (AB岗).
DROP POLICY org_unit_scope ON org_unit;
--> statement-breakpoint
CREATE POLICY org_unit_scope ON org_unit TO shizhi_app
  USING (org_path <@ (select app_scope()) OR org_path @> (select app_scope()));
--> statement-breakpoint
DROP POLICY governance_center_scope ON governance_center;
--> statement-breakpoint
CREATE POLICY governance_center_scope ON governance_center TO shizhi_app
  USING (org_path <@ (select app_scope()) OR org_path @> (select app_scope()));
--> statement-breakpoint
DROP POLICY grid_worker_scope ON grid_worker;
--> statement-breakpoint
CREATE POLICY grid_worker_scope ON grid_worker TO shizhi_app
  USING (
    org_path <@ (select app_scope())
    OR EXISTS (SELECT 1 FROM grid_post p WHERE p.worker_id = grid_worker.id AND p.org_path <@ (select app_scope()))
  );
--> statement-breakpoint
DROP POLICY grid_post_scope ON grid_post;
--> statement-breakpoint
CREATE POLICY grid_post_scope ON grid_post TO shizhi_app USING (org_path <@ (select app_scope()));
--> statement-breakpoint
DROP POLICY role_assignment_scope ON role_assignment;
--> statement-breakpoint
CREATE POLICY role_assignment_scope ON role_assignment TO shizhi_app USING (org_path <@ (select app_scope()));
--> statement-breakpoint
DROP POLICY audit_log_read ON audit_log;
--> statement-breakpoint
CREATE POLICY audit_log_read ON audit_log FOR SELECT TO shizhi_app USING (org_path <@ (select app_scope()));

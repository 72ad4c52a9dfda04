-- The registers hold the district's people: every table is scoped by the grid the record lies in,
-- like the event and dispute tables. Imports write as the owner (COPY is not allowed under row-level
-- security) and check each row's grid against the importer's scope in code.
ALTER TABLE address ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY address_scope ON address TO shizhi_app USING (org_path <@ (select app_scope()));
--> statement-breakpoint
ALTER TABLE household ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY household_scope ON household TO shizhi_app USING (org_path <@ (select app_scope()));
--> statement-breakpoint
ALTER TABLE house ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY house_scope ON house TO shizhi_app USING (org_path <@ (select app_scope()));
--> statement-breakpoint
ALTER TABLE person ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY person_scope ON person TO shizhi_app USING (org_path <@ (select app_scope()));
--> statement-breakpoint
ALTER TABLE organisation ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_scope ON organisation TO shizhi_app USING (org_path <@ (select app_scope()));
--> statement-breakpoint
ALTER TABLE register_history ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY register_history_scope ON register_history TO shizhi_app USING (org_path <@ (select app_scope()));
--> statement-breakpoint
ALTER TABLE register_import ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY register_import_scope ON register_import TO shizhi_app USING (org_path <@ (select app_scope()));

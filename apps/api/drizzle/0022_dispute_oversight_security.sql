-- Screening reports and joint meetings belong to the unit that files or holds them; the level above
-- sees them through its subtree.
ALTER TABLE screening_report ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY screening_report_scope ON screening_report TO shizhi_app USING (org_path <@ (select app_scope()));
--> statement-breakpoint
ALTER TABLE joint_meeting ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY joint_meeting_scope ON joint_meeting TO shizhi_app USING (org_path <@ (select app_scope()));
--> statement-breakpoint
-- Hard cases and escalation flags follow their dispute case: whoever sees the case sees them
-- (dispute_visible from 0020 includes the mediation body's unit).
ALTER TABLE hard_case ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY hard_case_scope ON hard_case TO shizhi_app USING (dispute_visible(dispute_id, org_path));
--> statement-breakpoint
ALTER TABLE escalation_flag ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY escalation_flag_scope ON escalation_flag TO shizhi_app USING (dispute_visible(dispute_id, org_path));
--> statement-breakpoint
-- A 督办单 is seen by the recipient unit (which answers it) and by the issuing centre (which follows it up).
ALTER TABLE meeting_decision ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY meeting_decision_scope ON meeting_decision TO shizhi_app
  USING (org_path <@ (select app_scope()) OR issuer_org_path <@ (select app_scope()));
--> statement-breakpoint
-- Warning rules and settings are the county's: readable on the path up, like org units.
ALTER TABLE escalation_rule ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY escalation_rule_scope ON escalation_rule TO shizhi_app
  USING (org_path <@ (select app_scope()) OR org_path @> (select app_scope()));
--> statement-breakpoint
ALTER TABLE escalation_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY escalation_settings_scope ON escalation_settings TO shizhi_app
  USING (org_path <@ (select app_scope()) OR org_path @> (select app_scope()));
--> statement-breakpoint
-- The key-person list holds ID numbers: only within scope (evaluation reads it as the system).
ALTER TABLE key_person ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY key_person_scope ON key_person TO shizhi_app USING (org_path <@ (select app_scope()));

-- Row-level security and the append-only audit log.
--
-- Requests run as the NOLOGIN role shizhi_app (`SET LOCAL ROLE` inside each transaction) with the
-- user's scope in the transaction-local setting app.scope: a comma-separated list of ltree paths.
-- Rows outside every path are invisible to that transaction. The connecting user owns the tables
-- and is not subject to RLS; it only does migrations, login and system jobs.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'shizhi_app') THEN
    CREATE ROLE shizhi_app NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
GRANT shizhi_app TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO shizhi_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO shizhi_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO shizhi_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO shizhi_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO shizhi_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM shizhi_app;
--> statement-breakpoint
-- The scope of the current transaction as ltree[]; no scope set means no rows.
CREATE OR REPLACE FUNCTION app_scope() RETURNS ltree[]
  LANGUAGE sql STABLE
  AS $$ SELECT coalesce(string_to_array(nullif(current_setting('app.scope', true), ''), ',')::ltree[], '{}'::ltree[]) $$;
--> statement-breakpoint
ALTER TABLE org_unit ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_unit_scope ON org_unit TO shizhi_app USING (org_path <@ app_scope());
--> statement-breakpoint
ALTER TABLE governance_center ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY governance_center_scope ON governance_center TO shizhi_app USING (org_path <@ app_scope());
--> statement-breakpoint
ALTER TABLE grid_worker ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY grid_worker_scope ON grid_worker TO shizhi_app USING (org_path <@ app_scope());
--> statement-breakpoint
ALTER TABLE grid_post ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY grid_post_scope ON grid_post TO shizhi_app USING (org_path <@ app_scope());
--> statement-breakpoint
ALTER TABLE role_assignment ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY role_assignment_scope ON role_assignment TO shizhi_app USING (org_path <@ app_scope());
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Audit rows are read within scope (rows without a place are visible to nobody but the owner);
-- any scoped transaction may append.
CREATE POLICY audit_log_read ON audit_log FOR SELECT TO shizhi_app USING (org_path <@ app_scope());
--> statement-breakpoint
CREATE POLICY audit_log_append ON audit_log FOR INSERT TO shizhi_app WITH CHECK (true);
--> statement-breakpoint
-- The head of an audit chain, taken under a transaction-level lock so appends to one chain are
-- serialised. SECURITY DEFINER: the head may lie outside the writer's scope.
CREATE OR REPLACE FUNCTION audit_chain_head(p_chain text, OUT seq bigint, OUT hash text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || p_chain, 0));
  SELECT a.seq, a.hash INTO seq, hash FROM audit_log a WHERE a.chain = p_chain ORDER BY a.seq DESC LIMIT 1;
  IF seq IS NULL THEN
    seq := 0;
    hash := repeat('0', 64);
  END IF;
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_chain_head(text) TO shizhi_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_immutable() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_immutable();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_immutable();

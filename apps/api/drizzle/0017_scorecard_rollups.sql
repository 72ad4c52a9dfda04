CREATE TABLE "event_monthly_stats" (
	"org_path" "ltree" NOT NULL,
	"month" date NOT NULL,
	"category_top" text NOT NULL,
	"reported" integer DEFAULT 0 NOT NULL,
	"self_handled" integer DEFAULT 0 NOT NULL,
	"response_due" integer DEFAULT 0 NOT NULL,
	"responded_on_time" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"closed_on_time" integer DEFAULT 0 NOT NULL,
	"reworked" integer DEFAULT 0 NOT NULL,
	"rated" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"basically_satisfied" integer DEFAULT 0 NOT NULL,
	"unsatisfied" integer DEFAULT 0 NOT NULL,
	"handle_ms" bigint DEFAULT 0 NOT NULL,
	"closed_in_grid" integer DEFAULT 0 NOT NULL,
	"closed_at_village" integer DEFAULT 0 NOT NULL,
	"closed_at_township" integer DEFAULT 0 NOT NULL,
	"closed_at_county" integer DEFAULT 0 NOT NULL,
	"county_code" char(6) NOT NULL,
	CONSTRAINT "event_monthly_stats_org_path_month_category_top_pk" PRIMARY KEY("org_path","month","category_top")
);
--> statement-breakpoint
ALTER TABLE "event_fact" ADD COLUMN "open_due_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE INDEX "event_monthly_stats_path_gist" ON "event_monthly_stats" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "event_monthly_stats_month" ON "event_monthly_stats" USING btree ("county_code","month");--> statement-breakpoint
CREATE INDEX "event_fact_open_due" ON "event_fact" USING btree ("reported_day","open_due_at","org_path","category_top") WHERE not closed;--> statement-breakpoint
-- Scorecard rollups, part two (hand-written): monthly counters next to the daily ones, and on each fact
-- the earliest due time of the clocks still running, so a scorecard neither sums a year of days nor
-- looks at event_clock to count the open overdue cases.
--
-- The facts gain open_due_at as their last column, and so does the view they are computed from.
CREATE OR REPLACE VIEW event_fact_source AS
SELECT
  e.id AS event_id,
  left(e.category_code, 2) AS category_top,
  ((e.reported_at AT TIME ZONE 'UTC') + interval '8 hours')::date AS reported_day,
  CASE WHEN e.closed_at IS NOT NULL AND e.state IN ('closed', 'evaluated')
    THEN ((e.closed_at AT TIME ZONE 'UTC') + interval '8 hours')::date END AS closed_day,
  e.state IN ('closed', 'evaluated') AS closed,
  e.state IN ('closed', 'evaluated') AND NOT coalesce(k.missed, false) AS on_time,
  e.self_handled,
  CASE WHEN e.state IN ('closed', 'evaluated') THEN
    CASE WHEN e.self_handled AND NOT e.has_lead_task THEN 6 ELSE nlevel(e.owner_org_path) END END AS closed_level,
  coalesce(k.accept_stopped, false) AS response_due,
  coalesce(k.accept_stopped AND k.accept_all_met, false) AS responded_on_time,
  e.rework_count AS rework,
  e.rating,
  CASE WHEN e.state IN ('closed', 'evaluated') AND e.closed_at IS NOT NULL
    THEN (extract(epoch FROM e.closed_at - e.reported_at) * 1000)::bigint END AS handle_ms,
  subpath(e.org_path, 0, least(nlevel(e.org_path), 5)) AS org_path,
  e.county_code,
  k.open_due_at
FROM event e
LEFT JOIN LATERAL (
  SELECT
    bool_or(c.met = false) AS missed,
    bool_or(c.kind = 'accept' AND c.stopped_at IS NOT NULL) AS accept_stopped,
    coalesce(bool_and(c.met) FILTER (WHERE c.kind = 'accept' AND c.stopped_at IS NOT NULL), false) AS accept_all_met,
    min(c.due_at) FILTER (WHERE c.stopped_at IS NULL) AS open_due_at
  FROM event_clock c WHERE c.event_id = e.id
) k ON true;
--> statement-breakpoint
-- One fact's counters, added (sign 1) or taken away (sign -1), in the day and the month it counts in:
-- reported ones on the day reported, closed ones on the day closed.
CREATE OR REPLACE FUNCTION event_stats_apply(f event_fact, sign integer) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
DECLARE
  reported_month date := date_trunc('month', f.reported_day::timestamp)::date;
  closed_month date := date_trunc('month', f.closed_day::timestamp)::date;
BEGIN
  INSERT INTO event_daily_stats AS s (org_path, day, category_top, county_code, reported, self_handled, response_due, responded_on_time, reworked)
  VALUES (f.org_path, f.reported_day, f.category_top, f.county_code, sign, sign * f.self_handled::int,
          sign * f.response_due::int, sign * f.responded_on_time::int, sign * (f.rework > 0)::int)
  ON CONFLICT (org_path, day, category_top) DO UPDATE SET
    reported = s.reported + excluded.reported,
    self_handled = s.self_handled + excluded.self_handled,
    response_due = s.response_due + excluded.response_due,
    responded_on_time = s.responded_on_time + excluded.responded_on_time,
    reworked = s.reworked + excluded.reworked;
  INSERT INTO event_monthly_stats AS s (org_path, month, category_top, county_code, reported, self_handled, response_due, responded_on_time, reworked)
  VALUES (f.org_path, reported_month, f.category_top, f.county_code, sign, sign * f.self_handled::int,
          sign * f.response_due::int, sign * f.responded_on_time::int, sign * (f.rework > 0)::int)
  ON CONFLICT (org_path, month, category_top) DO UPDATE SET
    reported = s.reported + excluded.reported,
    self_handled = s.self_handled + excluded.self_handled,
    response_due = s.response_due + excluded.response_due,
    responded_on_time = s.responded_on_time + excluded.responded_on_time,
    reworked = s.reworked + excluded.reworked;
  IF f.closed AND f.closed_day IS NOT NULL THEN
    INSERT INTO event_daily_stats AS s (org_path, day, category_top, county_code, closed, closed_on_time, rated, satisfied,
      basically_satisfied, unsatisfied, handle_ms, closed_in_grid, closed_at_village, closed_at_township, closed_at_county)
    VALUES (f.org_path, f.closed_day, f.category_top, f.county_code, sign, sign * f.on_time::int,
      sign * (f.rating IS NOT NULL)::int, sign * (f.rating IS NOT DISTINCT FROM 'satisfied')::int, sign * (f.rating IS NOT DISTINCT FROM 'basically_satisfied')::int,
      sign * (f.rating IS NOT DISTINCT FROM 'unsatisfied')::int, sign * coalesce(f.handle_ms, 0),
      sign * (f.closed_level IS NOT DISTINCT FROM 6)::int, sign * (f.closed_level IS NOT DISTINCT FROM 5)::int,
      sign * (f.closed_level IS NOT DISTINCT FROM 4)::int, sign * (f.closed_level IS NOT DISTINCT FROM 3)::int)
    ON CONFLICT (org_path, day, category_top) DO UPDATE SET
      closed = s.closed + excluded.closed,
      closed_on_time = s.closed_on_time + excluded.closed_on_time,
      rated = s.rated + excluded.rated,
      satisfied = s.satisfied + excluded.satisfied,
      basically_satisfied = s.basically_satisfied + excluded.basically_satisfied,
      unsatisfied = s.unsatisfied + excluded.unsatisfied,
      handle_ms = s.handle_ms + excluded.handle_ms,
      closed_in_grid = s.closed_in_grid + excluded.closed_in_grid,
      closed_at_village = s.closed_at_village + excluded.closed_at_village,
      closed_at_township = s.closed_at_township + excluded.closed_at_township,
      closed_at_county = s.closed_at_county + excluded.closed_at_county;
    INSERT INTO event_monthly_stats AS s (org_path, month, category_top, county_code, closed, closed_on_time, rated, satisfied,
      basically_satisfied, unsatisfied, handle_ms, closed_in_grid, closed_at_village, closed_at_township, closed_at_county)
    VALUES (f.org_path, closed_month, f.category_top, f.county_code, sign, sign * f.on_time::int,
      sign * (f.rating IS NOT NULL)::int, sign * (f.rating IS NOT DISTINCT FROM 'satisfied')::int, sign * (f.rating IS NOT DISTINCT FROM 'basically_satisfied')::int,
      sign * (f.rating IS NOT DISTINCT FROM 'unsatisfied')::int, sign * coalesce(f.handle_ms, 0),
      sign * (f.closed_level IS NOT DISTINCT FROM 6)::int, sign * (f.closed_level IS NOT DISTINCT FROM 5)::int,
      sign * (f.closed_level IS NOT DISTINCT FROM 4)::int, sign * (f.closed_level IS NOT DISTINCT FROM 3)::int)
    ON CONFLICT (org_path, month, category_top) DO UPDATE SET
      closed = s.closed + excluded.closed,
      closed_on_time = s.closed_on_time + excluded.closed_on_time,
      rated = s.rated + excluded.rated,
      satisfied = s.satisfied + excluded.satisfied,
      basically_satisfied = s.basically_satisfied + excluded.basically_satisfied,
      unsatisfied = s.unsatisfied + excluded.unsatisfied,
      handle_ms = s.handle_ms + excluded.handle_ms,
      closed_in_grid = s.closed_in_grid + excluded.closed_in_grid,
      closed_at_village = s.closed_at_village + excluded.closed_at_village,
      closed_at_township = s.closed_at_township + excluded.closed_at_township,
      closed_at_county = s.closed_at_county + excluded.closed_at_county;
  END IF;
END
$$;
--> statement-breakpoint
-- A change of open_due_at alone (a clock started, stopped, paused, resumed or extended without other
-- consequences) moves no counter, so it leaves the rollups alone.
CREATE OR REPLACE FUNCTION event_fact_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
BEGIN
  IF current_setting('shizhi.bulk', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND
     (OLD.category_top, OLD.reported_day, OLD.closed_day, OLD.closed, OLD.on_time, OLD.self_handled, OLD.closed_level,
      OLD.response_due, OLD.responded_on_time, OLD.rework, OLD.rating, OLD.handle_ms, OLD.org_path, OLD.county_code)
     IS NOT DISTINCT FROM
     (NEW.category_top, NEW.reported_day, NEW.closed_day, NEW.closed, NEW.on_time, NEW.self_handled, NEW.closed_level,
      NEW.response_due, NEW.responded_on_time, NEW.rework, NEW.rating, NEW.handle_ms, NEW.org_path, NEW.county_code) THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM event_stats_apply(OLD, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM event_stats_apply(NEW, 1); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refresh_event_fact(p_event_id uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
BEGIN
  IF current_setting('shizhi.bulk', true) = 'on' THEN RETURN; END IF;
  INSERT INTO event_fact AS f (event_id, category_top, reported_day, closed_day, closed, on_time, self_handled, closed_level,
    response_due, responded_on_time, rework, rating, handle_ms, org_path, county_code, open_due_at)
  SELECT event_id, category_top, reported_day, closed_day, closed, on_time, self_handled, closed_level,
    response_due, responded_on_time, rework, rating, handle_ms, org_path, county_code, open_due_at
  FROM event_fact_source WHERE event_id = p_event_id
  ON CONFLICT (event_id) DO UPDATE SET
    category_top = excluded.category_top, reported_day = excluded.reported_day, closed_day = excluded.closed_day,
    closed = excluded.closed, on_time = excluded.on_time, self_handled = excluded.self_handled,
    closed_level = excluded.closed_level, response_due = excluded.response_due,
    responded_on_time = excluded.responded_on_time, rework = excluded.rework, rating = excluded.rating,
    handle_ms = excluded.handle_ms, org_path = excluded.org_path, county_code = excluded.county_code,
    open_due_at = excluded.open_due_at
  WHERE (f.category_top, f.reported_day, f.closed_day, f.closed, f.on_time, f.self_handled, f.closed_level,
         f.response_due, f.responded_on_time, f.rework, f.rating, f.handle_ms, f.org_path, f.county_code, f.open_due_at)
    IS DISTINCT FROM
        (excluded.category_top, excluded.reported_day, excluded.closed_day, excluded.closed, excluded.on_time,
         excluded.self_handled, excluded.closed_level, excluded.response_due, excluded.responded_on_time,
         excluded.rework, excluded.rating, excluded.handle_ms, excluded.org_path, excluded.county_code, excluded.open_due_at);
END
$$;
--> statement-breakpoint
-- A clock's due time now counts too: 挂起/恢复 and 延期 move it. Marking a warning fired still does not.
DROP TRIGGER IF EXISTS event_clock_refresh_fact ON event_clock;
--> statement-breakpoint
CREATE TRIGGER event_clock_refresh_fact AFTER INSERT OR UPDATE OF stopped_at, met, kind, due_at ON event_clock
  FOR EACH ROW EXECUTE FUNCTION event_changed();
--> statement-breakpoint
-- Fills the (empty) monthly rollup by summing the daily one.
CREATE OR REPLACE FUNCTION event_monthly_stats_from_days() RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public
  AS $$
  INSERT INTO event_monthly_stats (org_path, month, category_top, county_code, reported, self_handled, response_due,
    responded_on_time, closed, closed_on_time, reworked, rated, satisfied, basically_satisfied, unsatisfied, handle_ms,
    closed_in_grid, closed_at_village, closed_at_township, closed_at_county)
  SELECT org_path, date_trunc('month', day::timestamp)::date, category_top, min(county_code), sum(reported), sum(self_handled),
    sum(response_due), sum(responded_on_time), sum(closed), sum(closed_on_time), sum(reworked), sum(rated), sum(satisfied),
    sum(basically_satisfied), sum(unsatisfied), sum(handle_ms), sum(closed_in_grid), sum(closed_at_village),
    sum(closed_at_township), sum(closed_at_county)
  FROM event_daily_stats GROUP BY org_path, date_trunc('month', day::timestamp)::date, category_top
  ORDER BY 2, 1, 3
$$;
--> statement-breakpoint
-- Recomputes every fact and both rollups set-based: after a bulk load, or to repair. The months are
-- summed from the days, so the two can never disagree.
CREATE OR REPLACE FUNCTION rebuild_event_stats() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
BEGIN
  PERFORM set_config('shizhi.bulk', 'on', true);
  DELETE FROM event_monthly_stats;
  DELETE FROM event_daily_stats;
  DELETE FROM event_fact;
  INSERT INTO event_fact (event_id, category_top, reported_day, closed_day, closed, on_time, self_handled, closed_level,
    response_due, responded_on_time, rework, rating, handle_ms, org_path, county_code, open_due_at)
  SELECT event_id, category_top, reported_day, closed_day, closed, on_time, self_handled, closed_level,
    response_due, responded_on_time, rework, rating, handle_ms, org_path, county_code, open_due_at FROM event_fact_source;
  -- Each day's row is written once (reported and closed counters together, no second pass leaving
  -- dead rows behind), in order of day, as live use lays them down: a period's days sit together.
  INSERT INTO event_daily_stats (org_path, day, category_top, county_code, reported, self_handled, response_due,
    responded_on_time, reworked, closed, closed_on_time, rated, satisfied, basically_satisfied, unsatisfied, handle_ms,
    closed_in_grid, closed_at_village, closed_at_township, closed_at_county)
  SELECT org_path, day, category_top, min(county_code), sum(reported), sum(self_handled), sum(response_due),
    sum(responded_on_time), sum(reworked), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied),
    sum(basically_satisfied), sum(unsatisfied), sum(handle_ms), sum(closed_in_grid), sum(closed_at_village),
    sum(closed_at_township), sum(closed_at_county)
  FROM (
    SELECT org_path, reported_day AS day, category_top, county_code, 1 AS reported, self_handled::int AS self_handled,
      response_due::int AS response_due, responded_on_time::int AS responded_on_time, (rework > 0)::int AS reworked,
      0 AS closed, 0 AS closed_on_time, 0 AS rated, 0 AS satisfied, 0 AS basically_satisfied, 0 AS unsatisfied,
      0::bigint AS handle_ms, 0 AS closed_in_grid, 0 AS closed_at_village, 0 AS closed_at_township, 0 AS closed_at_county
    FROM event_fact
    UNION ALL
    SELECT org_path, closed_day, category_top, county_code, 0, 0, 0, 0, 0, 1, on_time::int, (rating IS NOT NULL)::int,
      (rating IS NOT DISTINCT FROM 'satisfied')::int, (rating IS NOT DISTINCT FROM 'basically_satisfied')::int,
      (rating IS NOT DISTINCT FROM 'unsatisfied')::int, coalesce(handle_ms, 0),
      (closed_level IS NOT DISTINCT FROM 6)::int, (closed_level IS NOT DISTINCT FROM 5)::int,
      (closed_level IS NOT DISTINCT FROM 4)::int, (closed_level IS NOT DISTINCT FROM 3)::int
    FROM event_fact WHERE closed AND closed_day IS NOT NULL
  ) f
  GROUP BY org_path, day, category_top
  ORDER BY day, org_path, category_top;
  PERFORM event_monthly_stats_from_days();
  PERFORM set_config('shizhi.bulk', 'off', true);
END
$$;
--> statement-breakpoint
-- Backfill: the running due times of the facts there are, and the months from the days there are.
SELECT set_config('shizhi.bulk', 'on', true);
--> statement-breakpoint
UPDATE event_fact f SET open_due_at = k.open_due_at
FROM (SELECT event_id, min(due_at) AS open_due_at FROM event_clock WHERE stopped_at IS NULL GROUP BY event_id) k
WHERE k.event_id = f.event_id;
--> statement-breakpoint
SELECT set_config('shizhi.bulk', 'off', true);
--> statement-breakpoint
SELECT event_monthly_stats_from_days();
--> statement-breakpoint
-- Tables created after 0002 get shizhi_app's grants from the default privileges set there.
ALTER TABLE event_monthly_stats ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY event_monthly_stats_scope ON event_monthly_stats TO shizhi_app USING (org_path <@ (select app_scope()));

-- Scorecard rollups kept current by triggers.
--
-- event_fact_source computes one event's facts from the event and its clocks; refresh_event_fact
-- upserts them whenever the event or a clock changes (so the order of writes never matters), and a
-- trigger on event_fact moves each change into event_daily_stats as old → new differences.
-- Bulk loaders set the transaction-local flag shizhi.bulk = 'on' to skip the per-row work and call
-- rebuild_event_stats() once at the end.
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
  e.county_code
FROM event e
LEFT JOIN LATERAL (
  SELECT
    bool_or(c.met = false) AS missed,
    bool_or(c.kind = 'accept' AND c.stopped_at IS NOT NULL) AS accept_stopped,
    coalesce(bool_and(c.met) FILTER (WHERE c.kind = 'accept' AND c.stopped_at IS NOT NULL), false) AS accept_all_met
  FROM event_clock c WHERE c.event_id = e.id
) k ON true;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION event_stats_apply(f event_fact, sign integer) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
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
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION event_fact_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
BEGIN
  IF current_setting('shizhi.bulk', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM event_stats_apply(OLD, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM event_stats_apply(NEW, 1); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER event_fact_to_stats AFTER INSERT OR UPDATE OR DELETE ON event_fact
  FOR EACH ROW EXECUTE FUNCTION event_fact_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refresh_event_fact(p_event_id uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
BEGIN
  IF current_setting('shizhi.bulk', true) = 'on' THEN RETURN; END IF;
  INSERT INTO event_fact AS f (event_id, category_top, reported_day, closed_day, closed, on_time, self_handled, closed_level,
    response_due, responded_on_time, rework, rating, handle_ms, org_path, county_code)
  SELECT event_id, category_top, reported_day, closed_day, closed, on_time, self_handled, closed_level,
    response_due, responded_on_time, rework, rating, handle_ms, org_path, county_code
  FROM event_fact_source WHERE event_id = p_event_id
  ON CONFLICT (event_id) DO UPDATE SET
    category_top = excluded.category_top, reported_day = excluded.reported_day, closed_day = excluded.closed_day,
    closed = excluded.closed, on_time = excluded.on_time, self_handled = excluded.self_handled,
    closed_level = excluded.closed_level, response_due = excluded.response_due,
    responded_on_time = excluded.responded_on_time, rework = excluded.rework, rating = excluded.rating,
    handle_ms = excluded.handle_ms, org_path = excluded.org_path, county_code = excluded.county_code
  WHERE (f.category_top, f.reported_day, f.closed_day, f.closed, f.on_time, f.self_handled, f.closed_level,
         f.response_due, f.responded_on_time, f.rework, f.rating, f.handle_ms, f.org_path)
    IS DISTINCT FROM
        (excluded.category_top, excluded.reported_day, excluded.closed_day, excluded.closed, excluded.on_time,
         excluded.self_handled, excluded.closed_level, excluded.response_due, excluded.responded_on_time,
         excluded.rework, excluded.rating, excluded.handle_ms, excluded.org_path);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION event_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
BEGIN
  PERFORM refresh_event_fact(NEW.event_id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION event_row_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
BEGIN
  PERFORM refresh_event_fact(NEW.id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER event_refresh_fact AFTER INSERT OR UPDATE ON event
  FOR EACH ROW EXECUTE FUNCTION event_row_changed();
--> statement-breakpoint
CREATE TRIGGER event_clock_refresh_fact AFTER INSERT OR UPDATE ON event_clock
  FOR EACH ROW EXECUTE FUNCTION event_changed();
--> statement-breakpoint
-- Recomputes every fact and the whole rollup set-based: after a bulk load, or to repair.
CREATE OR REPLACE FUNCTION rebuild_event_stats() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
BEGIN
  PERFORM set_config('shizhi.bulk', 'on', true);
  DELETE FROM event_daily_stats;
  DELETE FROM event_fact;
  INSERT INTO event_fact SELECT event_id, category_top, reported_day, closed_day, closed, on_time, self_handled,
    closed_level, response_due, responded_on_time, rework, rating, handle_ms, org_path, county_code FROM event_fact_source;
  INSERT INTO event_daily_stats (org_path, day, category_top, county_code, reported, self_handled, response_due, responded_on_time, reworked)
  SELECT org_path, reported_day, category_top, min(county_code), count(*), count(*) FILTER (WHERE self_handled),
    count(*) FILTER (WHERE response_due), count(*) FILTER (WHERE responded_on_time), count(*) FILTER (WHERE rework > 0)
  FROM event_fact GROUP BY org_path, reported_day, category_top;
  INSERT INTO event_daily_stats AS s (org_path, day, category_top, county_code, closed, closed_on_time, rated, satisfied,
    basically_satisfied, unsatisfied, handle_ms, closed_in_grid, closed_at_village, closed_at_township, closed_at_county)
  SELECT org_path, closed_day, category_top, min(county_code), count(*), count(*) FILTER (WHERE on_time),
    count(*) FILTER (WHERE rating IS NOT NULL), count(*) FILTER (WHERE rating = 'satisfied'),
    count(*) FILTER (WHERE rating = 'basically_satisfied'), count(*) FILTER (WHERE rating = 'unsatisfied'),
    coalesce(sum(handle_ms), 0), count(*) FILTER (WHERE closed_level = 6), count(*) FILTER (WHERE closed_level = 5),
    count(*) FILTER (WHERE closed_level = 4), count(*) FILTER (WHERE closed_level = 3)
  FROM event_fact WHERE closed AND closed_day IS NOT NULL GROUP BY org_path, closed_day, category_top
  ON CONFLICT (org_path, day, category_top) DO UPDATE SET
    closed = excluded.closed, closed_on_time = excluded.closed_on_time, rated = excluded.rated,
    satisfied = excluded.satisfied, basically_satisfied = excluded.basically_satisfied,
    unsatisfied = excluded.unsatisfied, handle_ms = excluded.handle_ms, closed_in_grid = excluded.closed_in_grid,
    closed_at_village = excluded.closed_at_village, closed_at_township = excluded.closed_at_township,
    closed_at_county = excluded.closed_at_county;
  PERFORM set_config('shizhi.bulk', 'off', true);
END
$$;
--> statement-breakpoint
ALTER TABLE event_fact ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY event_fact_scope ON event_fact TO shizhi_app USING (org_path <@ (select app_scope()));
--> statement-breakpoint
ALTER TABLE event_daily_stats ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY event_daily_stats_scope ON event_daily_stats TO shizhi_app USING (org_path <@ (select app_scope()));

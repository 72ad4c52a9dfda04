-- Audit appends and report filing each become one statement, so the per-county chain lock is held
-- for the end of one statement and its commit instead of across client round trips.
--
-- audit_append(entries): each entry carries its columns and `canon`, the canonical JSON of the
-- record without its sequence number, computed by the application (platform/audit/write.ts). The
-- sequence key sorts last in canonical JSON, so the full record text is canon minus its closing
-- brace plus ',"seq":N}': the hash is the same sha256(prev_hash || '\n' || record) as before, and
-- verifyAuditChains checks old and new rows alike.
CREATE OR REPLACE FUNCTION audit_append(p_entries jsonb) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
DECLARE
  v_chain text;
  v_seq bigint;
  v_hash text;
  v_canon text;
  v_seqs bigint[];
  v_prevs text[];
  v_hashes text[];
BEGIN
  FOR v_chain IN
    SELECT c.chain FROM (SELECT DISTINCT x->>'chain' AS chain FROM jsonb_array_elements(p_entries) AS x) c ORDER BY c.chain COLLATE "C"
  LOOP
    SELECT h.seq, h.hash INTO v_seq, v_hash FROM audit_chain_head(v_chain) AS h;
    v_seqs := '{}';
    v_prevs := '{}';
    v_hashes := '{}';
    -- The hashes are a chain, computed one after the other; the rows then go in with one INSERT.
    FOR v_canon IN
      SELECT t.x->>'canon' FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS t(x, i) WHERE t.x->>'chain' = v_chain ORDER BY t.i
    LOOP
      v_seq := v_seq + 1;
      v_prevs := v_prevs || v_hash;
      v_hash := encode(sha256(convert_to(v_hash || E'\n' || left(v_canon, -1) || ',"seq":' || v_seq || '}', 'UTF8')), 'hex');
      v_seqs := v_seqs || v_seq;
      v_hashes := v_hashes || v_hash;
    END LOOP;
    INSERT INTO audit_log (chain, seq, at, actor_id, actor_name, action, entity_type, entity_id, org_path, county_code, detail, prev_hash, hash)
    SELECT v_chain, v_seqs[e.n], (e.x->>'at')::timestamptz, e.x->>'actorId', e.x->>'actorName', e.x->>'action',
      e.x->>'entityType', e.x->>'entityId', (e.x->>'orgPath')::ltree, e.x->>'countyCode', e.x->'detail', v_prevs[e.n], v_hashes[e.n]
    FROM (
      SELECT t.x, row_number() OVER (ORDER BY t.i) AS n
      FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS t(x, i) WHERE t.x->>'chain' = v_chain
    ) e
    ORDER BY e.n;
  END LOOP;
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_append(jsonb) TO shizhi_app;
--> statement-breakpoint
CREATE INDEX event_open_point_gist ON event USING gist (point(lng, lat))
  WHERE lng IS NOT NULL AND lat IS NOT NULL AND merged_into IS NULL AND state NOT IN ('rejected', 'closed', 'evaluated');
--> statement-breakpoint
-- file_event(event, scope, audit): the whole of a new report in one statement — replay of a used
-- idempotency key, the duplicate probe, the number, the event, its first timeline entry, its photos,
-- its first clock and its audit row. With a scope it writes as shizhi_app under row-level security,
-- restoring the caller's role and scope before it returns (it may run inside a larger transaction).
CREATE OR REPLACE FUNCTION file_event(p jsonb, p_scope text, p_audit jsonb)
  RETURNS TABLE (o_id uuid, o_number text, o_tracking_code text, o_org_path text, o_replayed boolean)
  LANGUAGE plpgsql
  AS $$
DECLARE
  v_role text := current_setting('role');
  v_old_scope text := coalesce(current_setting('app.scope', true), '');
  v_id uuid := (p->>'id')::uuid;
  v_key text := p->>'idempotencyKey';
  v_now timestamptz := (p->>'reportedAt')::timestamptz;
  v_lng float8 := (p->>'lng')::float8;
  v_lat float8 := (p->>'lat')::float8;
  v_path ltree := (p->>'orgPath')::ltree;
  v_county text := p->>'countyCode';
  v_metres float8 := (p->>'duplicateMetres')::float8;
  v_dlat float8 := v_metres / 111320.0;
  v_dlng float8;
  v_duplicate uuid;
  v_number text;
BEGIN
  -- The replay and the duplicate probe read as the caller: a key belongs to one filer, and a
  -- duplicate just across the border of the filer's area is still worth flagging to the centre.
  IF v_key IS NOT NULL THEN
    RETURN QUERY SELECT e.id, e.number, e.tracking_code, e.org_path::text, true FROM event e WHERE e.idempotency_key = v_key;
    IF FOUND THEN
      RETURN;
    END IF;
  END IF;
  -- The duplicate probe: an open report of the same category within the window the application
  -- passes (events/duplicates.ts: 100 metres, 72 hours), nearest first. The spatial index on open
  -- reports bounds the candidates by how many open matters lie within a block of this one, however
  -- busy the district is.
  IF v_lng IS NOT NULL AND v_lat IS NOT NULL THEN
    v_dlng := v_dlat / cos(radians(v_lat));
    SELECT d.id INTO v_duplicate FROM (
      SELECT e.id, 2 * 6371000 * asin(sqrt(power(sin(radians(e.lat - v_lat) / 2), 2)
        + cos(radians(v_lat)) * cos(radians(e.lat)) * power(sin(radians(e.lng - v_lng) / 2), 2))) AS distance
      FROM event e
      WHERE point(e.lng, e.lat) <@ box(point(v_lng - v_dlng, v_lat - v_dlat), point(v_lng + v_dlng, v_lat + v_dlat))
        AND e.lng IS NOT NULL AND e.lat IS NOT NULL AND e.merged_into IS NULL AND e.state NOT IN ('rejected', 'closed', 'evaluated')
        AND e.category_code = p->>'categoryCode' AND e.reported_at >= v_now - make_interval(hours => (p->>'duplicateHours')::int) AND e.id <> v_id
    ) d WHERE d.distance <= v_metres ORDER BY d.distance LIMIT 1;
  END IF;
  -- Everything written from here on is checked by row-level security when a scope is given.
  IF p_scope IS NOT NULL THEN
    PERFORM set_config('app.scope', p_scope, true), set_config('role', 'shizhi_app', true);
  END IF;
  v_number := 'SJ' || v_county || to_char(v_now AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('event_number_seq')::text, 6, '0');
  -- The event goes in last but for its audit row: its triggers update the day's and the month's
  -- rollup rows, which every report from the same community that day also updates, so those row
  -- locks are held only for the rest of this statement and its commit. Its clock, timeline entry
  -- and photos go in before it (their triggers find no event yet; the event's trigger then
  -- computes the scorecard facts once, clock included).
  INSERT INTO event_clock (event_id, kind, round, started_at, due_at, yellow_at, org_path, county_code)
  VALUES (v_id, 'accept', 1, v_now, (p->>'acceptDueAt')::timestamptz, (p->>'acceptYellowAt')::timestamptz, v_path, v_county);
  INSERT INTO event_timeline (id, event_id, at, actor_id, actor_name, action, from_state, to_state, text, data, org_path, county_code)
  VALUES ((p->>'timelineId')::uuid, v_id, v_now, (p->>'reporterUserId')::uuid, p->>'timelineActor', 'report', NULL, 'reported',
    p->>'description', p->'timelineData', v_path, v_county);
  INSERT INTO event_attachment (event_id, sha256, step, added_by, added_at, org_path, county_code)
  SELECT DISTINCT v_id, s.sha256, 'report', (p->>'reporterUserId')::uuid, v_now, v_path, v_county
  FROM jsonb_array_elements_text(coalesce(p->'photos', '[]'::jsonb)) AS s(sha256)
  ON CONFLICT DO NOTHING;
  INSERT INTO event (id, number, source, category_code, category_version, rules, title, description, address, lng, lat, grid_code,
    owner_org_code, owner_org_path, state, reporter_user_id, reporter_name, reporter_phone, tracking_code, idempotency_key,
    suspected_duplicate_of, reported_at, org_path, county_code)
  VALUES (v_id, v_number, p->>'source', p->>'categoryCode', (p->>'categoryVersion')::int, p->'rules', p->>'title', p->>'description',
    p->>'address', v_lng, v_lat, p->>'gridCode', p->>'ownerOrgCode', (p->>'ownerOrgPath')::ltree, 'reported',
    (p->>'reporterUserId')::uuid, p->>'reporterName', p->>'reporterPhone', p->>'trackingCode', v_key,
    v_duplicate, v_now, v_path, v_county)
  ON CONFLICT (idempotency_key) DO NOTHING;
  IF NOT FOUND THEN
    -- Another request with the same key committed first: what this one wrote goes.
    DELETE FROM event_attachment WHERE event_id = v_id;
    DELETE FROM event_timeline WHERE event_id = v_id;
    DELETE FROM event_clock WHERE event_id = v_id;
    RETURN QUERY SELECT e.id, e.number, e.tracking_code, e.org_path::text, true FROM event e WHERE e.idempotency_key = v_key;
    PERFORM set_config('app.scope', v_old_scope, true), set_config('role', v_role, true);
    RETURN;
  END IF;
  PERFORM audit_append(p_audit);
  PERFORM set_config('app.scope', v_old_scope, true), set_config('role', v_role, true);
  RETURN QUERY SELECT v_id, v_number, p->>'trackingCode', v_path::text, false;
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION file_event(jsonb, text, jsonb) TO shizhi_app;
--> statement-breakpoint
-- Row checks on the event tables test the place first: a row in the actor's scope passes without
-- calling event_visible(), a SQL function planned on every call (it has a subquery, so it cannot be
-- inlined). Same rows visible as before; a department still sees events through its tasks.
ALTER POLICY event_scope ON event USING (org_path <@ (select app_scope()) OR event_visible(id, org_path));
--> statement-breakpoint
ALTER POLICY event_timeline_scope ON event_timeline USING (org_path <@ (select app_scope()) OR event_visible(event_id, org_path));
--> statement-breakpoint
ALTER POLICY event_clock_scope ON event_clock USING (org_path <@ (select app_scope()) OR event_visible(event_id, org_path));
--> statement-breakpoint
ALTER POLICY event_warning_scope ON event_warning USING (org_path <@ (select app_scope()) OR event_visible(event_id, org_path));
--> statement-breakpoint
ALTER POLICY supervision_order_scope ON supervision_order USING (org_path <@ (select app_scope()) OR event_visible(event_id, org_path));
--> statement-breakpoint
ALTER POLICY event_attachment_scope ON event_attachment USING (org_path <@ (select app_scope()) OR event_visible(event_id, org_path));

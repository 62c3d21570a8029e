-- Rows are spread evenly over [${start}, ${start} + ${span}) epoch seconds: the covered Melbourne days.

INSERT INTO pm_internal.way (way_id, name, geoj_way_feature, ar_f_path, maintenance_contact, length_m, speed_limit, built_on, updated_at)
SELECT w,
       (ARRAY['Flinders', 'Swanston', 'Elizabeth', 'Collins', 'Bourke', 'Lonsdale', 'Spencer', 'Queen', 'William', 'Lygon'])[1 + pg_temp.pick(w, 1, 10)]
           || ' ' || (ARRAY['Street', 'Road', 'Avenue', 'Parade', 'Highway'])[1 + pg_temp.pick(w, 2, 5)] || ' #' || w,
       '{"type":"Feature","properties":{"way_id":' || w || '},"geometry":{"type":"LineString","coordinates":['
           || geometry.coordinates || ']}}',
       '{' || translate(geometry.coordinates, '[]', '{}') || '}',
       'Crew ' || (1 + pg_temp.pick(w, 12, 40)) || ', supervisor on 0400 555 ' || lpad(pg_temp.pick(w, 13, 1000)::text, 3, '0'),
       round((geometry.points * 11.3 + pg_temp.rnd(w, 3) * 10) * 1e3) / 1e3,
       (ARRAY[40, 50, 60, 70, 80, 100, 110])[1 + pg_temp.pick(w, 4, 7)]::smallint,
       DATE '1960-01-01' + pg_temp.pick(w, 5, 23000)::int,
       to_timestamp(${start} + pg_temp.pick(w, 6, ${span}))
FROM generate_series(1, ${ways}::bigint) AS w
CROSS JOIN LATERAL (
    SELECT count(*) AS points,
           string_agg('[' || round((144.85 + pg_temp.rnd(w, 7) * 0.3 + p * 0.00011) * 1e6) / 1e6
                      || ',' || round((-37.95 + pg_temp.rnd(w, 8) * 0.3 + p * 0.00007) * 1e6) / 1e6 || ']', ',' ORDER BY p) AS coordinates
    FROM generate_series(1, 20 + pg_temp.pick(w, 9, 200)) AS p
) AS geometry;

INSERT INTO pm_internal.way_speed (ts, way_id, speed_kph, travel_time_s, sample_count, source)
SELECT to_timestamp(${start} + (i - 1) * ${span} / ${rows}),
       1 + pg_temp.pick(i, 10, ${ways}),
       round((5 + pg_temp.rnd(i, 11) * 95) * 1e2) / 1e2,
       round((10 + pg_temp.rnd(i, 12) * 600) * 1e1) / 1e1,
       1 + pg_temp.pick(i, 13, 40)::int,
       pg_temp.source((i * 7 + ${seed}) % 20)
FROM generate_series(1, ${rows}::bigint) AS i;

INSERT INTO pm_internal.metrics_long (ts, entity_id, metric_name, value, source)
SELECT to_timestamp(${start} + (i - 1) * ${span} / ${rows}),
       1 + pg_temp.pick(i, 20, ${ways}),
       -- ten slots: every class of metric, variants of case and space, and legacy_score, which no policy row names
       (ARRAY['volume', 'volume', ' VOLUME ', 'occupancy', 'occupancy', 'travel_time', 'travel_time',
              'raw_probe_count', 'Raw_Probe_Count ', 'legacy_score'])[1 + (i * 3 + ${seed}) % 10],
       round((pg_temp.rnd(i, 21) * 100) * 1e3) / 1e3,
       pg_temp.source((i * 7 + ${seed} + 3) % 20)
FROM generate_series(1, ${rows}::bigint) AS i;

INSERT INTO pm_internal.cctv_event (event_time, camera_id, device_serial, plate_number, vehicle_class, operator_name,
                                    operator_email, lat, lon, notes, internal_ref)
SELECT to_timestamp(${start} + (i - 1) * ${span} / ${cctv_events}),
       1 + pg_temp.pick(i, 30, 60)::int,
       'SN-' || lpad(pg_temp.pick(i, 31, 100000000)::text, 8, '0'),
       pg_temp.plate(i),
       (ARRAY['car', 'truck', 'bus', 'motorcycle', 'van'])[1 + pg_temp.pick(i, 32, 5)],
       person.first_name || ' ' || person.last_name,
       lower(person.first_name) || '.' || lower(person.last_name) || '@ops.example.com',
       round((-37.95 + pg_temp.rnd(i, 35) * 0.3) * 1e6) / 1e6,
       round((144.85 + pg_temp.rnd(i, 36) * 0.3) * 1e6) / 1e6,
       CASE i % 5
           WHEN 0 THEN 'Vehicle ' || pg_temp.plate(i + 7) || ' stopped in lane 2; operator '
                       || lower(person.first_name) || '.' || lower(person.last_name) || '@ops.example.com notified'
           WHEN 1 THEN 'Caller on ' || pg_temp.phone(i) || ' reported debris near the camera'
           WHEN 2 THEN 'Feed from 10.' || pg_temp.pick(i, 37, 256) || '.' || pg_temp.pick(i, 38, 256) || '.'
                       || pg_temp.pick(i, 39, 256) || ' dropped for 30 s'
           WHEN 3 THEN 'Routine check, no issues'
           ELSE 'Plate ' || pg_temp.plate(i + 11) || ' seen twice; contact duty.manager@ops.example.com or ' || pg_temp.phone(i + 1)
       END,
       'REF-' || lpad(i::text, 9, '0')
FROM generate_series(1, ${cctv_events}::bigint) AS i
CROSS JOIN LATERAL (
    SELECT (ARRAY['Alice', 'Bilal', 'Chen', 'Dana', 'Eamon', 'Fatima', 'Grace', 'Hiro'])[1 + pg_temp.pick(i, 33, 8)] AS first_name,
           (ARRAY['Nguyen', 'Smith', 'Papadopoulos', 'Kaur', 'OBrien', 'Rossi', 'Tanaka', 'Walker'])[1 + pg_temp.pick(i, 34, 8)] AS last_name
) AS person;

INSERT INTO pm_internal.incident (incident_id, reported_at, reporter_phone, description, severity, lat, lon)
SELECT i,
       to_timestamp(${start} + (i - 1) * ${span} / ${incidents}) AT TIME ZONE 'UTC',
       pg_temp.phone(i + 3),
       CASE i % 3
           WHEN 0 THEN 'Collision involving ' || pg_temp.plate(i + 5) || ', reporter asked for a call back on ' || pg_temp.phone(i + 3)
           WHEN 1 THEN 'Debris on the carriageway, reported by email from witness' || i || '@example.org'
           ELSE 'Signal fault at the intersection'
       END,
       (ARRAY['L', 'M', 'H', 'C'])[1 + pg_temp.pick(i, 40, 4)],
       round((-37.95 + pg_temp.rnd(i, 41) * 0.3) * 1e6) / 1e6,
       round((144.85 + pg_temp.rnd(i, 42) * 0.3) * 1e6) / 1e6
FROM generate_series(1, ${incidents}::bigint) AS i;

-- The synthetic warehouse: pm_internal (the data), de_config (the policy); de_internal (the control tables) is dropped here
-- and created again by the control database's migrations (ControlMigrations), as production creates it.
DROP SCHEMA IF EXISTS pm_internal CASCADE;
DROP SCHEMA IF EXISTS de_config CASCADE;
DROP SCHEMA IF EXISTS de_internal CASCADE;
CREATE SCHEMA pm_internal;
CREATE SCHEMA de_config;

-- A uniform value in [0, 1) from the row number, a salt and the seed: deterministic, and parallel-safe.
CREATE OR REPLACE FUNCTION pg_temp.rnd(i bigint, salt int) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT ((hashint8extended(i, ${seed} + salt) & 9223372036854775807) % 1000000007)::double precision / 1000000007 $$;

-- A non-negative integer in [0, n) from the row number, a salt and the seed.
CREATE OR REPLACE FUNCTION pg_temp.pick(i bigint, salt int, n bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (hashint8extended(i, ${seed} + salt) & 9223372036854775807) % n $$;

-- An Australian-style plate such as ABC123.
CREATE OR REPLACE FUNCTION pg_temp.plate(i bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT chr(65 + pg_temp.pick(i, 101, 26)::int) || chr(65 + pg_temp.pick(i, 102, 26)::int)
              || chr(65 + pg_temp.pick(i, 103, 26)::int) || lpad(pg_temp.pick(i, 104, 1000)::text, 3, '0') $$;

-- A mobile number; every other one in international format.
CREATE OR REPLACE FUNCTION pg_temp.phone(i bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN i % 2 = 0
                      THEN '04' || lpad(pg_temp.pick(i, 111, 100)::text, 2, '0') || ' ' || lpad(pg_temp.pick(i, 112, 1000)::text, 3, '0') || ' ' || lpad(pg_temp.pick(i, 113, 1000)::text, 3, '0')
                      ELSE '+61 4' || lpad(pg_temp.pick(i, 111, 100)::text, 2, '0') || ' ' || lpad(pg_temp.pick(i, 112, 1000)::text, 3, '0') || ' ' || lpad(pg_temp.pick(i, 113, 1000)::text, 3, '0')
                 END $$;

-- Twenty slots of sources: the realistic mix, case and whitespace variants, NULL, and WAZE, which no policy row names.
CREATE OR REPLACE FUNCTION pg_temp.source(slot bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (ARRAY['FUSION', 'FUSION', 'FUSION', 'FUSION', 'FUSION', 'FUSION', 'FUSION', 'FUSION', 'FUSION', ' fusion',
                        'HERE', 'HERE', 'HERE', 'here', ' HERE ',
                        'TOMTOM', 'TOMTOM', ' TOMTOM ',
                        NULL, 'WAZE'])[1 + slot] $$;

-- geoj_way_feature only feeds the seed: like Redshift rows longer than 65,535 characters, the table keeps the
-- geometry GZIP-compressed (base64) in geoj_way_feature_compressed, and the seed drops the plain column afterwards.
CREATE TABLE pm_internal.way (
    way_id                      bigint PRIMARY KEY,
    name                        text NOT NULL,
    geoj_way_feature            text NOT NULL,
    geoj_way_feature_compressed text,
    ar_f_path                   text NOT NULL,
    maintenance_contact         text NOT NULL,
    length_m                    double precision NOT NULL,
    speed_limit                 smallint NOT NULL,
    built_on                    date NOT NULL,
    updated_at                  timestamptz NOT NULL
);

CREATE TABLE pm_internal.way_speed (
    ts            timestamptz NOT NULL,
    way_id        bigint NOT NULL,
    speed_kph     double precision NOT NULL,
    travel_time_s double precision NOT NULL,
    sample_count  integer NOT NULL,
    source        text
);

CREATE TABLE pm_internal.cctv_event (
    event_time     timestamptz NOT NULL,
    camera_id      integer NOT NULL,
    device_serial  text NOT NULL,
    plate_number   text NOT NULL,
    vehicle_class  text NOT NULL,
    operator_name  text NOT NULL,
    operator_email text NOT NULL,
    lat            double precision NOT NULL,
    lon            double precision NOT NULL,
    notes          text NOT NULL,
    internal_ref   text NOT NULL
);

CREATE TABLE pm_internal.metrics_long (
    ts          timestamptz NOT NULL,
    entity_id   bigint NOT NULL,
    metric_name text NOT NULL,
    value       double precision NOT NULL,
    source      text
);

CREATE TABLE pm_internal.incident (
    incident_id    bigint PRIMARY KEY,
    reported_at    timestamp NOT NULL, -- without zone, holds UTC
    reporter_phone text NOT NULL,
    description    text NOT NULL,
    severity       char(1) NOT NULL,
    lat            double precision NOT NULL,
    lon            double precision NOT NULL
);

CREATE TABLE de_config.export_tables (
    table_name    text PRIMARY KEY,
    enabled       boolean NOT NULL,
    time_column   text,
    source_column text,
    metric_column text,
    value_columns text
);

CREATE TABLE de_config.data_column_classification (
    table_name     text NOT NULL,
    column_name    text NOT NULL,
    classification text NOT NULL,
    treatment      text,
    pii_type       text
);

CREATE TABLE de_config.actual_data_classifications (
    source         text NOT NULL,
    classification text NOT NULL
);

CREATE TABLE de_config.long_table_data_classifications (
    table_name     text NOT NULL,
    metric_name    text NOT NULL,
    classification text NOT NULL
);

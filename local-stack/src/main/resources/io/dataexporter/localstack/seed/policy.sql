-- A realistic policy that uses every classification code and every treatment.

INSERT INTO de_config.export_tables (table_name, enabled, time_column, source_column, metric_column, value_columns) VALUES
    ('way',          true,  NULL,          NULL,     NULL,          NULL),
    ('way_speed',    true,  'ts',          'source', NULL,          NULL),
    ('cctv_event',   true,  'event_time',  NULL,     NULL,          NULL),
    ('metrics_long', true,  'ts',          'source', 'metric_name', 'value'),
    ('incident',     true,  'reported_at', NULL,     NULL,          NULL),
    ('way_archive',  false, NULL,          NULL,     NULL,          NULL);

INSERT INTO de_config.data_column_classification (table_name, column_name, classification, treatment, pii_type) VALUES
    ('way', 'way_id',                      'nr',  NULL,             NULL),
    ('way', 'name',                        'nr',  NULL,             NULL),
    ('way', 'geoj_way_feature',            'nr',  NULL,             NULL), -- the expanded geometry's rule
    ('way', 'geoj_way_feature_compressed', 'hwc', 'EXPAND_GZIP',    NULL),
    ('way', 'ar_f_path',                   'nr',  NULL,             NULL),
    ('way', 'maintenance_contact',         'de',  NULL,             NULL),
    ('way', 'length_m',                    'hwc', 'ROUND(0)',       NULL),
    ('way', 'speed_limit',                 'nr',  NULL,             NULL),
    ('way', 'built_on',                    'hwc', 'YEAR_ONLY',      NULL),
    ('way', 'updated_at',                  'hwc', 'TRUNCATE(day)',  NULL),

    ('way_speed', 'ts',            'nr',  NULL,       NULL),
    ('way_speed', 'way_id',        'nr',  NULL,       NULL),
    ('way_speed', 'speed_kph',     'mx',  'ROUND(0)', NULL),
    ('way_speed', 'travel_time_s', 'mx',  'NULLIFY',  NULL),
    ('way_speed', 'sample_count',  'nr',  NULL,       NULL),
    ('way_speed', 'source',        'nr',  NULL,       NULL),

    ('cctv_event', 'event_time',     'hwc', 'TRUNCATE(hour)', NULL),
    ('cctv_event', 'camera_id',      'nr',  NULL,             NULL),
    ('cctv_event', 'device_serial',  'hwc', 'SHOW_LAST_4',    'DEVICE_ID'),
    ('cctv_event', 'plate_number',   'hwc', 'HASH',           'PLATE'),
    ('cctv_event', 'vehicle_class',  'nr',  NULL,             NULL),
    ('cctv_event', 'operator_name',  'hwc', 'REDACT',         'PERSON_NAME'),
    ('cctv_event', 'operator_email', 'nr',  NULL,             'EMAIL'),
    ('cctv_event', 'lat',            'hwc', 'ROUND(3)',       NULL),
    ('cctv_event', 'lon',            'hwc', 'ROUND(3)',       NULL),
    ('cctv_event', 'notes',          'nr',  NULL,             'FREE_TEXT'),

    ('metrics_long', 'ts',          'nr', NULL, NULL),
    ('metrics_long', 'entity_id',   'nr', NULL, NULL),
    ('metrics_long', 'metric_name', 'nr', NULL, NULL),
    ('metrics_long', 'value',       'nr', 'ROUND(1)', NULL),
    ('metrics_long', 'source',      'nr', NULL, NULL),

    ('incident', 'incident_id',    'nr',  NULL,           NULL),
    ('incident', 'reported_at',    'nr',  NULL,           NULL),
    ('incident', 'reporter_phone', 'hwc', 'SHOW_FIRST_4', 'PHONE'),
    ('incident', 'description',    'nr',  NULL,           'FREE_TEXT'),
    ('incident', 'severity',       'nr',  NULL,           NULL),
    ('incident', 'lat',            'hwc', 'ROUND(2)',     NULL),
    ('incident', 'lon',            'hwc', 'ROUND(2)',     NULL);

INSERT INTO de_config.actual_data_classifications (source, classification) VALUES
    ('FUSION', 'nr'),
    ('HERE',   'de'),
    ('TOMTOM', 'hwc');

INSERT INTO de_config.long_table_data_classifications (table_name, metric_name, classification) VALUES
    ('metrics_long', 'volume',          'nr'),
    ('metrics_long', 'occupancy',       'mx'),
    ('metrics_long', 'travel_time',     'hwc'),
    ('metrics_long', 'raw_probe_count', 'de');

-- benchmarks/scale/load.sql: bulk-load the scale benchmark's data into a CinemaAuthHost PostgreSQL database that the
-- host has migrated and seeded (roles, demo users). One INSERT ... SELECT generate_series per table:
--   users        :users rows, scale0000001@scale.example ..., 40 first names x 40 last names
--   user roles   one grant per loaded user: everyone holds the default role `user`
--   login events :heavy_events for the heavy user (:'heavy_id', registered through the API beforehand, so it can sign
--                in) plus :events_per_user per loaded user, spread over the last 330 days
-- The users' and login events' secondary indexes are dropped first and rebuilt afterwards (CREATE INDEX is far
-- cheaper than maintaining three trigram GIN indexes row by row); their definitions come from the catalog, so the
-- script follows whatever the migrations created. Variables: users, heavy_events, events_per_user, heavy_id.
\set ON_ERROR_STOP on
\timing on
SET maintenance_work_mem = '1GB';
SET max_parallel_maintenance_workers = 2;

-- Monthly partitions for the past year, named as LoginHistoryPartitions names them (the host creates the current
-- month and three ahead; older rows would otherwise sit in the default partition).
DO $$
DECLARE m date;
BEGIN
  FOR k IN 0..11 LOOP
    m := (date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => k))::date;
    IF to_regclass(format('rbac_login_events_y%sm%s', to_char(m, 'YYYY'), to_char(m, 'MM'))) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF rbac_login_events FOR VALUES FROM (%L) TO (%L)',
        format('rbac_login_events_y%sm%s', to_char(m, 'YYYY'), to_char(m, 'MM')),
        m::timestamp AT TIME ZONE 'UTC', (m + interval '1 month')::timestamp AT TIME ZONE 'UTC');
    END IF;
  END LOOP;
END $$;

CREATE TEMP TABLE scale_indexes AS
  SELECT c.relname AS table_name, i.relname AS index_name,
         replace(pg_get_indexdef(i.oid), ' ON ONLY ', ' ON ') AS definition
  FROM pg_index x
  JOIN pg_class i ON i.oid = x.indexrelid
  JOIN pg_class c ON c.oid = x.indrelid
  WHERE c.relname IN ('rbac_users', 'rbac_login_events') AND NOT x.indisprimary
    AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid);
SELECT format('DROP INDEX %I', index_name) FROM scale_indexes \gexec

INSERT INTO rbac_users ("Id", "Email", "NormalizedEmail", "EmailSkeleton", "EmailConfirmed", "FirstName", "LastName",
                        "PasswordHash", "IsActive", "AuthorizationVersion", "ConcurrencyStamp", "MfaEnabled",
                        "FailedLoginCount", "CreatedAt", "UpdatedAt")
SELECT md5('scale-user-' || i)::uuid,
       'scale' || lpad(i::text, 7, '0') || '@scale.example',
       'SCALE' || lpad(i::text, 7, '0') || '@SCALE.EXAMPLE',
       'scale:' || i,
       true,
       (ARRAY['Ada','Alan','Barbara','Brian','Claude','Dennis','Donald','Edsger','Frances','Grace','Guido','Hedy',
              'Ivan','Jean','John','Ken','Leslie','Linus','Margaret','Niklaus','Radia','Richard','Rob','Shafi',
              'Sophie','Tim','Tony','Ursula','Vint','Whitfield','Xavier','Yukihiro','Zelda','Anita','Bjarne',
              'Carol','David','Emma','Fran','Gordon'])[1 + i % 40],
       (ARRAY['Lovelace','Turing','Liskov','Kernighan','Shannon','Ritchie','Knuth','Dijkstra','Allen','Hopper',
              'Rossum','Lamarr','Sutherland','Sammet','McCarthy','Thompson','Lamport','Torvalds','Hamilton','Wirth',
              'Perlman','Stallman','Pike','Goldwasser','Wilson','Berners','Hoare','Franklin','Cerf','Diffie',
              'Leroy','Matsumoto','Ortiz','Borg','Stroustrup','Shaw','Patterson','Noether','Allison','Bell'])[1 + (i / 40) % 40],
       'scale-benchmark-no-login',
       true, 1, md5('scale-stamp-' || i)::uuid, false, 0,
       now() - i * interval '20 seconds', now() - i * interval '20 seconds'
FROM generate_series(1, :users) AS s(i);

INSERT INTO rbac_user_roles ("UserId", "RoleId", "GrantedAt")
SELECT md5('scale-user-' || i)::uuid, (SELECT "Id" FROM rbac_roles WHERE "NormalizedName" = 'USER'), now()
FROM generate_series(1, :users) AS s(i);

INSERT INTO rbac_login_events ("Id", "UserId", "At", "IpAddress", "UserAgent", "Outcome")
SELECT lpad(to_hex(i), 32, '0')::uuid, -- ascending, like the UUIDv7 ids the host writes (a random id costs a random index page)
       CASE WHEN i <= :heavy_events THEN :'heavy_id'::uuid ELSE md5('scale-user-' || (1 + i % :users))::uuid END,
       now() - ((i::bigint * 7919) % (330 * 86400)) * interval '1 second',
       '10.' || (i % 250) || '.' || (i / 250 % 250) || '.' || (i % 199),
       'Mozilla/5.0 (X11; Linux x86_64) RbacKit scale benchmark',
       i % 7
FROM generate_series(1, :heavy_events + :users * :events_per_user) AS s(i);

SELECT definition FROM scale_indexes \gexec
VACUUM (ANALYZE) rbac_users;
VACUUM (ANALYZE) rbac_user_roles;
ANALYZE rbac_login_events;

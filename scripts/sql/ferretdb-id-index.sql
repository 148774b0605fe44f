-- FerretDB 1.24 (PostgreSQL backend) finds a document by `_id` with the condition
-- `(_jsonb -> '_id') @> '<id>'`, which its own btree index on `(_jsonb -> '_id')` cannot serve:
-- every lookup, update and delete by `_id` read the whole table (3 ms at 1,300 products, and
-- growing with every reservation ever made). A GIN index on the same expression serves that
-- condition (0.05 ms). This file adds one to each table FerretDB has created in this database
-- and installs an event trigger that adds it to each table FerretDB creates later. Idempotent;
-- needs a superuser (event triggers), as the machine's PostgreSQL gives the runner.

CREATE OR REPLACE FUNCTION public.shop_ferretdb_id_index(tbl regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = tbl AND attname = '_jsonb' AND NOT attisdropped) THEN
    EXECUTE format(
      'CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((_jsonb -> ''_id'') jsonb_path_ops)',
      left((SELECT relname FROM pg_class WHERE oid = tbl), 50) || '_id_gin',
      tbl
    );
  END IF;
END $$;

CREATE OR REPLACE FUNCTION public.shop_ferretdb_id_index_on_create() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  created record;
BEGIN
  FOR created IN
    SELECT objid FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE TABLE' AND object_type = 'table'
  LOOP
    PERFORM public.shop_ferretdb_id_index(created.objid::regclass);
  END LOOP;
END $$;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = 'shop_ferretdb_id_index') THEN
    CREATE EVENT TRIGGER shop_ferretdb_id_index ON ddl_command_end WHEN TAG IN ('CREATE TABLE')
      EXECUTE FUNCTION public.shop_ferretdb_id_index_on_create();
  END IF;
END $$;

SELECT public.shop_ferretdb_id_index(c.oid::regclass)
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = '_jsonb' AND NOT a.attisdropped);

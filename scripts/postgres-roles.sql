-- The installation's two database roles, made by a superuser once the database exists (compose's
-- `roles` step runs this on every start; it is idempotent):
--  - academy_owner owns the database and every object in it, and runs the migrations;
--  - academy_app is what the app and the worker connect as: it reads and writes the tables it is
--    granted after each migration (server/db/app-role.ts), and owns nothing, so it cannot turn a
--    trigger off, replace a function, or change the audit trail.
-- The passwords arrive as settings of the session, so they never appear in this file or a log:
--   set academy.owner_password = '…'; set academy.app_password = '…';
DO $$
DECLARE
  role_name text;
  password text;
BEGIN
  FOREACH role_name IN ARRAY ARRAY['academy_owner', 'academy_app'] LOOP
    password := current_setting(
      CASE role_name WHEN 'academy_owner' THEN 'academy.owner_password' ELSE 'academy.app_password' END);
    IF coalesce(length(password), 0) < 16 THEN
      RAISE EXCEPTION 'the password of % must be at least 16 characters', role_name;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
      EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', role_name, password);
    END IF;
    EXECUTE format(
      'ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L',
      role_name, password);
  END LOOP;
  EXECUTE format('ALTER DATABASE %I OWNER TO academy_owner', current_database());
  -- Nobody but the owner creates objects here (PostgreSQL 15 and later already default to this).
  REVOKE CREATE ON SCHEMA public FROM PUBLIC;
END
$$;

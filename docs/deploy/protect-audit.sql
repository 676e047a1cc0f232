-- Least privilege for the audit history (docs/deploy.md, "Roles"). Run as a superuser (or the
-- database owner's owner) AFTER the application has created or migrated the schema, and again after
-- any migration that touches the audit tables. The application role keeps owning every other table
-- (its imports drop and rebuild ledger indexes), but the audit tables pass to liangxin_audit, a role
-- nobody logs in as: the application may read and append (SELECT, INSERT) and nothing else — no
-- UPDATE, DELETE, TRUNCATE or ALTER of the history it wrote. Retention pruning (`liangxin audit
-- prune`) then needs a login that is a member of liangxin_audit (see docs/deploy.md).
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'liangxin_audit') THEN CREATE ROLE liangxin_audit NOLOGIN; END IF;
END $$;
ALTER TABLE audit_event OWNER TO liangxin_audit;
ALTER TABLE audit_checkpoint OWNER TO liangxin_audit;
REVOKE ALL ON audit_event, audit_checkpoint FROM PUBLIC;
REVOKE ALL ON audit_event, audit_checkpoint FROM liangxin_app;
GRANT SELECT, INSERT ON audit_event, audit_checkpoint TO liangxin_app;
DO $$ DECLARE s text; BEGIN
  FOR s IN SELECT pg_get_serial_sequence(t, c) FROM (VALUES ('audit_event', 'seq'), ('audit_checkpoint', 'id')) v(t, c)
           WHERE pg_get_serial_sequence(t, c) IS NOT NULL LOOP
    EXECUTE format('GRANT USAGE ON SEQUENCE %s TO liangxin_app', s);
  END LOOP;
END $$;

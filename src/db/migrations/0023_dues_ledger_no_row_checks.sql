-- The month ledger is written a province at a time (a million rows in one computation, docs/dues.md
-- "Computing a month"). Its two foreign keys cost a referential check and a row lock per written
-- row — a third of the computation (docs/benchmarks.md "Dues month") — and protect nothing the
-- application can do: party members and party organisations are never deleted (leaving, suspension
-- and dissolution are statuses), and every ledger row is written by an INSERT … SELECT that joins the
-- member and the organisation in the same statement. Payments keep their foreign key to the ledger.
ALTER TABLE dues_ledger DROP CONSTRAINT dues_ledger_member_id_fkey;
ALTER TABLE dues_ledger DROP CONSTRAINT dues_ledger_org_id_fkey;

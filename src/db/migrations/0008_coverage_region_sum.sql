-- Pre-summed coverage pairs per region node at every level: for each len in (2,4,6,9,12) one row per
-- left(region_code, len) (NULL = not placed), rebuilt in the same transaction as enterprise_coverage.
-- An unrestricted figure for a node adds up the rows of its child level instead of scanning every
-- coverage row (rates are numerator/denominator pairs, so sums add up). Columns follow METRIC_IDS in
-- src/domain/metrics.ts; test/medium/coverage-figures.test.ts checks both paths give the same pairs.
CREATE TABLE coverage_region_sum (
  len                        smallint NOT NULL,
  region_code                text,
  enterprises                integer NOT NULL,
  "n_orgCoverage"            bigint NOT NULL, "d_orgCoverage"            bigint NOT NULL,
  "n_workCoverage"           bigint NOT NULL, "d_workCoverage"           bigint NOT NULL,
  "n_twoCoverage"            bigint NOT NULL, "d_twoCoverage"            bigint NOT NULL,
  "n_standaloneRate"         bigint NOT NULL, "d_standaloneRate"         bigint NOT NULL,
  "n_withMembers"            bigint NOT NULL, "d_withMembers"            bigint NOT NULL,
  "n_secretaryVacancy"       bigint NOT NULL, "d_secretaryVacancy"       bigint NOT NULL,
  "n_unionSetup"             bigint NOT NULL, "d_unionSetup"             bigint NOT NULL,
  "n_unionMembership"        bigint NOT NULL, "d_unionMembership"        bigint NOT NULL,
  "n_collectiveContract"     bigint NOT NULL, "d_collectiveContract"     bigint NOT NULL
);
CREATE UNIQUE INDEX coverage_region_sum_key ON coverage_region_sum (len, coalesce(region_code, ''));
CREATE INDEX coverage_region_sum_prefix_idx ON coverage_region_sum (len, region_code text_pattern_ops);

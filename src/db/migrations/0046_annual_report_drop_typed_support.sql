-- 年度党建工作报告 (docs/annual-report.md): 活动场所面积 and 党建工作经费 were typed into the report
-- before 阵地 and 党建经费 became records (0033: activity_site, support_funding); the report's
-- 党建保障 section reads those records, so the two typed facts asked the same thing twice and could
-- disagree with them. They go; 获得表彰情况 (honours) stays, as no record holds it.
ALTER TABLE annual_report
  DROP CONSTRAINT IF EXISTS annual_report_site_area_check,
  DROP CONSTRAINT IF EXISTS annual_report_funds_check,
  DROP COLUMN site_area,
  DROP COLUMN funds_yuan;

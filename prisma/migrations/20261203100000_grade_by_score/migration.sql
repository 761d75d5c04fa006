-- A grade is a band of scores of the active model version (its thresholds), so the leads list
-- finds a grade through the score index (lib/leads/list-leads.ts). Without this index every
-- re-scored or imported lead has one index entry fewer to write: measured on 300,000 leads, a
-- re-score's UPDATEs took 6.3–6.5 s instead of 7.0–9.2 s.
DROP INDEX "Lead_companyId_grade_score_idx";

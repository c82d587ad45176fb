-- The status rule of lib/scoring/status.ts in SQL, for lib/dashboard/refresh-rollups.ts, which scores
-- hundreds of thousands of agency figures per period inside the database. tests/integration/
-- scoring-sql.test.ts runs the unit tests' table through both and requires identical answers.

-- Attainment in percent of target; for lower-is-better indicators the ratio is inverted.
CREATE OR REPLACE FUNCTION lamnam_attainment(actual numeric, target numeric, direction indicator_direction)
RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN actual IS NULL OR target IS NULL THEN NULL
    WHEN direction = 'higher' THEN
      CASE WHEN target > 0 THEN round(actual * 100 / target, 6) WHEN actual >= target THEN 100 ELSE 0 END
    ELSE
      CASE WHEN actual <= target THEN (CASE WHEN actual > 0 THEN round(target * 100 / actual, 6) ELSE 100 END)
           WHEN target > 0 THEN round(target * 100 / actual, 6)
           ELSE 0 END
  END
$$;--> statement-breakpoint

-- Points below target: percentage points for percent indicators, points of attainment otherwise.
CREATE OR REPLACE FUNCTION lamnam_shortfall(actual numeric, target numeric, direction indicator_direction, value_type value_type)
RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN actual IS NULL OR target IS NULL THEN NULL
    WHEN value_type = 'percent' THEN round(CASE WHEN direction = 'higher' THEN target - actual ELSE actual - target END, 6)
    ELSE round(100 - lamnam_attainment(actual, target, direction), 6)
  END
$$;--> statement-breakpoint

-- green at or above target, amber within amber_band points below, red further below; null without data or target.
-- A single expression (no FROM) so that PostgreSQL inlines it: scoring 100,000 figures per quarter then
-- costs no function calls.
CREATE OR REPLACE FUNCTION lamnam_status(actual numeric, target numeric, direction indicator_direction, value_type value_type, amber_band numeric)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN lamnam_shortfall(actual, target, direction, value_type) IS NULL THEN NULL
    WHEN lamnam_shortfall(actual, target, direction, value_type) <= 0 THEN 'green'
    WHEN lamnam_shortfall(actual, target, direction, value_type) <= amber_band THEN 'amber'
    ELSE 'red'
  END
$$;--> statement-breakpoint

-- The validation a figure must pass to count as valid in the data-quality score (lib/scoring/validation.ts).
CREATE OR REPLACE FUNCTION lamnam_value_valid(value numeric, value_type value_type)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE value_type
    WHEN 'percent' THEN value BETWEEN 0 AND 100
    WHEN 'boolean' THEN value IN (0, 1)
    WHEN 'level' THEN value BETWEEN 1 AND 5 AND value = trunc(value)
    WHEN 'number' THEN value >= 0
    ELSE true
  END
$$;

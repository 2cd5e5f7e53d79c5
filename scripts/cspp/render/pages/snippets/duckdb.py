import duckdb

print(duckdb.sql("""
    SELECT pl.partnership_id, count(*) AS priorities
    FROM 'priorities.parquet' AS pr JOIN 'plans.parquet' AS pl USING (plan_id)
    WHERE pl.cycle = '2023-2026'
    GROUP BY pl.partnership_id ORDER BY priorities DESC"""))
print(duckdb.sql("""
    SELECT indicator_id, count(*) AS area_values
    FROM read_csv('indicator_values.csv', header = true, all_varchar = true)
    GROUP BY indicator_id ORDER BY indicator_id LIMIT 5"""))

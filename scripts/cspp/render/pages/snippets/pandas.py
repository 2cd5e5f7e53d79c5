import pandas as pd

plans = pd.read_parquet("plans.parquet")
priorities = pd.read_parquet("priorities.parquet")
indicators = pd.read_csv("indicators.csv", dtype=str, keep_default_na=False)

current = plans[plans["cycle"] == "2023-2026"].merge(priorities, on="plan_id")
print(current.groupby("partnership_id")["priority_id"].count())
print(len(indicators), "indicators")

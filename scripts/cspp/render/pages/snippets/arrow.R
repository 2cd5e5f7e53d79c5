library(arrow)  # Parquet, with the column types of the Table Schema
library(readr)  # CSV

priorities <- read_parquet("priorities.parquet")
plans <- read_csv("plans.csv", col_types = cols(.default = col_character()), na = "")
current <- merge(plans[plans$cycle %in% "2023-2026", ], priorities, by = "plan_id")
print(table(current$partnership_id))

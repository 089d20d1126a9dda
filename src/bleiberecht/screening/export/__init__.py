"""Writing screening results and caseloads: XLSX, CSV, Parquet, JSON."""

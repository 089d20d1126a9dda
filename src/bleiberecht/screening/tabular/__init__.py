"""The spreadsheet format of a caseload (XLSX, CSV, flat Parquet): columns, cells, assembly, export."""

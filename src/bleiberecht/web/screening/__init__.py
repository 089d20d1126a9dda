"""Screening in the browser: upload a caseload, see the validation report, browse the worklist, get the XLSX."""

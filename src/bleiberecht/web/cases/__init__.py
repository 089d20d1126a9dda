"""Case files (case file v1 documents), their version history, stored results, sharing."""

"""Append-only audit trail: who did what to which object, when. Ids and codes only, never personal data."""

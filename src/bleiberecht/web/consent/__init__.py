"""Consent of a person, purpose-bound and revocable; required before a case is shared."""

"""Organisations, memberships with roles, login with TOTP two-factor authentication."""

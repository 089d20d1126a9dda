"""Monitoring of outcomes: aggregate figures per organisation from stored results, exports for the council."""

"""Command line: ``bleiberecht check`` (one case, for a clerk) and ``bleiberecht rules`` (for a lawyer).

Presentation only: every legal decision comes from ``bleiberecht.law``; this package turns the result v1
document and the norm and parameter definitions into German (or English) text, Markdown and JSON.
"""

"""The web application (issue 5): Django 5.2 LTS, server-rendered templates with HTMX, German first.

Apps, one per concern: ``accounts`` (organisations, memberships, roles, TOTP), ``cases`` (case files, versions,
results), ``consent`` (purpose-bound, revocable consents that gate sharing), ``audit`` (append-only trail),
``screening`` (caseload upload, worklist, XLSX). Settings: ``bleiberecht.web.settings.{dev,test,prod}``.
"""

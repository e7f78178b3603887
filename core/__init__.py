"""Shared infrastructure: database, accounts and roles, security, audit log, privacy, languages, scheduler.

This package knows no feature: training, grants and the shop plug into it through small registries
(navigation links, data sections, scheduled jobs, demo seeders).
"""

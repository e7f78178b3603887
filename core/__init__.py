"""The platform: database and unit of work, the User and its roles, security, the audit log, the outbox and
notices, languages and labels, forms, exports, search, the scheduler and the CLI.

This package knows no other package: accounts, privacy, impact and the features (training, grants, the shop)
plug into it through small registries (navigation links, scheduled jobs, demo seeders, user loader, notice
kinds), each from its own `init_app`.
"""

"""What a feature package brings to the app, declared in one place, and the app's registries built from them.

Each package (accounts, privacy, training, ...) has `feature()`, returning one `Feature`: its blueprints, menu
entries, jobs, data sections and so on. `app.py` lists the features in order and calls `install(app, features)`,
which keeps everything they declare on `app.extensions["pathways"]` (a `Registries`): two apps in one process
(the tests make many) each have their own, and creating one never adds to another's. The core functions that
read a registry (the menu, the work home's lines, the scheduler, "My information", notices, code lists,
seed-demo, the cache versions, the access log, named hooks) read the current app's. Order is the order of
`app.py`'s list, then of each declaration: it is the order of the menu, of the work home's lines, of the
sections of "My information", of the seeders and of the jobs.

To add something to a feature, add it to the feature's declaration; `setup(app)` is only for what fits no
field (a check at start, a login loader).

What stays process-wide, on purpose:
- life cycles (core/states.py): they belong to a model class, which exists once per process, like its table;
- SQLAlchemy event listeners (core/orm_events.py): they are set on classes (Session, a model), once per
  process; what they do depends on the current app's registries;
- grants' seals (grants/sealing.py): a query option built once per model class and cached with it;
- message channel adapters (core/channels.py): a property of the deployment, replaced by tests with monkeypatch;
- the values of the versioned cache (core/versioned_cache.py): kept per database URL, so apps never mix them.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import click
from flask import Blueprint, Flask, current_app
from flask.globals import _cv_app

EXTENSION = "pathways"


@dataclass(frozen=True)
class Nav:
    """A menu entry. roles=None: everyone; "anonymous" is a role name for people not signed in. `after`: the
    endpoint this entry follows (for a package that comes after others but whose entry belongs higher up)."""
    endpoint: str
    label: Any  # a lazy translated string
    roles: Sequence[Any] | None = None
    after: str | None = None

    def role_names(self) -> frozenset[str] | None:
        return frozenset(r.value if hasattr(r, "value") else r for r in self.roles) if self.roles else None


@dataclass(frozen=True)
class RecordLink:
    """A link on a participant's record for staff; the endpoint takes `participant_id`."""
    endpoint: str
    label: Any


@dataclass(frozen=True)
class ToDo:
    """A line of the work home ("My work"): how much of something waits, and the list that shows it. The
    feature that owns the work declares it; `count(person)` answers in one statement, whatever the data. A
    `quiet` line is left out while nothing waits (work a role seldom has: an outside review)."""
    endpoint: str
    label: Any  # a lazy translated string: what waits ("Posts to check")
    count: Callable[[Any], int]
    roles: Sequence[Any]
    quiet: bool = False
    args: Mapping[str, Any] = field(default_factory=dict)  # for the link: a list's filter

    def role_names(self) -> frozenset[str]:
        return frozenset(r.value if hasattr(r, "value") else r for r in self.roles)


@dataclass(frozen=True)
class HomeSection:
    """A part of the work home shown below the to-do lines (an employer's posts with their applicants):
    `load(person)` gives the template its values, in a few statements whatever the data."""
    template: str
    load: Callable[[Any], Mapping[str, Any]]
    roles: Sequence[Any]

    def role_names(self) -> frozenset[str]:
        return frozenset(r.value if hasattr(r, "value") else r for r in self.roles)


@dataclass(frozen=True)
class Job:
    id: str
    func: Callable[[], Any]
    trigger: str = "interval"
    trigger_args: dict = field(default_factory=dict)


@dataclass(frozen=True)
class NoticeKind:
    subject: Any  # lazy strings, formatted with the notice's values in the reader's language
    text: Any
    to_participant: bool = True  # sent to participants: in every participant language (a test checks)


@dataclass(frozen=True)
class ParticipantData:
    """Rows about a participant: reading them for staff is logged ("who opened my record", privacy.access_log).
    `attribute` holds the participant's user id, or with `via`, the id of a row of that parent model."""
    model: type
    attribute: str
    via: type | None = None


@dataclass
class Feature:
    name: str
    blueprints: Sequence[Blueprint] = ()
    nav: Sequence[Nav] = ()
    to_do: Sequence[ToDo] = ()  # lines of the work home (core.work_home)
    home_sections: Sequence[HomeSection] = ()
    record_links: Sequence[RecordLink] = ()
    jobs: Sequence[Job] = ()
    data_sections: Sequence[Any] = ()  # privacy.services.DataSection: what it stores about a person
    participant_data: Sequence[ParticipantData] = ()
    cache_watches: Mapping[str, Sequence[type]] = field(default_factory=dict)  # cache name -> models it reads
    notice_kinds: Mapping[str, NoticeKind] = field(default_factory=dict)
    code_lists: Mapping[str, Mapping[Any, Any]] = field(default_factory=dict)  # core.labels: kind -> code -> words
    # The words of the audit actions and record types it writes (code -> words); each code has one owner.
    audit_actions: Mapping[str, Any] = field(default_factory=dict)
    audit_record_types: Mapping[str, Any] = field(default_factory=dict)
    seeders: Sequence[Callable[[dict], None]] = ()  # demo data; each gets the demo accounts by role
    demo_accounts: Callable[[], dict] | None = None  # makes the demo accounts (accounts only)
    withdrawal_hooks: Mapping[str, Sequence[Callable]] = field(default_factory=dict)  # consent purpose -> undo
    sign_in_hooks: Sequence[Callable] = ()  # hook(user, guest_session) after a sign-in
    provides: Mapping[str, Sequence[Callable]] = field(default_factory=dict)  # core.hooks: name -> providers
    row_loaded: Sequence[Callable[[Any], None]] = ()  # hook(row) for each participant-data row a request loads
    statement_hooks: Sequence[Callable[[Any], None]] = ()  # hook(ORMExecuteState) before each ORM statement
    flush_hooks: Sequence[Callable[[Any, Any], None]] = ()  # hook(session, flush_context) after each flush
    cli: Sequence[click.Command] = ()
    migrations: str | None = None  # its folder of migrations, relative to the project (core/migrations/alembic.ini)
    templating: Callable[[Flask], None] | None = None  # filters and globals for its templates
    setup: Callable[[Flask], None] | None = None  # what fits no field above; runs first


@dataclass
class Registries:
    """One app's registries, filled by `install` from the features' declarations."""
    features: list[str] = field(default_factory=list)
    nav: list[tuple[frozenset[str] | None, str, Any]] = field(default_factory=list)
    to_do: list[ToDo] = field(default_factory=list)
    home_sections: list[HomeSection] = field(default_factory=list)
    record_links: list[tuple[str, Any]] = field(default_factory=list)
    jobs: dict[str, Job] = field(default_factory=dict)
    data_sections: dict[str, Any] = field(default_factory=dict)
    participant_data: dict[type, str] = field(default_factory=dict)
    participant_data_via: dict[type, tuple[str, type]] = field(default_factory=dict)
    watched: dict[type, set[str]] = field(default_factory=dict)  # model -> cache names it feeds
    watched_tables: dict[str, set[str]] = field(default_factory=dict)  # the same by table name
    notice_kinds: dict[str, NoticeKind] = field(default_factory=dict)
    code_lists: dict[str, Mapping[Any, Any]] = field(default_factory=dict)
    audit_actions: dict[str, Any] = field(default_factory=dict)  # every feature's, merged: the code list
    audit_record_types: dict[str, Any] = field(default_factory=dict)  # "audit_action" / "audit_record_type"
    seeders: list[Callable[[dict], None]] = field(default_factory=list)
    demo_accounts: Callable[[], dict] | None = None
    withdrawal_hooks: dict[str, list[Callable]] = field(default_factory=dict)
    sign_in_hooks: list[Callable] = field(default_factory=list)
    providers: dict[str, list[Callable]] = field(default_factory=dict)
    row_loaded: list[Callable[[Any], None]] = field(default_factory=list)
    statement_hooks: list[Callable[[Any], None]] = field(default_factory=list)
    flush_hooks: list[Callable[[Any, Any], None]] = field(default_factory=list)
    migrations: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # The audit log's words are one code list each, filled by every feature (`add_audit_words`).
        self.code_lists["audit_action"] = self.audit_actions
        self.code_lists["audit_record_type"] = self.audit_record_types

    def add_audit_words(self, found: dict[str, Any], words: Mapping[str, Any], feature: str) -> None:
        for code, label in words.items():
            if code in found:
                raise ValueError(f"the audit code {code} is declared twice (again by {feature})")
            found[code] = label

    def add_nav(self, entry: Nav) -> None:
        link = (entry.role_names(), entry.endpoint, entry.label)
        endpoints = [endpoint for _roles, endpoint, _label in self.nav]
        if entry.after in endpoints:
            self.nav.insert(endpoints.index(entry.after) + 1, link)
        else:
            self.nav.append(link)

    def add_job(self, job: Job) -> None:
        self.jobs[job.id] = job

    def add_codes(self, kind: str, labels: Mapping[Any, Any]) -> None:
        self.code_lists[kind] = labels

    def add_participant_data(self, entry: ParticipantData) -> None:
        if entry.via is None:
            self.participant_data[entry.model] = entry.attribute
        else:
            self.participant_data_via[entry.model] = (entry.attribute, entry.via)

    def add_watch(self, name: str, models: Sequence[type]) -> None:
        for model in models:
            self.watched.setdefault(model, set()).add(name)
            table_name: str = model.__tablename__  # type: ignore[attr-defined]
            self.watched_tables.setdefault(table_name, set()).add(name)

    def add(self, feature: Feature) -> None:
        self.features.append(feature.name)
        for entry in feature.nav:
            self.add_nav(entry)
        self.to_do.extend(feature.to_do)
        self.home_sections.extend(feature.home_sections)
        for link in feature.record_links:
            if link.endpoint not in [endpoint for endpoint, _label in self.record_links]:
                self.record_links.append((link.endpoint, link.label))
        for job in feature.jobs:
            self.add_job(job)
        for section in feature.data_sections:
            self.data_sections[section.name] = section
        for data in feature.participant_data:
            self.add_participant_data(data)
        for name, models in feature.cache_watches.items():
            self.add_watch(name, models)
        self.notice_kinds.update(feature.notice_kinds)
        for kind, labels in feature.code_lists.items():
            self.add_codes(kind, labels)
        self.add_audit_words(self.audit_actions, feature.audit_actions, feature.name)
        self.add_audit_words(self.audit_record_types, feature.audit_record_types, feature.name)
        self.seeders.extend(seeder for seeder in feature.seeders if seeder not in self.seeders)
        if feature.demo_accounts is not None:
            self.demo_accounts = feature.demo_accounts
        for purpose, hooks in feature.withdrawal_hooks.items():
            self.withdrawal_hooks.setdefault(purpose, []).extend(h for h in hooks
                                                                  if h not in self.withdrawal_hooks[purpose])
        self.sign_in_hooks.extend(hook for hook in feature.sign_in_hooks if hook not in self.sign_in_hooks)
        for name, providers in feature.provides.items():
            self.providers.setdefault(name, []).extend(p for p in providers if p not in self.providers[name])
        self.row_loaded.extend(hook for hook in feature.row_loaded if hook not in self.row_loaded)
        self.statement_hooks.extend(hook for hook in feature.statement_hooks if hook not in self.statement_hooks)
        self.flush_hooks.extend(hook for hook in feature.flush_hooks if hook not in self.flush_hooks)
        if feature.migrations:
            self.migrations.append(feature.migrations)


def registries(app: Flask | None = None) -> Registries:
    """The app's registries (the current app's without `app`); made empty on first use."""
    if app is None:
        # The app context read directly: asked for a few hundred times a page (each row of participant data
        # loaded, each ORM statement), where the `current_app` proxy cost more than the rest (issue 35).
        context = _cv_app.get(None)
        target = context.app if context is not None else current_app  # the proxy's own error outside one
    else:
        target = app
    found = target.extensions.get(EXTENSION)
    if found is None:
        found = target.extensions[EXTENSION] = Registries()
    return found


def install(app: Flask, features: Sequence[Feature]) -> None:
    """Each feature in order: its own set-up, its templating, its blueprints, its CLI groups, then what it
    declares into the app's registries."""
    found = registries(app)
    for feature in features:
        if feature.name in found.features:
            raise ValueError(f"feature {feature.name} is installed twice")
        if feature.setup is not None:
            feature.setup(app)
        if feature.templating is not None:
            feature.templating(app)
        for blueprint in feature.blueprints:
            app.register_blueprint(blueprint)
        for command in feature.cli:
            app.cli.add_command(command)
        found.add(feature)

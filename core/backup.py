"""Backup and restore of the whole database: `flask backup [PATH]` and `flask restore PATH`.

A backup is one consistent copy of every feature's tables: SQLite's online backup API (one read transaction,
so the site may keep writing), or `pg_dump --format=custom` (one snapshot). Beside the copy a manifest (JSON)
says what it is: the kind of database, the migration head(s), when, the app version and the copy's SHA-256.
It holds no secret: no address, user name or password of the database.

A restore goes only into an empty database, only from a copy whose checksum matches its manifest and whose
migration head this code knows; every check runs before anything is written, so a refusal changes nothing.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump and pg_restore, run with argument lists, never through a shell
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from core.extensions import db

MANIFEST_FORMAT = 1
SUFFIXES = {"sqlite": ".sqlite3", "postgresql": ".pgdump"}
VERSION_TABLE = "alembic_version"
PG_LIB = Path("/usr/lib/postgresql")  # Debian's home of each PostgreSQL version's programs


class BackupError(click.ClickException):
    """A refusal or failure, said in one line; the command exits non-zero and nothing was changed."""


@dataclass(frozen=True)
class Backup:
    copy: Path
    manifest: Path
    details: dict[str, Any]


@dataclass(frozen=True)
class Restored:
    heads: list[str]
    current_heads: list[str]

    @property
    def needs_upgrade(self) -> bool:
        return sorted(self.heads) != sorted(self.current_heads)


def manifest_path(copy: Path) -> Path:
    return copy.with_name(copy.name + ".json")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- backup -----------------------------------------------------------------------------------------------------

def make_backup(path: Path | None = None) -> Backup:
    engine = db.engine
    kind = _kind(engine)
    copy = _copy_path(path, kind)
    _create_private(copy)
    created = [copy]
    try:
        server_version = None
        if kind == "sqlite":
            _sqlite_backup(_sqlite_file(engine.url), copy)
        else:
            server_version = _pg_backup(engine, copy)
        heads = _heads_in_copy(kind, copy, engine)  # what the copy holds, not what the database held a moment later
        details: dict[str, Any] = {
            "format": MANIFEST_FORMAT,
            "database": kind,
            "server_version": server_version,
            "migration_heads": heads,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "app_version": current_app.config.get("APP_VERSION") or os.environ.get("APP_VERSION") or None,
            "file": copy.name,
            "size": copy.stat().st_size,
            "sha256": sha256_of(copy),
        }
        manifest = manifest_path(copy)
        _create_private(manifest)
        created.append(manifest)
        manifest.write_text(json.dumps(details, indent=2) + "\n")
    except BaseException:
        for path_made in created:  # a failed backup leaves nothing half-written behind
            path_made.unlink(missing_ok=True)
        raise
    return Backup(copy, manifest, details)


def _copy_path(path: Path | None, kind: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    name = f"pathways-{stamp}{SUFFIXES[kind]}"
    if path is None:
        folder = Path(current_app.instance_path) / "backups"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return folder / name
    if path.is_dir():
        return path / name
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    return path


def _create_private(path: Path) -> None:
    """Create the file readable by its owner only; never overwrite an earlier backup."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise BackupError(f"{path} already exists; give another name or remove it first.") from None
    except OSError as error:
        raise BackupError(f"Cannot write {path}: {error.strerror}.") from None


def _sqlite_backup(source: Path, copy: Path) -> None:
    if not source.exists():
        raise BackupError(f"The database file {source} does not exist.")
    try:
        with _sqlite_connect(source) as src, _sqlite_connect(copy) as dst:
            src.backup(dst)  # all pages in one step: one read transaction, so one consistent state
            dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file, without -wal or -shm
        with _sqlite_connect(copy, read_only=True) as check:
            result = check.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not copy {source}: {error}.") from None
    if not result or result[0] != "ok":
        raise BackupError(f"The copy failed SQLite's integrity check: {result}.")


@contextmanager
def _sqlite_connect(path: Path, read_only: bool = False) -> Iterator[sqlite3.Connection]:
    """sqlite3's own context manager commits but does not close; this one closes."""
    if read_only:
        connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    else:
        connection = sqlite3.connect(path, timeout=30)
    try:
        yield connection
    finally:
        connection.close()


def _pg_backup(engine: sa.Engine, copy: Path) -> str:
    major, version = _pg_server_version(engine)
    pg_dump = _pg_tool("pg_dump", major)
    _run([pg_dump, "--format=custom", "--no-password", f"--file={copy}", _pg_dbname(engine.url)], engine.url,
         "pg_dump")
    return version


# --- restore ----------------------------------------------------------------------------------------------------

def restore(copy: Path) -> Restored:
    engine = db.engine
    kind = _kind(engine)
    details = _read_manifest(copy)
    if details.get("database") != kind:
        raise BackupError(f"The copy is of a {details.get('database')} database; this site uses {kind}.")
    if sha256_of(copy) != details.get("sha256"):
        raise BackupError(f"{copy.name} does not match its manifest's SHA-256: it was changed or damaged.")
    heads = list(details.get("migration_heads") or [])
    if sorted(_heads_in_copy(kind, copy, engine)) != sorted(heads):
        raise BackupError("The copy's migration version differs from its manifest's.")
    current = _check_known(heads)
    _check_empty(engine, heads)
    db.session.remove()
    engine.dispose()  # no pooled connection may hold the old file or schema open
    if kind == "sqlite":
        target = _sqlite_file(engine.url)
        try:
            with _sqlite_connect(copy, read_only=True) as src, _sqlite_connect(target) as dst:
                src.backup(dst)  # one step, in one write transaction of the target: all or nothing
        except sqlite3.Error as error:
            raise BackupError(f"SQLite could not restore into {target}: {error}.") from None
    else:
        major, _version = _pg_server_version(engine)
        clean = _has_tables(engine)  # only empty tables (checked above): replace them with the copy's
        _run([_pg_tool("pg_restore", major), "--no-owner", "--no-acl", "--single-transaction", "--exit-on-error",
              "--no-password", *(["--clean", "--if-exists"] if clean else []), f"--dbname={_pg_dbname(engine.url)}",
              str(copy)], engine.url, "pg_restore")
    engine.dispose()
    return Restored(heads, current)


def _read_manifest(copy: Path) -> dict[str, Any]:
    if not copy.is_file():
        raise BackupError(f"There is no backup file {copy}.")
    manifest = manifest_path(copy)
    try:
        details = json.loads(manifest.read_text())
    except FileNotFoundError:
        raise BackupError(f"The manifest {manifest.name} is missing beside the copy.") from None
    except (OSError, ValueError) as error:
        raise BackupError(f"The manifest {manifest.name} cannot be read: {error}.") from None
    if not isinstance(details, dict) or details.get("format") != MANIFEST_FORMAT:
        raise BackupError(f"The manifest {manifest.name} is not a Pathways backup manifest (format 1).")
    return details


def _check_known(heads: list[str]) -> list[str]:
    """The copy's heads must be revisions of this code's migrations (every feature's version folder)."""
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    if not heads:
        raise BackupError("The copy has no migration version: it is not of a migrated Pathways database.")
    script = ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config())
    for head in heads:
        try:
            known = script.get_revision(head)
        except CommandError:
            known = None
        if known is None:
            raise BackupError(f"The copy is at migration {head}, which this code does not know: it comes from "
                              "newer code. Restore it with that version of Pathways.")
    return list(script.get_heads())


def _check_empty(engine: sa.Engine, heads: list[str]) -> None:
    """No rows in any table; empty tables only when they are the copy's own (else some would stay behind)."""
    with engine.connect() as connection:
        # A constant table name in the f-string below (bandit B608, ruff S608).
        tables = sa.inspect(connection).get_table_names()
        at = (sorted(connection.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars())  # noqa: S608  # nosec B608
              if VERSION_TABLE in tables else [])
        derived = _search_tables(connection)
        names = [name for name in tables if name != VERSION_TABLE and not name.startswith(derived)]
        filled = [name for name in sorted(names)
                  if connection.execute(sa.select(sa.func.count()).select_from(sa.table(name))).scalar()]
    if filled:
        shown = ", ".join(filled[:5]) + (f" and {len(filled) - 5} more" if len(filled) > 5 else "")
        raise BackupError(f"The target database is not empty ({shown} have rows); restore only into an empty "
                          "database. Nothing was changed.")
    if tables and at != sorted(heads):
        raise BackupError(f"The target database has the empty tables of migration {', '.join(at) or 'none'}, the "
                          f"copy is at {', '.join(heads)}: restore into a new empty database. Nothing was changed.")


def _search_tables(connection: sa.Connection) -> tuple[str, ...]:
    """SQLite's full-text tables and their shadow tables hold configuration rows even with no data in them."""
    if connection.dialect.name != "sqlite":
        return ()
    rows = connection.execute(sa.text("SELECT name FROM sqlite_master WHERE type = 'table' "
                                      "AND sql LIKE 'CREATE VIRTUAL TABLE%'")).scalars()
    return tuple(name for row in rows for name in (row, row + "_"))


def _has_tables(engine: sa.Engine) -> bool:
    with engine.connect() as connection:
        return bool(sa.inspect(connection).get_table_names())


# --- both -------------------------------------------------------------------------------------------------------

def _kind(engine: sa.Engine) -> str:
    if engine.dialect.name not in SUFFIXES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine.dialect.name}.")
    return engine.dialect.name


def _sqlite_file(url: sa.URL) -> Path:
    if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
        raise BackupError("The SQLite database must be a file given by its path.")
    return Path(url.database)


def _heads_in_copy(kind: str, copy: Path, engine: sa.Engine) -> list[str]:
    if kind == "sqlite":
        with _sqlite_connect(copy, read_only=True) as connection:
            try:
                rows = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()  # noqa: S608  # nosec B608
            except sqlite3.DatabaseError:
                return []
        return sorted(row[0] for row in rows)
    major, _version = _pg_server_version(engine)
    listing = _run([_pg_tool("pg_restore", major), "--data-only", f"--table={VERSION_TABLE}", "--file=-",
                    str(copy)], engine.url, "pg_restore")
    match = re.search(rf"^COPY \S*{VERSION_TABLE} .*?FROM stdin;\n(.*?)^\\\.$", listing, re.M | re.S)
    return sorted(match.group(1).split()) if match else []


def _pg_server_version(engine: sa.Engine) -> tuple[int, str]:
    with engine.connect() as connection:
        number = int(connection.execute(sa.text("SHOW server_version_num")).scalar_one())
        version = str(connection.execute(sa.text("SHOW server_version")).scalar_one()).split()[0]
    return number // 10000, version


def _pg_tool(name: str, server_major: int) -> str:
    """The client that matches the server's major version (Debian keeps each beside its server), else a newer
    one; an older pg_dump cannot read a newer server, and an older pg_restore cannot read its dumps."""
    found: dict[str, int] = {}
    for candidate in sorted(PG_LIB.glob(f"*/bin/{name}")):
        found[str(candidate)] = _tool_major(str(candidate))
    on_path = shutil.which(name)
    if on_path:
        found[on_path] = _tool_major(on_path)
    usable = sorted((major, not path.startswith(str(PG_LIB)), path) for path, major in found.items()
                    if major >= server_major)
    if usable:
        return usable[0][2]
    if found:
        older = ", ".join(f"{path} ({major})" for path, major in found.items())
        raise BackupError(f"The server is PostgreSQL {server_major} but the only {name} found is older: {older}. "
                          f"Install postgresql-client-{server_major}.")
    raise BackupError(f"{name} was not found (looked in /usr/lib/postgresql/*/bin and PATH). "
                      f"Install postgresql-client-{server_major}.")


def _tool_major(path: str) -> int:
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=False).stdout  # noqa: S603
    match = re.search(r"(\d+)(?:\.\d+)*\s*(?:\(|$)", output.strip())
    return int(match.group(1)) if match else 0


def _pg_dbname(url: sa.URL) -> str:
    """A libpq connection URI without the password (which goes through PGPASSWORD, out of the process list)."""
    without = sa.URL.create("postgresql", username=url.username, host=url.host, port=url.port,
                            database=url.database, query=url.query)
    return without.render_as_string(hide_password=False)


def _run(command: list[str], url: sa.URL, name: str) -> str:
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        raise BackupError(f"{name} failed: {lines[0] if lines else f'exit code {result.returncode}'}")
    return result.stdout


# --- commands ---------------------------------------------------------------------------------------------------

@click.command("backup")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@with_appcontext
def backup_command(path: Path | None) -> None:
    """Write a consistent copy of the database and its manifest (default: instance/backups/)."""
    with _database_errors():
        made = make_backup(path)
    click.echo(f"Backup written: {made.copy} ({made.details['size']} bytes, migration "
               f"{', '.join(made.details['migration_heads']) or 'none'}); manifest {made.manifest}")


@click.command("restore")
@click.argument("path", type=click.Path(path_type=Path))
@with_appcontext
def restore_command(path: Path) -> None:
    """Restore a backup into this site's database, which must be empty."""
    with _database_errors():
        restored = restore(path)
    click.echo(f"Restored {path} (migration {', '.join(restored.heads)}).")
    if restored.needs_upgrade:
        click.echo(f"The copy is older than this code ({', '.join(restored.current_heads)}): "
                   "run `flask --app app db upgrade` now.")


@contextmanager
def _database_errors() -> Iterator[None]:
    """A database that cannot be reached is said in one line, not a traceback."""
    try:
        yield
    except sa.exc.OperationalError as error:
        detail = str(error.orig or error).strip().splitlines()[0]
        raise BackupError(f"The database cannot be reached: {detail}") from None


def init_app(app: Any) -> None:
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)

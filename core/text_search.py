"""Text search that an index serves, for Thai (no spaces between words) as for English.

One function, `matches(model, text)`, gives the WHERE condition for "this row's searchable text contains the
typed words". Behind it each dialect keeps a trigram index:

- SQLite: an FTS5 table `<table>_search` with the `trigram` tokenizer over the base table's own columns
  (external content: no second copy of the text), kept in step by triggers, so ORM writes, bulk statements and
  imports all update it. A phrase query of three or more characters is answered from the index.
- PostgreSQL: a stored generated column `search_document`, `lower(coalesce(a,'') || chr(31) || coalesce(b,'') …)` of
  the same columns, which PostgreSQL computes again on every INSERT and UPDATE (ORM writes, bulk statements and
  imports alike: the app never writes it and the models do not map it), kept uncompressed in the row, and a
  `pg_trgm` GIN index on that column. chr(31), the unit separator, stands between the columns: typed words never
  hold it, so they are found within one column, as FTS5 finds them (until 0060 a space stood there, and words
  running from the end of one column into the next were found on PostgreSQL only). The search is a LIKE on the
  column. Until migration 0059 the index was on the expression itself: a common word (one every course holds) made
  PostgreSQL compute `lower()` over each row's text at every search, and the index's recheck computed it again,
  since an expression index keeps no value to read (10,000 courses of bench/seed.py: 45 ms a search, 8 ms since).

On SQLite, shorter input (one or two characters, which no trigram index can serve) falls back to LIKE over the
columns, each folded by Python's lower() (`unicode_lower`, core.db: SQLite's own folds ASCII only); on
PostgreSQL it is the same LIKE on the stored column, read without the index.

A PostgreSQL database created with the `C` locale lower-cases ASCII letters only, so "NGUYỄN" would never be found
by "nguyễn": the migrations refuse such a database (core/migrations/env.py), saying how to create it.

The migrations create the indexes with `create_index`/`drop_index`; a test checks every registered table has
them, so a later migration that rebuilds a table on SQLite cannot drop the triggers unnoticed.

- A new searchable table: add it to `SEARCHABLE` and call `create_index(op, table, columns)` in its migration
  (and `drop_index(op, table)` in its downgrade). That builds the FTS5 table on SQLite, and on PostgreSQL the
  stored column with its GIN index, the layout every searched table has had since 0060.
- A migration that changes the type of a searched column, drops one, or changes which columns are searched:
  on PostgreSQL the stored column depends on them (PostgreSQL refuses to change the type of, or drop, a column
  that a generated column reads), so call `drop_index` first (it drops the stored column too) and
  `create_index` after, as the migrations that copy a table on SQLite already do.
- The migrations before 0059 pass `layout="expression"`, and 0059 `layout="stored"`: they build what they built
  when they were written, so a database built from nothing passes through the schemas a database at 0058 and at
  0059 has, and ends with the same one (tests/core/test_search_document_migration.py).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from core.input_rules import FORBIDDEN


@dataclass(frozen=True)
class Searchable:
    table: str
    columns: tuple[str, ...]

    @property
    def index_table(self) -> str:
        return f"{self.table}_search"

    @property
    def gin_index(self) -> str:
        return f"ix_{self.table}_search_trgm"


# Every searched table and the columns its search box looks in. Adding one needs a migration calling
# create_index with the same columns.
SEARCHABLE: dict[str, Searchable] = {s.table: s for s in (
    Searchable("courses", ("title", "description", "provider", "translated_text")),
    Searchable("work_posts", ("title", "description", "translated_text")),
    Searchable("products", ("name", "description", "translated_text", "options_text")),
    Searchable("orders", ("name", "email")),
    Searchable("users", ("display_name", "username", "email")),
)}

MIN_INDEXED_CHARACTERS = 3  # a trigram index cannot answer shorter input
DOCUMENT_COLUMN = "search_document"  # PostgreSQL: the stored, lower-cased text the GIN index is on


def _document(columns, between: str = "' '") -> sa.ColumnElement:
    """lower(coalesce(a,'') || <between> || coalesce(b,'') …): what PostgreSQL stores in `search_document` (and
    what the GIN index of the migrations before 0059 was on), literals written inline."""
    parts = [sa.func.coalesce(column, sa.literal_column("''")) for column in columns]
    document: sa.ColumnElement = parts[0]
    for part in parts[1:]:
        document = document.op("||")(sa.literal_column(between)).op("||")(part)
    return sa.func.lower(document)


def _needle(text: str) -> str:
    # Control characters end an FTS5 string early and never occur in what is searched: dropped. Composed (NFC),
    # as browsers send typed text and so as rows hold it: a keyboard that types "ế" as e and two marks finds it.
    return " ".join(unicodedata.normalize("NFC", FORBIDDEN.sub("", text)).split())


def _folded_as_postgresql(needle: str) -> str:
    """The typed words lower-cased as PostgreSQL's lower() does the stored document: letter by letter (Python's
    str.lower makes a word's last Σ a ς, PostgreSQL a σ) and one letter for one (Python makes İ two: i and a
    combining dot)."""
    return "".join(letter.lower()[0] for letter in needle)


def _dialect() -> str:
    from core.extensions import db

    return db.session.get_bind().dialect.name


def _stored_document(model) -> sa.ColumnElement:
    # Not mapped (the models know nothing of it, SQLite has no such column): named through the model's table.
    return sa.literal_column(f"{_identifier(model.__table__.name)}.{DOCUMENT_COLUMN}", sa.Text())


def _fts_rowids(searchable: Searchable, needle: str) -> sa.Select:
    # The typed words as they are: FTS5 folds the phrase as it folded the indexed text (its own tables, older
    # than Python's: Georgian and Cherokee capitals stay as they are on both sides).
    index = sa.table(searchable.index_table, sa.column("rowid"))
    phrase = '"' + needle.replace('"', '""') + '"'  # one phrase: a substring, never FTS5 query syntax
    return sa.select(index.c.rowid.label("id")).where(
        sa.literal_column(searchable.index_table).op("MATCH")(phrase))


def matches(model, text: str) -> sa.ColumnElement[bool]:
    """WHERE condition: the row's searchable columns contain `text` (case and repeated spaces ignored)."""
    searchable = SEARCHABLE[model.__table__.name]
    columns = [getattr(model, name) for name in searchable.columns]
    needle = _needle(text)
    dialect = _dialect()
    if dialect == "postgresql":
        return _stored_document(model).like(f"%{_escaped(_folded_as_postgresql(needle))}%", escape="/")
    if dialect == "sqlite" and len(needle) >= MIN_INDEXED_CHARACTERS:
        return model.id.in_(_fts_rowids(searchable, needle))
    pattern = f"%{_escaped(needle.lower())}%"  # both sides folded by Python (unicode_lower)
    return sa.or_(*(sa.func.unicode_lower(column).like(pattern, escape="/") for column in columns))


def matching_ids(model, text: str) -> sa.Select:
    """SELECT of one column `id`: the rows of `model` whose searchable columns contain `text`, as `matches`
    finds them. On SQLite the trigram index alone answers it (the base table is not read), for a caller that
    filters and orders the ids itself (training.listings cuts them from its cached index)."""
    needle = _needle(text)
    if _dialect() == "sqlite" and len(needle) >= MIN_INDEXED_CHARACTERS:
        return _fts_rowids(SEARCHABLE[model.__table__.name], needle)
    return sa.select(model.id.label("id")).where(matches(model, text))


def _escaped(text: str) -> str:
    return text.replace("/", "//").replace("%", "/%").replace("_", "/_")


# --- schema: called by migrations ---------------------------------------------------------------------------

Layout = Literal["columns_apart", "stored", "expression"]


def create_index(op, table: str, columns: tuple[str, ...], *, layout: Layout = "columns_apart") -> None:
    """Build the trigram index of `table` over `columns` and fill it from the rows already there. `layout` is
    PostgreSQL's: "columns_apart" (since 0060) adds the generated column `search_document`, its columns joined by
    chr(31), and puts the GIN index on it; "stored" is 0059's, the columns joined by spaces; "expression" is
    what the migrations before 0059 built, the GIN index on the expression itself (joined by spaces)."""
    if layout not in ("columns_apart", "stored", "expression"):
        raise ValueError(f"unknown layout: {layout!r}")
    bind = op.get_bind()
    searchable = Searchable(_identifier(table), tuple(_identifier(c) for c in columns))
    if bind.dialect.name == "sqlite":
        names = {"fts": searchable.index_table, "table": searchable.table, "cols": ", ".join(searchable.columns),
                 "new": ", ".join(f"new.{c}" for c in searchable.columns),
                 "old": ", ".join(f"old.{c}" for c in searchable.columns)}
        for template in (
            "CREATE VIRTUAL TABLE %(fts)s USING fts5(%(cols)s, content='%(table)s', content_rowid='id', "
            "tokenize='trigram')",
            "CREATE TRIGGER %(fts)s_insert AFTER INSERT ON %(table)s BEGIN "
            "INSERT INTO %(fts)s(rowid, %(cols)s) VALUES (new.id, %(new)s); END",
            "CREATE TRIGGER %(fts)s_delete AFTER DELETE ON %(table)s BEGIN "
            "INSERT INTO %(fts)s(%(fts)s, rowid, %(cols)s) VALUES ('delete', old.id, %(old)s); END",
            "CREATE TRIGGER %(fts)s_update AFTER UPDATE OF %(cols)s ON %(table)s BEGIN "
            "INSERT INTO %(fts)s(%(fts)s, rowid, %(cols)s) VALUES ('delete', old.id, %(old)s); "
            "INSERT INTO %(fts)s(rowid, %(cols)s) VALUES (new.id, %(new)s); END",
            "INSERT INTO %(fts)s(%(fts)s) VALUES ('rebuild')",
        ):
            op.execute(sa.DDL(template, context=names))  # names from code, checked by _identifier
    elif bind.dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        document = _document([sa.column(c) for c in searchable.columns],
                             "chr(31)" if layout == "columns_apart" else "' '")
        expression = document.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
        if layout == "expression":
            op.execute(f"CREATE INDEX {searchable.gin_index} ON {searchable.table} "
                       f"USING gin (({expression}) gin_trgm_ops)")
        else:
            # STORAGE MAIN: kept in the row uncompressed while the row can hold it (the wide columns beside it are
            # compressed or moved out of the row first). Compressed, as text is by default in a wide row, every
            # search that reads it row by row unpacked it first: 20 ms instead of 9.5 for 10,000 courses.
            op.execute(f"ALTER TABLE {searchable.table} ADD COLUMN {DOCUMENT_COLUMN} text "
                       f"GENERATED ALWAYS AS ({expression}) STORED, "
                       f"ALTER COLUMN {DOCUMENT_COLUMN} SET STORAGE MAIN")
            op.execute(f"CREATE INDEX {searchable.gin_index} ON {searchable.table} "
                       f"USING gin ({DOCUMENT_COLUMN} gin_trgm_ops)")
        # The statistics of the new document (or index expression): without them the planner cannot tell a common
        # word from a rare one, and autovacuum gathers them only once a tenth of the rows has changed. Right after
        # 0059 without them, a shop's search for a word in all its 110,000 orders took 206 ms instead of 5.
        op.execute(f"ANALYZE {searchable.table}")


def _identifier(name: str) -> str:
    # Table and column names are written into DDL; they come from code, never from input, and must look so.
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise ValueError(f"not a plain SQL name: {name!r}")
    return name


def drop_index(op, table: str) -> None:
    """Drop the trigram index of `table`, whichever layout it has (on PostgreSQL the stored column with it)."""
    bind = op.get_bind()
    searchable = Searchable(_identifier(table), ())
    if bind.dialect.name == "sqlite":
        for event in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {searchable.index_table}_{event}")
        op.execute(f"DROP TABLE IF EXISTS {searchable.index_table}")
    elif bind.dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {searchable.gin_index}")
        op.execute(f"ALTER TABLE {searchable.table} DROP COLUMN IF EXISTS {DOCUMENT_COLUMN}")


def outside_models(name, type_, parent_names) -> bool:
    """Alembic include_name hook: the search indexes live outside the models (FTS5 tables and their shadow
    tables, PostgreSQL's stored documents and their GIN indexes), so comparing schema with models leaves them
    out."""
    if type_ == "column":
        return not (name == DOCUMENT_COLUMN and parent_names.get("table_name") in SEARCHABLE)
    if type_ == "table":
        return not any(name == s.index_table or name.startswith(s.index_table + "_") for s in SEARCHABLE.values())
    if type_ == "index":
        return not any(name == s.gin_index for s in SEARCHABLE.values())
    return True


def optimize(connection) -> None:
    """Merge the FTS5 segments, so the index holds no trace of text that was changed or erased."""
    if connection.dialect.name == "sqlite":
        for searchable in SEARCHABLE.values():
            connection.execute(sa.DDL("INSERT INTO %(fts)s(%(fts)s) VALUES ('optimize')",
                                      context={"fts": _identifier(searchable.index_table)}))

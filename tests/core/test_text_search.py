"""Every searched table is found through its trigram index, in Thai as in English, whatever wrote the row.

The tables come from text_search.SEARCHABLE; a row of each is copied from the test world, so a table added
there is covered here without naming it. On PostgreSQL the search reads the stored lower-cased document
(`search_document`, migrations 0059 and 0060), never lower(...) of the columns, and finds what that expression found."""
from __future__ import annotations

import re
import secrets
from pathlib import Path

import sqlalchemy as sa

from core import text_search
from core.extensions import db
from tests.site_world import build_world

ROOT = Path(__file__).resolve().parents[2]


def _models():
    by_table = {mapper.local_table.name: mapper.class_ for mapper in db.Model.registry.mappers}
    return [(searchable, by_table[searchable.table]) for searchable in text_search.SEARCHABLE.values()]


def _found(model, text: str) -> set[int]:
    return set(db.session.scalars(sa.select(model.id).where(text_search.matches(model, text))))


def _plan(model, text: str) -> str:
    query = sa.select(model.id).where(text_search.matches(model, text))
    compiled = query.compile(db.session.get_bind(), compile_kwargs={"literal_binds": True})
    if db.session.get_bind().dialect.name == "sqlite":
        return " ".join(str(row[-1]) for row in db.session.execute(sa.text(f"EXPLAIN QUERY PLAN {compiled}")))
    db.session.execute(sa.text("SET LOCAL enable_seqscan = off"))  # tiny tables: ask whether the index can serve
    return " ".join(row[0] for row in db.session.execute(sa.text(f"EXPLAIN {compiled}")))


def _copy(table: sa.Table, row: dict) -> dict:
    """The row again under a new id, with fresh values where a column must be unique."""
    unique = {column.name for column in table.columns if column.unique}
    for constraint in table.constraints:
        if isinstance(constraint, sa.UniqueConstraint):
            unique |= {column.name for column in constraint.columns}
    for index in table.indexes:
        if index.unique:
            unique |= {column.name for column in index.columns}
    copy = {key: value for key, value in row.items() if key != "id"}
    for name in unique - {"id"}:
        copy[name] = f"copy-{secrets.token_hex(6)}@copy.example"
    return copy


def test_every_searchable_table_is_found_through_its_index_after_any_kind_of_write(ctx):
    build_world()
    for searchable, model in _models():
        table, first = model.__table__, searchable.columns[0]
        row = db.session.execute(sa.select(table).order_by(table.c.id).limit(1)).mappings().first()
        assert row is not None, f"the test world has no {searchable.table}"
        marker = f"ร้านกาแฟสด{searchable.table} Fresh COFFEE"

        # A bulk UPDATE (imports, anonymising) reaches the index as an ORM write does.
        db.session.execute(sa.update(table).where(table.c.id == row["id"]).values({first: marker}))
        assert _found(model, "กาแฟสด" + searchable.table) == {row["id"]}, searchable.table
        assert _found(model, "fresh  coffee") >= {row["id"]}, "case and doubled spaces are ignored"
        assert row["id"] in _found(model, "แฟ"), "two characters: no index can serve them, LIKE still finds"

        instance = db.session.get(model, row["id"])
        setattr(instance, first, f"เย็บผ้า{searchable.table}")
        db.session.flush()
        assert _found(model, "กาแฟสด" + searchable.table) == set(), "the old words are gone from the index"
        assert _found(model, "ย็บผ้า" + searchable.table) == {row["id"]}

        # Characters that mean something to LIKE or to FTS5 are searched for as they are.
        db.session.execute(sa.update(table).where(table.c.id == row["id"]).values({first: 'a 100%_"x" OR y/z'}))
        assert _found(model, '100%_"x" or') == {row["id"]}
        assert row["id"] not in _found(model, "100%%")
        assert _found(model, "or y/z") == {row["id"]}, "the LIKE escape character is searched for as it is"
        assert row["id"] in _found(model, "/") and row["id"] in _found(model, "%")
        assert row["id"] in _found(model, "Y"), "one character: no index can serve it, LIKE still finds"

        copy_id = db.session.execute(sa.insert(table).values(_copy(table, dict(row)) | {first: "ผ้าไหมคัดพิเศษ"})
                                     .returning(table.c.id)).scalar_one()
        assert _found(model, "ไหมคัด") == {copy_id}
        db.session.execute(sa.delete(table).where(table.c.id == copy_id))
        assert _found(model, "ไหมคัด") == set(), "a deleted row leaves the index"

        plan = _plan(model, "ไหมคัด")
        if db.session.get_bind().dialect.name == "sqlite":
            assert re.search(r"VIRTUAL TABLE INDEX \d+:M", plan), (searchable.table, plan)
        else:
            assert searchable.gin_index in plan, (searchable.table, plan)
            assert text_search.DOCUMENT_COLUMN in plan and "lower(" not in plan, (searchable.table, plan)


# Typed words whose results must not change with the way PostgreSQL keeps the document: case, spaces, Thai
# without spaces, LIKE's own characters and its escape character, one and two characters.
TYPED = ("COFFEE", "coffee", "Fresh  coffee", " fresh\tCOFFEE ", "กาแฟสด", "ร้านกาแฟ", "แฟ", "ก", "a", "%", "_",
         "/", "//", "100%", "%_", "0%_x", "a/b", "x_y", "b 100", "Malee", "@", "example.")
MARKED = ("Fresh COFFEE ร้านกาแฟสด", "a/b 100%_x", "x_y // 0%_x", "ALL CAPS")


def _contains_each_typed_text(model, columns) -> dict[str, set[int]]:
    """The ids of which one column, lower-cased, contains the typed words (spaces in them squeezed), worked out in
    Python: the columns kept apart by a character typed words never hold, as the search keeps them (0060)."""
    table = model.__table__
    rows = db.session.execute(sa.select(table.c.id, *(table.c[name] for name in columns))).all()
    documents = {row[0]: "\x1f".join(value or "" for value in row[1:]).lower() for row in rows}
    return {text: {row_id for row_id, document in documents.items() if " ".join(text.split()).lower() in document}
            for text in TYPED}


def test_the_search_finds_what_the_columns_contain_for_any_typed_words(ctx):
    """On PostgreSQL through the stored document (0059), on SQLite through FTS5 or LIKE: the same rows."""
    build_world()
    for searchable, model in _models():
        table = model.__table__
        ids = db.session.scalars(sa.select(table.c.id).order_by(table.c.id).limit(len(MARKED))).all()
        for row_id, text in zip(ids, MARKED, strict=False):  # a bulk UPDATE: the document follows it
            db.session.execute(sa.update(table).where(table.c.id == row_id).values({searchable.columns[0]: text}))
        expected = _contains_each_typed_text(model, searchable.columns)
        assert expected["coffee"] and expected["/"] and expected["ก"], searchable.table  # the rows are there
        for text, ids_before in expected.items():
            assert _found(model, text) == ids_before, (searchable.table, text)
            matched = text_search.matching_ids(model, text).subquery()
            assert set(db.session.scalars(sa.select(matched.c.id))) == ids_before, (searchable.table, text)


def test_search_plans_use_the_index_for_a_rare_word_and_never_lower_the_columns(ctx):
    """The opportunities search (matching_ids) on a table big enough for the planner to choose, statistics
    fresh: on PostgreSQL no lower(...) over the columns, whether every row matches or one does; on SQLite the
    trigram table alone answers both."""
    from training.models import Course

    build_world()
    table = Course.__table__
    row = dict(db.session.execute(sa.select(table).order_by(table.c.id).limit(1)).mappings().one())
    copies = [_copy(table, row) | {"title": f"Barista and coffee shop service {n}"} for n in range(3000)]
    db.session.execute(sa.insert(table), copies)
    db.session.execute(sa.update(table).where(table.c.id == row["id"]).values(title="Qwertyzu pottery"))
    postgresql = db.session.get_bind().dialect.name == "postgresql"
    if postgresql:  # what autovacuum does on its own: statistics, and the GIN index's pending list merged in
        db.session.execute(sa.text("ANALYZE courses"))
        db.session.execute(sa.text("SELECT gin_clean_pending_list('ix_courses_search_trgm')"))

    def plan(text: str) -> str:
        query = text_search.matching_ids(Course, text)
        compiled = query.compile(db.session.get_bind(), compile_kwargs={"literal_binds": True})
        explain = "EXPLAIN" if postgresql else "EXPLAIN QUERY PLAN"
        return "\n".join(str(row[-1]) for row in db.session.execute(sa.text(f"{explain} {compiled}")))

    rare, common = plan("qwertyzu"), plan("coffee")
    for found in (rare, common):
        if postgresql:
            assert "search_document ~~" in found and "lower(" not in found, found
        else:
            assert re.search(r"VIRTUAL TABLE INDEX \d+:M", found) and "courses " not in found, found
    if postgresql:
        assert "Bitmap Index Scan on ix_courses_search_trgm" in rare, rare
    assert _found(Course, "qwertyzu") == {row["id"]}
    assert len(_found(Course, "coffee")) >= 3000


def test_every_searchable_table_has_its_index_at_the_head_of_the_migrations(ctx):
    # A later migration that rebuilds a table on SQLite (batch mode) drops its triggers; this notices.
    inspector = sa.inspect(db.session.connection())
    for searchable in text_search.SEARCHABLE.values():
        if db.session.get_bind().dialect.name == "sqlite":
            triggers = set(db.session.scalars(sa.text(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"), {"t": searchable.table}))
            assert {f"{searchable.index_table}_{event}" for event in ("insert", "update", "delete")} <= triggers
            assert searchable.index_table in inspector.get_table_names()
        else:
            assert searchable.gin_index in {index["name"] for index in inspector.get_indexes(searchable.table)}
            stored = db.session.execute(sa.text(
                "SELECT is_generated, generation_expression FROM information_schema.columns "
                "WHERE table_name = :t AND column_name = :c"), {"t": searchable.table,
                                                                "c": text_search.DOCUMENT_COLUMN}).one()
            assert stored[0] == "ALWAYS" and all(column in stored[1] for column in searchable.columns), stored
            storage = db.session.scalar(sa.text(
                "SELECT attstorage FROM pg_attribute WHERE attrelid = CAST(:t AS regclass) AND attname = :c"),
                {"t": searchable.table, "c": text_search.DOCUMENT_COLUMN})
            assert storage == "m", "kept in the row uncompressed, so a search reading every row need not unpack it"


def test_no_search_box_bypasses_the_index():
    # Substring matching on columns (LIKE, contains) anywhere but the search module would scan a whole table.
    pattern = re.compile(r"(?<!event)\.(i?like|contains)\(")
    offenders = []
    for path in ROOT.glob("*/*.py"):
        if path.parts[-2] in {"tests", "bench", ".venv"} or path.name == "text_search.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_every_searched_record_written_in_several_languages_is_found_in_each_of_them():
    """A search matches any language a record is written in (#17): each searched table of a translatable model
    indexes its translations beside its own title or name."""
    from core.content_languages import Translatable

    translatable = [mapper.class_ for mapper in db.Model.registry.mappers if issubclass(mapper.class_, Translatable)]
    searched = [model for model in translatable if model.__table__.name in text_search.SEARCHABLE]
    assert {model.__table__.name for model in searched} >= {"courses", "work_posts", "products"}
    for model in searched:
        columns = text_search.SEARCHABLE[model.__table__.name].columns
        assert "translated_text" in columns and model.TRANSLATED[0] in columns, model.__name__

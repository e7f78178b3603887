"""Attack brief 38, target 2: the screening rules' start-up check is skipped when rules with the same fingerprint
passed it before (`training.screening.validate_once`, one marker file per fingerprint in the instance folder,
which outlives a deploy). The fingerprint holds the rule files, the reader's two modules and the versions of
four Python packages, but not the two Unicode tables the reader leans on hardest: ICU's (PyICU's SpoofChecker
reads look-alike letters as the letters they imitate) and Python's own (`unicodedata`: NFKC, NFD, letter
names and categories). PyICU is built from source against the system's ICU, so a new server image with a newer
ICU keeps "PyICU 2.17"; a newer Python keeps every package version. Either changes what the rules catch."""
from __future__ import annotations

import unicodedata

import pytest


@pytest.mark.parametrize("table", ["icu", "python"])
def test_a_new_unicode_table_under_the_reader_means_the_rules_are_checked_again(monkeypatch, table):
    """Harm: after a server upgrade (a newer ICU under the same PyICU version, or a newer Python), the start-up
    check that every indicator's example is still caught is skipped, because the marker of the old start is
    still in the instance folder. A look-alike skeleton or a normalisation that changed with the new table can
    stop an indicator's example being caught ("ρassport" in Greek letters, a fullwidth "ＬＩＮＥ") and the app
    screens posts silently without it: a recruitment-fee or kept-passport ad is published unflagged, and the
    check that exists to stop exactly this start never runs."""
    icu = pytest.importorskip("icu")
    from training import screening

    before = screening.rules_fingerprint()
    if table == "icu":
        monkeypatch.setattr(icu, "ICU_VERSION", "76.1" if icu.ICU_VERSION != "76.1" else "77.1")
    else:
        monkeypatch.setattr(unicodedata, "unidata_version",
                            "16.0.0" if unicodedata.unidata_version != "16.0.0" else "17.0.0")
    assert screening.rules_fingerprint() != before, f"a different {table} Unicode table keeps the fingerprint"

"""The attacks of issue 31 on the public impact figures, each built as a small world of tables and run through
the auditor (impact.auditor): after protection every small count can still be each of 1 to 4 and every other
hidden cell keeps at least 4 values; the old per-table protection (impact.disclosure.protect, tied) leaves a
count pinned in each of them, which the auditor finds; and a Hypothesis test builds random linked tables."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from impact.auditor import (
    MONEY,
    PEOPLE,
    SMALL,
    TOTAL,
    WIDTH,
    Amount,
    Publication,
    Release,
    Subset,
    audit_release,
    publish,
    rounded,
)
from impact.disclosure import Shown, protect, tied

Y = "2025"


def cell(theme: str, place: str, part: str = PEOPLE, year: str = Y) -> tuple[str, str, str, str]:
    return (theme, year, TOTAL if place == "all" else place, part)


def old_publication(release: Release) -> Publication:
    """What the per-table protection of before published for the same figures (shares left out)."""
    publication = Publication()
    for (theme, year), counts in release.people.items():
        table = protect(counts)
        tables = [(PEOPLE, table)]
        if (theme, year) in release.money:
            tables.append((MONEY, tied(table, release.money[(theme, year)])))
        for part, protected in tables:
            for place, figure in [*protected.rows.items(), (TOTAL, protected.total)]:
                publication.labels[(theme, year, place, part)] = figure.shown
                if figure.shown is Shown.NUMBER:
                    publication.values[(theme, year, place, part)] = figure.value or 0
    return publication


def assert_protected(release: Release) -> Publication:
    publication, audit = publish(release)
    assert not audit.unresolved and not audit.failing
    exact = audit_release(release, [publication], exact=True)
    assert not exact.failing
    for protected, (lo, hi) in exact.ranges.items():
        if protected in exact.small or (protected in exact.either and release.value(protected) in SMALL):
            assert lo <= SMALL[0] and hi >= SMALL[-1] or hi - lo + 1 >= WIDTH, (protected, lo, hi)
        else:
            assert hi - lo + 1 >= WIDTH, (protected, lo, hi)
    return publication


def pinned_by_the_old_rules(release: Release) -> set:
    audit = audit_release(release, [old_publication(release)], exact=True)
    return {c for c in audit.failing if c in audit.small}


def test_a_hidden_total_said_every_small_count_was_1_and_every_hidden_one_5():
    # Lampang 1, Chiang Mai 5: the old rule hid the total only because 6 = 5 + 1 (a rule on the values).
    # (That inference, "the total is exactly 6", is not linear: the auditor models its own rule, below.)
    world = Release(people={("scholarships", Y): {"50": 5, "52": 1}})
    publication = assert_protected(world)
    assert publication.labels[cell("scholarships", "all")] is Shown.HIDDEN
    # The reader's constraint now: a total hidden under hidden rows is within 4 of their least sum (6), so 10 at
    # most: Lampang 1 to 4, Chiang Mai 5 to 9.
    ranges = audit_release(world, [publication], exact=True).ranges
    assert ranges[cell("scholarships", "52")] == (1, 4) and ranges[cell("scholarships", "50")] == (5, 9)


def test_a_hidden_cell_is_at_most_the_smallest_shown_so_13_minus_5_minus_5_gave_3():
    world = Release(people={("course_completed", Y): {"10": 5, "50": 5, "52": 3}})
    assert cell("course_completed", "52") in pinned_by_the_old_rules(world)  # old: 10 hidden, 50 shown, total 13
    publication = assert_protected(world)
    assert not publication.shown(cell("course_completed", "50"))


def test_a_total_that_leaves_a_small_count_1_or_2_is_hidden():
    # 7 = Chiang Mai (at least 5) + Bangkok: the old rule kept the total, leaving Bangkok 1 or 2.
    world = Release(people={("business_grants", Y): {"50": 6, "10": 1}})
    assert pinned_by_the_old_rules(world) == {cell("business_grants", "10")}
    assert assert_protected(world).labels[cell("business_grants", "all")] is Shown.HIDDEN


def test_trying_each_split_of_28_minus_20_left_one():
    # 8 = 6 + 1 + 1 under "one hidden of at least 5, two fewer than 5" once the hidden cell is at most 20.
    world = Release(people={("in_work_3", Y): {"10": 20, "50": 6, "52": 1, "57": 1}}, rest={("in_work_3", Y): {}})
    assert pinned_by_the_old_rules(world)
    assert_protected(world)


def test_money_divided_by_fixed_grant_sizes_gave_2_scholarships():
    # 140,000 baht paid: 6 business grants of 20,000 shown, so the rest, 20,000, is 2 scholarships of 10,000.
    world = Release(people={("business_grants", Y): {"50": 6}, ("scholarships", Y): {"52": 2},
                            ("grant_money", Y): {"50": 6, "52": 2}},
                    money={("grant_money", Y): {"50": 120_000, "52": 20_000}},
                    amounts={"grant_money": (Amount(20_000, 20_000, "business_grants"),
                                             Amount(10_000, 10_000, "scholarships"))})
    assert cell("scholarships", "all") in pinned_by_the_old_rules(world)
    publication = assert_protected(world)
    assert not publication.shown(cell("grant_money", "all", MONEY))


def test_money_between_bounds_still_keeps_a_small_count_open():
    world = Release(people={("grant_money", Y): {"50": 9, "52": 2, "57": 3}},
                    money={("grant_money", Y): {"50": 90_000, "52": 20_000, "57": 90_000}},
                    amounts={"grant_money": (Amount(10_000, 30_000),)})
    assert_protected(world)


def test_grants_and_businesses_operating_at_6_months_over_the_same_people():
    # 6 grants, 6 businesses operating (a 100% group): the subset link makes each place's figures equal, so
    # what one table hides the other must hide too.
    world = Release(people={("business_grants", Y): {"50": 5, "52": 1}, ("operating_6", Y): {"50": 5, "52": 1}},
                    rest={("operating_6", Y): {}},
                    subsets={"operating_6": (Subset("business_grants"),)})
    publication = assert_protected(world)
    for theme in ("business_grants", "operating_6"):
        assert not publication.shown(cell(theme, "50"))


def test_the_same_hiring_cohort_at_3_6_and_12_months():
    # The same hires followed: 10 in work at 3 months, 10 at 6, 8 at 12, all 8 in Bangkok at 12 months. Each
    # table alone hides Bangkok at 3 and 6 months (10 - 9 = 1), but those in work at 12 months were in work at
    # 6 and at 3: Bangkok is at least 8 there, so Lampang at most 2.
    world = Release(people={("in_work_3", Y): {"10": 9, "50": 1}, ("in_work_6", Y): {"10": 9, "50": 1},
                            ("in_work_12", Y): {"10": 8}},
                    subsets={"in_work_6": (Subset("in_work_3"),), "in_work_12": (Subset("in_work_6"),)})
    assert pinned_by_the_old_rules(world) == {cell("in_work_3", "50"), cell("in_work_6", "50")}
    assert not pinned_by_the_old_rules(Release(people=world.people))  # it is the link that gives it away
    publication = assert_protected(world)
    assert not publication.shown(cell("in_work_12", "10"))


def test_a_share_shown_as_a_whole_percent_gives_the_rest_away():
    # Chiang Mai 8 of 14 (57%) and the total 13 of 21 (62%) leave Bangkok's 2 not in work: one share goes.
    world = Release(people={("in_work_3", Y): {"10": 5, "50": 8}}, rest={("in_work_3", Y): {"10": 2, "50": 6}})
    publication = assert_protected(world)
    assert publication.shares == {cell("in_work_3", "all"): 62}


def test_earlier_nights_are_part_of_what_a_reader_knows():
    world = Release(people={("course_completed", Y): {"10": 20, "50": 6, "52": 3}})
    # An earlier night showed Chiang Mai's 6 (say, before a link hid it): tonight must not rely on hiding it.
    earlier = Publication(labels={cell("course_completed", "10"): Shown.NUMBER,
                                  cell("course_completed", "50"): Shown.NUMBER,
                                  cell("course_completed", "52"): Shown.FEWER_THAN_5,
                                  cell("course_completed", "all"): Shown.HIDDEN},
                          values={cell("course_completed", "10"): 20, cell("course_completed", "50"): 6})
    publication, audit = publish(world, [earlier])
    assert not audit.failing
    assert publication.labels[cell("course_completed", "all")] is Shown.HIDDEN
    changed = Publication(labels={cell("course_completed", "50"): Shown.NUMBER},
                          values={cell("course_completed", "50"): 7})
    assert audit_release(world, [changed, publication]).changed == {cell("course_completed", "50")}


def test_the_rounding_is_keyed_per_cell_and_value_and_never_below_5():
    key = b"k" * 32
    for value in range(5, 60):
        shown = rounded(key, ("in_work_3", Y, "50", PEOPLE), value)
        assert shown % 5 == 0 and shown >= 5 and abs(shown - value) < 5
        assert shown == rounded(key, ("in_work_3", Y, "50", PEOPLE), value)  # the same figure reads the same
    draws = {rounded(bytes([n]) * 32, ("in_work_3", Y, "50", PEOPLE), 12) for n in range(40)}
    assert draws == {10, 15}  # up or down, by the key


PLACES = ["10", "50", "52", "57", "58"]


@st.composite
def linked_worlds(draw) -> Release:
    counts = st.dictionaries(st.sampled_from(PLACES), st.integers(0, 14), max_size=5)
    grants = draw(counts)
    operating = {p: draw(st.integers(0, v)) for p, v in grants.items()}
    courses = draw(counts)
    amount_low = draw(st.sampled_from([5_000, 10_000, 20_000]))
    amount_high = amount_low * draw(st.sampled_from([1, 2]))
    money = {p: sum(draw(st.integers(amount_low, amount_high)) for _ in range(v)) for p, v in grants.items()}
    rest = {p: v - operating[p] for p, v in grants.items()}
    return Release(people={("business_grants", Y): grants, ("operating_6", Y): operating,
                           ("course_completed", Y): courses, ("grant_money", Y): dict(grants)},
                   rest={("operating_6", Y): rest}, money={("grant_money", Y): money},
                   subsets={"operating_6": (Subset("business_grants"),)},
                   amounts={"grant_money": (Amount(amount_low, amount_high),)})


# Derandomised: CI must not pass or fail by the draw. A world found failing is kept below as its own test.
@settings(max_examples=40, deadline=None, derandomize=True)
@given(linked_worlds())
def test_random_linked_tables_keep_every_small_count_open(world):
    assert_protected(world)


@st.composite
def worlds_with_money(draw) -> Release:
    """Scholarships and business grants over two years, the people paid each year exactly those accepted that
    year (the reader may assume it), every award one size (money ÷ award = people paid), businesses operating
    among the grants: the reader of issue 31 who knows the award size. One year in three has scholarships and
    business grants of 1 to 4 in all (gap31: 1 to 4 paid, or 5 to 8 over two tables that list no province)."""
    counts = st.dictionaries(st.sampled_from(PLACES), st.integers(0, 12), max_size=4)
    small_counts = st.dictionaries(st.sampled_from(PLACES), st.integers(0, 4), max_size=4).filter(
        lambda d: sum(d.values()) <= 4)
    award = draw(st.sampled_from([10_000, 20_000]))
    world = Release(subsets={"operating_6": (Subset("business_grants", (0, 1)),),
                             "grant_money": (Subset("scholarships", (0, 1), also=("business_grants",),
                                                    exactly=True),)},
                    amounts={"grant_money": (Amount(award, award), Amount(award, award, "scholarships"),
                                             Amount(award, award, "business_grants"))})
    small_year = draw(st.sampled_from([None, "2024", "2025"]))
    for year in ("2024", "2025"):
        scholarships, grants = draw(counts), draw(counts)
        if year == small_year:  # 1 to 4 people paid, or tables of scholarships and grants of 1 to 4 in all
            scholarships, grants = draw(small_counts), draw(small_counts)
        operating = {p: draw(st.integers(0, v)) for p, v in grants.items()}
        # Left out: businesses visited in a year whose grants are 1 to 4 in all. Both tables then list no
        # province, and the audit takes the reader to know where the visited ones are (the places of the
        # truth: it models an unlisted table's rows only there), so the grants of the other places look
        # bounded by the visits when a reader could not tell: a false alarm, left (docs/features/impact.md).
        visited = grants if not 0 < sum(grants.values()) < 5 else {}
        operating = {p: v for p, v in operating.items() if p in visited}
        paid = {p: scholarships.get(p, 0) + grants.get(p, 0) for p in {*scholarships, *grants}}
        world.people.update({("scholarships", year): scholarships, ("business_grants", year): grants,
                             ("operating_6", year): {p: v for p, v in operating.items() if v},
                             ("grant_money", year): {p: v for p, v in paid.items() if v}})
        world.rest[("operating_6", year)] = {p: v - operating[p] for p, v in visited.items() if v - operating[p]}
        world.money[("grant_money", year)] = {p: v * award for p, v in paid.items() if v}
    return world


@settings(max_examples=25, deadline=None, derandomize=True)
@given(worlds_with_money())
def test_random_linked_tables_with_money_of_one_award_size_keep_every_count_open(world):
    assert_protected(world)


def test_five_scholarships_and_one_grant_in_bangkok_five_grants_in_chiang_mai_keep_5_values():
    """Found by an unseeded run: every row hidden, the money total was hidden by the rule for totals (within 4
    of the rows' least sum), which read each money row as 5 or more; paid ≤ 14 = scholarships (≥ 5) + grants
    left the grants' total 6 to 9. A money total now goes with its rows and bounds nothing."""
    assert_protected(paid_world({"2024": ({"10": 5}, {"10": 1, "50": 5}), "2025": ({}, {})}, award=10_000))


# ---- gap31: money of a year with 1 to 4 paid --------------------------------------------------------------

def paid_world(years: dict, award: int = 20_000, paid: dict | None = None) -> Release:
    """Scholarships and business grants by year ({year: (scholarships, grants)}), paid at one award size in the
    year accepted unless `paid` ({year: people paid by place}) says otherwise."""
    world = Release(subsets={"grant_money": (Subset("scholarships", (0, 1), also=("business_grants",),
                                                    exactly=True),)},
                    amounts={"grant_money": (Amount(award, award), Amount(award, award, "scholarships"),
                                             Amount(award, award, "business_grants"))})
    for year, (scholarships, grants) in years.items():
        world.people[("scholarships", year)] = scholarships
        world.people[("business_grants", year)] = grants
    for year, (scholarships, grants) in years.items():
        people = (paid or {}).get(year, {p: scholarships.get(p, 0) + grants.get(p, 0)
                                         for p in {*scholarships, *grants}})
        if people:
            world.people[("grant_money", year)] = people
            world.money[("grant_money", year)] = {p: v * award for p, v in people.items()}
    return world


def money_labels(publication: Publication, year: str = Y) -> dict:
    return {c: label for c, label in publication.labels.items() if c[0] == "grant_money" and c[1] == year}


WITHHELD = {cell("grant_money", "all"): Shown.HIDDEN, cell("grant_money", "all", MONEY): Shown.HIDDEN}


def test_money_of_4_paid_reads_as_money_of_5_or_7_under_the_same_labels():
    """2 scholarships and 2 business grants, each table listing no province: the money of the 4 paid listed no
    province (fewer than 5 paid) while 5 or 7 paid listed theirs, so 4 paid said both were 1 to 3. Now money
    is withheld whole in each, by the tables' labels."""
    four = paid_world({Y: ({"50": 2}, {"52": 2})})
    assert {cell("scholarships", "all"), cell("business_grants", "all")} <= pinned_by_the_old_rules(four)
    for world in (four, paid_world({Y: ({"50": 2}, {"52": 3})}), paid_world({Y: ({"50": 3}, {"52": 4})}),
                  paid_world({Y: ({"57": 3}, {"57": 4})})):  # 4, exactly 5, 7, and 7 in one province
        assert money_labels(assert_protected(world)) == WITHHELD


def test_money_is_withheld_when_one_table_lists_no_province():
    """3 scholarships in Chiang Mai (the table lists no province) and 6 business grants in Bangkok: money
    listed Chiang Mai, so the scholarships were there. Now it is withheld, and the grants need hide nothing."""
    publication = assert_protected(paid_world({Y: ({"50": 3}, {"10": 6})}))
    assert money_labels(publication) == WITHHELD
    assert publication.shown(cell("business_grants", "10")) and publication.shown(cell("business_grants", "all"))


def test_a_year_with_nobody_paid_and_a_year_paid_late():
    """Accepted in 2024 (tables of fewer than 5), paid only in 2025: 2024 has no money, 2025's 4 paid are
    withheld (its own tables have nobody: fewer than 5 paid, as a table of them would say) and audited."""
    world = paid_world({"2024": ({"50": 2}, {"52": 2}), Y: ({}, {})}, paid={"2024": {}, Y: {"50": 2, "52": 2}})
    publication = assert_protected(world)
    assert money_labels(publication, "2024") == {}
    assert money_labels(publication) == WITHHELD


def test_fewer_than_5_paid_of_tables_that_list_their_provinces_reads_fewer_than_5_and_keeps_1_to_4():
    """8 scholarships and 6 business grants accepted, 3 paid that year (the rest paid later): withheld, which
    says fewer than 5 were paid (no table explains it), and each of 1 to 4 stays possible."""
    world = paid_world({Y: ({"10": 8}, {"50": 6})}, paid={Y: {"10": 3}})
    publication, audit = publish(world)
    assert money_labels(publication) == WITHHELD and not audit.unresolved
    assert cell("grant_money", "all") in audit.small and cell("grant_money", "10") in audit.small
    assert_protected(world)


def test_two_releases_before_and_after_a_late_payment_read_the_same():
    """Release 1: 2 scholarships and 2 business grants, 3 paid (one paid late); release 2, after the payment
    recorded with last year's date: 4 paid. Both withheld; audited with release 1 as known, nothing fails."""
    first = paid_world({Y: ({"50": 2}, {"52": 2})}, paid={Y: {"50": 2, "52": 1}})
    earlier, _audit = publish(first)
    second = paid_world({Y: ({"50": 2}, {"52": 2})})
    publication, audit = publish(second, [earlier], years=[Y])
    assert not audit.failing and not audit.unresolved
    assert money_labels(publication) == money_labels(earlier) == WITHHELD
    assert publication.labels == earlier.labels

"""Each defect found by trying the site as a careless or hostile user, at the shared root that fixes it:
the form base, the whole-number parser, the picture opener, the chart code, the export writer, error pages."""
from __future__ import annotations

import csv
import io
import logging
import re
import struct
import zlib

import openpyxl
import pandas as pd
import pytest
from flask_babel import force_locale
from wtforms import DateField, DecimalField, FloatField, IntegerField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from core.charts import bars
from core.exports import CSV, XLSX, download, table_file
from core.forms import Form
from core.images import MAX_PIXELS, NotAPicture, as_jpeg
from core.models import Role
from core.numbers import record_id, whole_number
from tests.conftest import post_form


class Letter(Form):
    class Meta:
        csrf = False

    subject = StringField("Subject", validators=[Length(max=10)])
    body = TextAreaField("Body", validators=[Length(max=10)])
    count = IntegerField("Count", validators=[Optional()])
    share = DecimalField("Share", validators=[Optional()])
    ratio = FloatField("Ratio", validators=[Optional()])
    on = DateField("On", validators=[Optional()])


def _letter(app, locale="en", **values):
    from werkzeug.datastructures import MultiDict

    with app.test_request_context(), force_locale(locale):
        form = Letter(formdata=MultiDict(values))
        form.validate()
        return form, {name: [str(e) for e in errors] for name, errors in form.errors.items()}


def test_text_over_a_limit_is_a_translated_error_not_a_crash(app):
    # Regression: Flask-Babel's ngettext formatted WTForms' message with `num` only -> KeyError: 'max'.
    _form, errors = _letter(app, subject="x" * 11)
    assert errors == {"subject": ["Field cannot be longer than 10 characters."]}
    _form, errors = _letter(app, "th", subject="x" * 11)
    assert errors == {"subject": ["ต้องมีไม่เกิน 10 ตัวอักษร"]}


def test_a_line_break_counts_once_as_the_browser_counts_it(app):
    form, errors = _letter(app, body="abcd\r\nefgh\r\n")  # 10 characters in the browser's textarea
    assert errors == {} and form.body.data == "abcd\nefgh\n"
    _form, errors = _letter(app, body="abcd\r\nefgh\r\nx")
    assert list(errors) == ["body"]


@pytest.mark.parametrize("text", ["a\x00b", "bell\x07", "\u202eevil", "esc\x1b[0m", "\x85"])
def test_control_characters_and_direction_overrides_are_refused(app, text):
    _form, errors = _letter(app, "th", body=text)
    assert errors["body"] == ["ลบอักขระควบคุมที่มองไม่เห็นออกจากข้อความนี้"]


def test_one_line_fields_refuse_line_breaks_and_text_areas_keep_them(app):
    _form, errors = _letter(app, subject="a\r\nBcc: x")
    assert errors == {"subject": ["Write this on one line."]}
    assert _letter(app, body="a\r\nb")[1] == {}


def test_thai_burmese_and_emoji_text_is_welcome(app):
    form, errors = _letter(app, subject="มาลี ၁၂ 😀")
    assert errors == {} and form.subject.data == "มาลี ၁၂ 😀"


@pytest.mark.parametrize("field,value", [("count", "99999999999999999999"), ("count", "²"), ("count", "1e309"),
                                         ("share", "NaN"), ("share", "1e309"), ("share", "Infinity"),
                                         ("ratio", "nan"), ("ratio", "-inf"), ("on", "2024-02-30"),
                                         ("on", "0000-00-00"), ("on", "9999-12-31")])
def test_numbers_and_dates_out_of_any_sense_are_refused_without_a_crash(app, field, value):
    form, errors = _letter(app, **{field: value})
    assert list(errors) == [field]


def test_thai_digits_are_numbers(app):
    form, errors = _letter(app, count="๑๒")
    assert errors == {} and form.count.data == 12


@pytest.mark.parametrize("raw,expected", [("7", 7), (" 7 ", 7), ("๓", 3), ("-2", -2), ("²", None), ("1_000", None),
                                          ("99999999999", None), ("1e3", None), ("", None), (None, None),
                                          ("٣", 3), ("NaN", None)])
def test_one_whole_number_parser(raw, expected):
    assert whole_number(raw) == expected


def test_record_ids_are_positive():
    assert record_id("0") is None and record_id("-3") is None and record_id("12") == 12


def test_an_id_past_the_integer_range_is_not_found(app):
    assert app.test_client().get("/shop/products/99999999999999999999").status_code == 404


@pytest.mark.parametrize("quantity", ["²", "99999999", "NaN", "-1"])
def test_cart_quantity_never_crashes(app, quantity, shop):
    enterprise_id, _manager = shop.enterprise()
    product_id = shop.product(enterprise_id)
    client = app.test_client()
    response = post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": quantity})
    assert response.status_code in (200, 302)
    assert shop.stock(product_id) == 10


@pytest.fixture
def shop(app, people):
    from tests.marketplace.conftest import Shop
    return Shop(app, people)


def _png_header(width: int, height: int) -> bytes:
    """A tiny PNG that declares a huge size: a few hundred bytes that would decode to gigabytes."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def test_a_picture_with_too_many_pixels_is_refused_before_decoding():
    assert 13_000 * 13_000 > MAX_PIXELS
    with pytest.raises(NotAPicture):
        as_jpeg(_png_header(13_000, 13_000))


def test_a_product_picture_bomb_is_a_clear_error(app, people):
    from core.extensions import db
    from marketplace import media
    from marketplace.cart import ShopError
    from tests.marketplace.conftest import Shop

    enterprise_id, manager_id = Shop(app, people).enterprise()
    product_id = Shop(app, people).product(enterprise_id)
    with app.app_context():
        from core.models import User
        from marketplace.models import Product
        with pytest.raises(ShopError) as refused:
            media.add_image(db.session.get(Product, product_id), db.session.get(User, manager_id),
                            _png_header(13_000, 13_000), "")
        assert refused.value.field == "image"


def test_a_receipt_bomb_is_a_clear_error(app):
    from grants.disbursement import checked_receipt
    from grants.rounds import GrantError

    with app.app_context(), pytest.raises(GrantError):
        checked_receipt(_png_header(13_000, 13_000), "receipt.png")


def test_charts_skip_missing_values_and_say_which():
    chart = bars([("6", 0.5), ("12", float("nan")), ("24", None), ("36", 1.0)])
    assert [row["label"] for row in chart["rows"]] == ["6", "36"]
    assert chart["missing"] == ["12", "24"]
    assert bars([])["rows"] == [] and bars([("1", float("nan"))])["missing"] == ["1"]


HOSTILE_NAME = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture
def hostile_frame():
    return pd.DataFrame({"name": [HOSTILE_NAME, "มาลี ใจดี", "+66 81", "-3", "@sum", "\tx", "plain", None],
                         "amount": [1, 2, 3, -4, 5, 6, float("nan"), 8]})


def test_csv_export_is_safe_in_a_spreadsheet(hostile_frame):
    content, content_type = table_file(hostile_frame, "csv", "sheet")
    assert content_type == CSV and content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    names = [row[0] for row in rows[1:]]
    assert names == ["'" + HOSTILE_NAME, "มาลี ใจดี", "'+66 81", "'-3", "'@sum", "'\tx", "plain", ""]
    assert [row[1] for row in rows[1:]] == ["1", "2", "3", "-4", "5", "6", "", "8"]  # numbers stay numbers


def test_xlsx_export_writes_text_as_text(hostile_frame):
    content, content_type = table_file(hostile_frame, "xlsx", "sheet")
    assert content_type == XLSX
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet["A2"].value == HOSTILE_NAME and sheet["A2"].data_type == "s"
    assert sheet["A3"].value == "มาลี ใจดี"
    assert sheet["B5"].value == -4 and sheet["B5"].data_type == "n"


def test_download_has_one_content_type_and_a_dated_name(app):
    with app.test_request_context():
        response = download(b"x", CSV, "sales", "csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=sales-20")
    assert response.headers["Content-Disposition"].endswith(".csv") and response.headers["Cache-Control"] == "no-store"


def test_error_pages_speak_the_visitors_language_and_offer_the_quick_exit(app, signed_in):
    client, _uid = signed_in(Role.PARTICIPANT)
    page = client.get("/no-such-page", headers={"Accept-Language": "th"})
    html = page.get_data(as_text=True)
    assert page.status_code == 404 and "ไม่พบ" in html and 'id="quick-exit"' in html
    staff_client, _ = signed_in(Role.STAFF)
    assert 'id="quick-exit"' not in staff_client.get("/no-such-page").get_data(as_text=True)


def test_too_large_a_request_is_a_friendly_413(app):
    client = app.test_client()
    response = client.post("/sign-in", data={"login_name": "x" * (6 * 1024 * 1024)},
                           headers={"Accept-Language": "th"})
    assert response.status_code == 413 and "ไฟล์" in response.get_data(as_text=True)


@pytest.mark.real_commits  # a second app with its own engine
def test_a_crash_shows_a_reference_that_is_in_the_log(app, caplog):
    from core.security import public
    from tests.conftest import make_app

    @public
    def boom():
        raise RuntimeError("kaput")

    crashing = make_app(app.config["TEST_TMP_DIR"], PROPAGATE_EXCEPTIONS=False)
    crashing.add_url_rule("/test-boom", "test_boom", boom)
    with caplog.at_level(logging.ERROR):
        response = crashing.test_client().get("/test-boom", headers={"Accept-Language": "th"})
    html = response.get_data(as_text=True)
    reference = html.split("เลขอ้างอิงนี้: ")[1][:8]
    assert response.status_code == 500 and "kaput" not in html
    assert any(reference in record.getMessage() and record.exc_info for record in caplog.records)


def test_reports_with_nothing_in_them(app, signed_in):
    client, _uid = signed_in(Role.STAFF)
    grants_page = client.get("/staff/grants/report")  # no rounds, no awards
    assert grants_page.status_code == 200 and "No awards yet." in grants_page.get_data(as_text=True)
    shop_page = client.get("/manage/shop/report")  # no sales anywhere
    assert shop_page.status_code == 200
    assert {"No sales yet.", "No figures yet."} <= set(re.findall(r"No \w+ yet\.", shop_page.get_data(as_text=True)))
    for fmt in ("csv", "xlsx"):
        assert client.get(f"/staff/grants/report.{fmt}").status_code == 200
        assert client.get(f"/manage/shop/report.{fmt}").status_code == 200

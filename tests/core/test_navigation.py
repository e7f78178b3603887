"""core.navigation's row_link: a list's links built once per endpoint, each the URL url_for builds."""
import pytest
from flask import url_for

from core.navigation import row_link


@pytest.mark.parametrize("script_root", ["", "/pathways"])
def test_a_row_link_writes_each_number_as_url_for_does(app, script_root):
    with app.test_request_context(environ_overrides={"SCRIPT_NAME": script_root}):
        for endpoint, key, values in (("grants_staff.application", "application_id", {}),
                                      ("grants_staff.visit", "visit_id", {}),
                                      ("shop_manager.order", "order_id", {}),
                                      ("shop_manager.edit_product", "product_id", {"next": "/a b?c"})):
            link = row_link(endpoint, key, **values)
            for number in (1, 7, 10, 2_000_000_017, "42"):
                assert link(number) == url_for(endpoint, **values, **{key: int(number)})
        assert row_link("grants_staff.visit", "visit_id")(5).startswith(f"{script_root}/staff/grants/")


def test_a_row_link_refuses_a_key_the_url_does_not_hold_once(app):
    with app.test_request_context():
        with pytest.raises(ValueError):
            row_link("grants_staff.visit", "visit_id", page=7_319_046_285_531_904_627)

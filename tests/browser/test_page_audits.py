"""In Chromium: the public pages log no console error and load no missing file (Lighthouse's best-practice
audits), each has its description and icon; a radio sits beside its words on the same line; the shop's address
box shows only while shipping is chosen (no script needed)."""
from playwright.sync_api import expect

PUBLIC = ("/", "/opportunities", "/shop/", "/impact", "/privacy")


def test_public_pages_log_no_errors_and_miss_no_file(page):
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: errors.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    page.goto("/shop/")
    page.get_by_role("link", name="Doi Chang medium roast").first.click()
    paths = [*PUBLIC, page.url]
    for path in paths:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert len(page.locator('meta[name="description"]').get_attribute("content") or "") >= 40, path
        assert page.title().strip() and page.locator("html").get_attribute("lang") == "en", path
    assert page.request.get("/favicon.ico").status == 200
    assert errors == []


def test_a_radio_sits_on_the_line_of_its_words_and_the_address_is_only_for_shipping(page):
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto("/shop/")
    page.get_by_role("link", name="Drip bags, box of 10").first.click()
    page.get_by_label("Quantity").fill("1")
    page.get_by_role("button", name="Add to cart").click()
    page.goto("/shop/checkout")
    for value in ("pickup", "shipping"):
        radio = page.locator(f'input[name="delivery"][value="{value}"]').bounding_box()
        words = page.locator(f'label:has(input[name="delivery"][value="{value}"]) span').bounding_box()
        assert radio and words
        middle = radio["y"] + radio["height"] / 2
        assert words["y"] <= middle <= words["y"] + words["height"], value  # the same line
        assert radio["x"] + radio["width"] <= words["x"], value  # beside, before the words
    expect(page.get_by_label("Address for shipping")).to_be_hidden()  # pick-up is chosen at first
    page.get_by_label("Ship within Thailand").check()
    expect(page.get_by_label("Address for shipping")).to_be_visible()

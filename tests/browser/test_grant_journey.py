"""Journey 3 in a real browser: a participant applies for a grant; staff assign the reviewers, themselves
first (the form stays for the second); the two review it; a third approves it and plans its payments; the
participant reads the terms and accepts; a tranche is paid with a receipt staff open; the follow-up schedule
appears; a visit is recorded. At each step that leaves work for someone else, that person finds its notice
under "My messages" (issue 33)."""
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import expect_notice, screenshot, sign_in_as, sign_out


def _review(page, axe_audit, who, scores, recommendation, *, told: bool = True):
    sign_in_as(page, who)
    if told:  # who assigned themself is not told of their own step
        expect_notice(page, "A grant application waits for your review")
    page.get_by_role("link", name="My work").first.click()  # where signing in lands; the menu leads there too
    page.get_by_role("link", name="Reviews to declare and score").click()
    axe_audit.check(page)
    page.get_by_role("link", name="Small business grants 2026-27").first.click()
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Send my answer").click()
    axe_audit.check(page)
    for group, score in zip(("Local market", "Skills for it", "Plan and budget"), scores, strict=False):
        page.get_by_role("group", name=group).get_by_label(f"{score}:", exact=False).check()
    page.get_by_label(recommendation, exact=True).check()
    page.get_by_role("button", name="Send my review").click()
    expect(page.get_by_text("Your review is sent.").first).to_be_visible()
    sign_out(page)


def test_grant_from_application_to_first_visit(page, axe_audit, tmp_path):
    sign_in_as(page, "participant@demo.pathways")
    page.get_by_role("link", name="Grants", exact=True).click()
    axe_audit.check(page)
    page.get_by_role("button", name="Write an application").click()
    axe_audit.check(page)
    page.get_by_label("Your business idea").fill("A noodle stall at the university gate")
    page.get_by_label("Where will the business be?").fill("Suthep, Chiang Mai")
    page.get_by_label("Who will buy, and why? (the local market)").fill("Students want cheap, quick lunches.")
    page.get_by_label("Who else sells this nearby?").fill("Two stalls, both open only in the evening.")
    page.get_by_label("Your skills for this business").fill("Thai cooking course, exam passed.")
    page.get_by_label("Your plan for the first six months").fill("Sell 60 bowls a day, five days a week.")
    page.get_by_label("Item 1").fill("Noodle cart")
    page.get_by_label("Quantity 1").fill("1")
    page.get_by_label("Cost of one (baht) 1").fill("12000")
    page.get_by_label("Item 2").fill("Pots and bowls")
    page.get_by_label("Quantity 2").fill("1")
    page.get_by_label("Cost of one (baht) 2").fill("4000")
    page.get_by_label("Amount you ask for (baht)").fill("15000")
    page.get_by_label("What you put in yourself (baht)").fill("1000")
    page.get_by_label("Business coaching").check()
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_text("Your application is sent.")).to_be_visible()
    axe_audit.check(page)
    sign_out(page)

    sign_in_as(page, "staff@demo.pathways")
    page.get_by_role("link", name="Grants", exact=True).click()
    axe_audit.check(page)
    page.get_by_role("link", name="Small business grants 2026-27").click()
    axe_audit.check(page)
    page.get_by_role("link", name="Malee").click()
    axe_audit.check(page)
    # Staff assign themselves first: the form to assign the second reviewer stays on the page.
    for reviewer in ("Khun Somchai (staff) (Programme staff)", "Reviewer Two (Programme staff)"):
        page.get_by_label("Reviewer", exact=True).select_option(label=reviewer)
        page.get_by_role("button", name="Assign").click()
        expect(page.get_by_text("Reviewer assigned.")).to_be_visible()
    sign_out(page)

    _review(page, axe_audit, "staff@demo.pathways", (4, 4, 3), "Fund", told=False)
    _review(page, axe_audit, "reviewer.two", (5, 4, 4), "Fund with changes")
    sign_in_as(page, "staff@demo.pathways")
    expect_notice(page, "A grant application waits for a decision")  # the reviews are in: told as the assigner
    sign_out(page)

    # Someone who reviewed it cannot decide: a third member of staff does.
    sign_in_as(page, "reviewer.one")
    page.get_by_role("link", name="Grants", exact=True).click()
    page.get_by_role("link", name="Small business grants 2026-27").click()
    page.get_by_role("link", name="Malee").click()
    expect(page.get_by_text("Overall:")).to_be_visible()
    page.get_by_label("Approve", exact=True).check()
    page.get_by_label("Amount to give (baht)").fill("15000")
    page.get_by_label("Reason, written for the applicant in plain words").fill(
        "Your plan is clear and students near the gate need lunch.")
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_text("Decision saved.")).to_be_visible()
    # The payments are planned, then the first is paid with a photo of its receipt, which staff open.
    first, second = page.get_by_role("group", name="Payment 1"), page.get_by_role("group", name="Payment 2")
    first.get_by_label("Planned date").fill("2026-11-01")
    first.get_by_label("Planned amount (baht)").fill("9000")
    second.get_by_label("Planned date").fill("2027-02-01")
    second.get_by_label("Planned amount (baht)").fill("6000")
    second.get_by_label("Planned condition").select_option("first_visit_operating")
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_text("Payment plan saved.")).to_be_visible()
    expect(page.get_by_text("Waiting for the person to accept the grant")).to_be_visible()
    sign_out(page)

    # Malee is told, reads the award's terms (the money, the planned payments, the visits) and accepts it.
    sign_in_as(page, "participant@demo.pathways")
    expect_notice(page, "Your grant is approved", participant=True)
    page.get_by_role("link", name="Grants", exact=True).click()
    page.get_by_role("link", name="Small business grants 2026-27").first.click()
    terms = page.get_by_role("region", name="Your grant: please read and answer")
    expect(terms.get_by_text("The grant: 15,000 baht.")).to_be_visible()
    expect(terms.get_by_text("6,000 baht")).to_be_visible()
    expect(terms.get_by_text("The months count from the day you say yes.")).to_be_visible()
    axe_audit.check(page)
    page.get_by_role("button", name="Yes, I accept this grant").click()
    expect(page.get_by_text("Thank you. The programme will contact you about the first payment.")).to_be_visible()
    expect(page.get_by_text("Grant accepted")).to_be_visible()
    sign_out(page)

    sign_in_as(page, "reviewer.one")
    expect_notice(page, "A grant was accepted")  # the decider: payments and visits to arrange
    sign_out(page)
    sign_in_as(page, "staff@demo.pathways")
    page.get_by_role("link", name="Grants", exact=True).click()
    page.get_by_role("link", name="Small business grants 2026-27").click()
    page.get_by_role("link", name="Malee").click()
    photo = tmp_path / "receipt.png"
    Image.new("RGB", (40, 30), "white").save(photo)
    page.get_by_label("Amount (baht)", exact=True).fill("9000")
    page.get_by_label("Paid on").fill("2026-11-01")
    page.get_by_label("Receipt (photo or PDF)").set_input_files(str(photo))
    page.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_text("Payment recorded.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="9,000 baht").filter(has_text="Paid")).to_have_count(1)
    receipt = page.request.get(page.get_by_role("link", name="Open the receipt").get_attribute("href"))
    assert receipt.ok and receipt.headers["content-type"] == "image/jpeg"
    expect(page.get_by_role("heading", name="Follow-up visits")).to_be_visible()
    axe_audit.check(page)
    page.locator("table").last.get_by_role("link").first.click()
    axe_audit.check(page)
    page.get_by_label("Date").fill("2026-11-20")
    page.get_by_label("Phone call").check()
    page.get_by_label("The business is").select_option("operating")
    page.get_by_label("Money in last month (baht)").fill("21000")
    page.get_by_label("What is going well").fill("Regular customers at lunchtime.")
    page.get_by_role("button", name="Save the visit").click()
    expect(page.get_by_text("Visit saved.")).to_be_visible()
    expect(page.get_by_role("cell", name="21,000")).to_be_visible()
    page.get_by_role("link", name="My work").first.click()
    page.get_by_role("link", name="Follow-up visits due this week").click()
    axe_audit.check(page)
    screenshot(page, "03-grant-visit-recorded")

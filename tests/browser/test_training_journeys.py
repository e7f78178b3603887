"""Journeys 1 and 2 in a real browser: a participant's profile, matches, application and a declined offer;
an employer's under-minimum post going through staff review to publication."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import expect_notice, fill_post, screenshot, sign_in_as, sign_out


def test_participant_profile_matches_apply_and_decline(page, axe_audit):
    sign_in_as(page, "participant@demo.pathways")
    page.get_by_role("link", name="My profile").click()  # her answers, each with "Change" (one question a page)
    axe_audit.check(page)
    page.get_by_role("link", name="Change Making coffee, Cooking, Baking, Cleaning").click()
    axe_audit.check(page)
    page.get_by_label("Making coffee").select_option("1")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Change I must earn money while I train").click()
    page.get_by_label("I must earn money while I train").uncheck()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Making coffee: Beginner")).to_be_visible()
    page.get_by_role("button", name="Save my profile").first.click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    axe_audit.check(page)
    first = page.locator("section.card").first
    expect(first.get_by_role("heading", name="Why this fits you")).to_be_visible()
    expect(page.get_by_text("You are interested in Food and drink.").first).to_be_visible()
    page.get_by_role("link", name="Barista and coffee shop service").click()
    axe_audit.check(page)
    page.get_by_role("button", name="Apply to this course").click()
    expect(page.get_by_text("Your application is sent.")).to_be_visible()
    axe_audit.check(page)
    sign_out(page)

    sign_in_as(page, "staff@demo.pathways")
    page.get_by_role("link", name="Training and work").click()
    axe_audit.check(page)
    page.get_by_role("link", name="Barista and coffee shop service").click()
    axe_audit.check(page)
    page.get_by_role("row").filter(has_text="Malee").get_by_role("button", name="Offer a seat").click()
    expect(page.get_by_text("A seat is held.")).to_be_visible()
    sign_out(page)

    sign_in_as(page, "participant@demo.pathways")
    page.get_by_role("link", name="My pathway").click()
    expect(page.get_by_text("You have an offer")).to_be_visible()
    page.get_by_role("button", name="Decline this offer").click()
    expect(page.get_by_text("You can apply again whenever you like.")).to_be_visible()
    expect(page.get_by_role("link", name="Barista and coffee shop service")).to_be_visible()
    expect(page.get_by_text("You said no to this offer")).to_be_visible()
    screenshot(page, "01-participant-declined-offer-still-listed")


def test_participant_chooses_how_to_be_reached_and_accepts_an_offer_by_its_date(page, axe_audit):
    sign_in_as(page, "participant@demo.pathways")
    page.get_by_role("link", name="How to reach me").click()
    axe_audit.check(page)
    # Her answers, each with "Change" to its own question (one a page), then "Save".
    page.get_by_role("link", name="Change Phone (optional)").click()
    axe_audit.check(page)
    page.get_by_label("Phone (optional)").fill("081 234 5678")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Change How should we send you messages?").click()
    page.get_by_label("SMS").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Change Please do not call or text me from").click()
    page.get_by_label("Please do not call or text me from").select_option("21")
    page.get_by_label("until").select_option("8")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("081 234 5678")).to_be_visible()
    page.get_by_role("button", name="Save").first.click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    page.get_by_role("link", name="Suggested for me").click()
    page.get_by_role("link", name="Barista and coffee shop service").first.click()
    page.get_by_role("button", name="Apply to this course").click()
    sign_out(page)

    sign_in_as(page, "staff@demo.pathways")
    page.get_by_role("link", name="Training and work").click()
    page.get_by_role("link", name="Barista and coffee shop service").click()
    row = page.get_by_role("row").filter(has_text="Malee")
    row.get_by_label("Answer by").fill("2099-01-31")
    row.get_by_role("button", name="Offer a seat").click()
    expect(page.get_by_text("A seat is held.")).to_be_visible()
    axe_audit.check(page)
    sign_out(page)

    sign_in_as(page, "participant@demo.pathways")
    page.get_by_role("link", name="Messages").click()
    axe_audit.check(page)
    expect(page.get_by_text("You have an offer: Barista and coffee shop service.").first).to_be_visible()
    page.get_by_role("link", name="My pathway").click()
    expect(page.get_by_text("Please answer by")).to_be_visible()
    page.get_by_role("button", name="Accept this offer").click()
    expect(page.get_by_text("You said yes. The programme will tell you the next step.")).to_be_visible()
    expect(page.get_by_text("Said yes to an offer")).to_be_visible()
    axe_audit.check(page)
    screenshot(page, "01b-participant-accepted-offer")
    sign_out(page)

    sign_in_as(page, "staff@demo.pathways")
    page.get_by_role("link", name="Training and work").click()
    page.get_by_role("link", name="Barista and coffee shop service").click()
    expect(page.get_by_role("row").filter(has_text="Malee").filter(has_text="Said yes to this offer")) \
        .to_have_count(1)


def test_staff_find_the_occupation_and_district_as_they_type(page, axe_audit):
    sign_in_as(page, "staff@demo.pathways")
    page.get_by_role("link", name="Training and work").click()
    page.get_by_role("link", name="Add a course").click()
    # The script has run once it hides the fallback button: a province chosen before that (a slow machine)
    # would change nothing the script listens to.
    expect(page.get_by_role("button", name="Show the districts of this province")).to_be_hidden()
    page.get_by_label("Province").select_option(label="Bangkok")
    # The district list fills at once, without sending the form.
    expect(page.get_by_label("District").locator("option", has_text="Pathum Wan")).to_have_count(1)
    page.get_by_label("Occupation", exact=True).fill("ตัดเสื้อ")
    expect(page.locator("datalist option[value^='7531']")).to_have_count(1)
    axe_audit.check(page)


def test_employer_post_under_minimum_reviewed_fixed_and_published(page, axe_audit, live_app):
    # The employer registers (an account is made by an admin; the organisation is registered by the employer).
    sign_in_as(page, "admin@demo.pathways")
    page.get_by_role("link", name="Accounts").click()
    page.get_by_role("link", name="New work account").click()
    axe_audit.check(page)
    page.get_by_label("Name to use").fill("Doi Tea Farm")
    page.get_by_label("Username").fill("doitea")
    page.get_by_label("Role").select_option("employer")
    page.get_by_role("button", name="Save").click()
    code = page.locator(".code").inner_text()
    sign_out(page)
    page.get_by_role("link", name="I have a set-up code").click()
    page.get_by_label("Username or e-mail").fill("doitea")
    page.get_by_label("Set-up code from programme staff").fill(code)
    page.get_by_label("Choose a password").fill("green tea on the hill")
    page.get_by_role("button", name="Save my password").click()

    page.get_by_role("link", name="My organisation and posts").click()
    axe_audit.check(page)
    page.get_by_label("Organisation name").fill("Doi Tea Farm Ltd.")
    page.get_by_label("Business registration number").fill("0505560009999")
    page.get_by_label("Address").fill("Mae Taeng, Chiang Mai")
    page.get_by_label("Province").select_option(label="Chiang Mai")
    page.get_by_label("Contact person").fill("Khun Dao")
    page.get_by_label("Contact phone").fill("053 222 333")
    page.get_by_role("button", name="Register organisation").click()
    expect(page.get_by_text("Waiting for verification")).to_be_visible()

    page.get_by_role("link", name="Post an apprenticeship or job").click()
    axe_audit.check(page)
    fill_post(page, kind="Apprenticeship", title="Tea picking apprenticeship",
              description="Pick and sort tea leaves; learn processing.", isco="6114", sector="farming", pay="250",
              months="3")
    expect(page.get_by_text("Your post waits for programme staff to check it.")).to_be_visible()
    expect(page.get_by_text("The pay is under the minimum wage for this province.")).to_be_visible()
    sign_out(page)

    sign_in_as(page, "staff@demo.pathways")
    page.get_by_role("link", name="Training and work").click()
    page.get_by_role("button", name="Mark as verified").first.click()
    page.get_by_role("link", name="Tea picking apprenticeship").click()
    axe_audit.check(page)
    page.get_by_label("Ask for changes").check()
    page.get_by_label("Note for the employer").fill("Pay at least 357 baht a day in Mae Taeng.")
    page.get_by_role("button", name="Save decision").click()
    sign_out(page)

    sign_in_as(page, "doitea", "green tea on the hill")
    expect_notice(page, "Your post needs changes")
    page.get_by_role("link", name="My organisation and posts").click()
    expect(page.get_by_text("Pay at least 357 baht a day in Mae Taeng.")).to_be_visible()
    page.get_by_role("link", name="Change").first.click()
    page.get_by_label("Pay (baht)").fill("360")
    page.get_by_role("button", name="Save and send for checking").click()
    sign_out(page)

    sign_in_as(page, "staff@demo.pathways")
    page.get_by_role("link", name="Training and work").click()
    page.get_by_role("link", name="Tea picking apprenticeship").click()
    page.get_by_label("Approve and publish").check()
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text("Decision saved.")).to_be_visible()
    sign_out(page)
    sign_in_as(page, "doitea", "green tea on the hill")
    expect_notice(page, "Your post is published")
    sign_out(page)

    page.get_by_role("link", name="Courses and work").click()
    axe_audit.check(page)
    page.get_by_role("link", name="Tea picking apprenticeship").click()
    expect(page.get_by_role("heading", name="Tea picking apprenticeship")).to_be_visible()
    axe_audit.check(page)
    screenshot(page, "02-employer-post-public")


def test_thai_on_every_page_of_the_participant_journey(page):
    page.goto("/")
    page.get_by_role("link", name="ไทย").click()  # a visitor's language is a plain link
    page.get_by_role("link", name="เข้าสู่ระบบ").first.click()
    page.get_by_label("ชื่อผู้ใช้หรืออีเมล").fill("participant@demo.pathways")
    page.get_by_label("รหัสผ่าน").fill("pathways-demo")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    for link in ("ข้อมูลของฉันสำหรับการจับคู่", "แนะนำสำหรับฉัน", "เส้นทางของฉัน", "หลักสูตรและงาน"):
        page.get_by_role("link", name=link).first.click()
        expect(page.locator("html")).to_have_attribute("lang", "th")
        main = page.locator("main").inner_text()
        assert re.search(r"[\u0E00-\u0E7F]", main), page.url
        for english in ("Why this fits you", "My pathway", "Save my profile", "Courses and work", "Apply"):
            assert english not in main, (english, page.url)
    screenshot(page, "06-thai-participant-journey")


def test_a_hire_gets_its_three_month_check_in_and_a_problem_reaches_staff(page, axe_audit, live_app):
    sign_in_as(page, "participant@demo.pathways")
    page.get_by_role("link", name="Courses and work").click()
    page.get_by_role("link", name="Café assistant").first.click()
    page.get_by_role("link", name="Apply").first.click()
    page.get_by_label("My name").check()  # one question a page: what the employer may see, then a message
    page.get_by_label("My e-mail").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Apply: Café assistant")).to_be_visible()
    page.get_by_role("button", name="Send my application").first.click()
    expect(page.get_by_text("Your application is sent.")).to_be_visible()
    sign_out(page)

    sign_in_as(page, "employer@demo.pathways")
    expect_notice(page, "Someone applied to your post")
    page.get_by_role("link", name="My organisation and posts").click()
    page.get_by_role("article").filter(has_text="Café assistant").get_by_role("link", name="Applications").click()
    page.get_by_role("article").filter(has_text="Malee").get_by_role("button", name="Hired", exact=True).click()
    sign_out(page)

    # Three months pass: the check-in falls due and the daily job tells her.
    with live_app.app_context():
        import sqlalchemy as sa

        from core import clock
        from core.extensions import db
        from training import check_ins
        from training.models import PlacementCheckIn
        three = db.session.scalar(sa.select(PlacementCheckIn).where(PlacementCheckIn.month == 3)
                                  .order_by(PlacementCheckIn.id.desc()).limit(1))
        three.due_on = clock.today()
        assert check_ins.run_daily()["reminded"] == 1
        db.session.commit()

    sign_in_as(page, "participant@demo.pathways")
    page.get_by_role("link", name="Messages").click()
    article = page.get_by_role("article").filter(has_text="How is your work going?").first
    expect(article.get_by_text("Your employer does not see your answers.")).to_be_visible()
    article.get_by_role("link", name="Open").click()
    axe_audit.check(page)
    # One question a page, each with "Continue" under it, then the answers with "Send my answers".
    page.get_by_role("group", name="Are you still working there?").get_by_label(
        "Yes, I still work there", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("group", name="Are you paid what was promised, on time?").get_by_label(
        "No, not as promised or not on time", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("I was asked to pay a fee or a deposit").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Anything you want to tell us").fill("They keep 500 baht a month for the uniform.")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("I would like someone from the programme to contact me").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("I was asked to pay a fee or a deposit")).to_be_visible()
    axe_audit.check(page)
    page.get_by_role("button", name="Send my answers").first.click()
    expect(page.get_by_text("Thank you. Programme staff will read your answers.")).to_be_visible()
    expect(page.get_by_role("link", name="1300")).to_be_visible()
    axe_audit.check(page)
    screenshot(page, "01c-check-in-answered-with-help")
    sign_out(page)

    sign_in_as(page, "staff@demo.pathways")
    expect_notice(page, "A hire to follow up")
    page.get_by_role("link", name="My work").first.click()
    page.get_by_role("link", name="Check-ins to follow up").click()
    axe_audit.check(page)
    page.get_by_role("link", name=re.compile("Malee · 3 months")).first.click()
    expect(page.get_by_text("They keep 500 baht a month for the uniform.")).to_be_visible()
    expect(page.get_by_text("The post stays up")).to_be_visible()
    axe_audit.check(page)
    page.get_by_label("Upheld: it counts on the employer's record").check()
    page.get_by_role("button", name="Followed up").click()
    expect(page.get_by_text("Follow-up recorded.")).to_be_visible()
    page.get_by_role("link", name="Placements: who is still in work").click()
    axe_audit.check(page)
    expect(page.get_by_role("heading", name="By employer")).to_be_visible()

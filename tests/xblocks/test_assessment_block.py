"""The leadership assessment in XBlock's test runtime: what a learner and an author see."""

import re

from leadership_domain import framework
from xblocks.assessment_block import LeadershipAssessmentBlock

from .conftest import call


def answers_for(block, default="often", **overrides):
    answers = {item.id: default for item in block.assessment_items()}
    answers.update(overrides)
    return answers


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_form_shows_one_statement_per_characteristic_on_the_frequency_scale(course):
    block = course.block(LeadershipAssessmentBlock, level="manager", item_set="core")
    html = block.runtime.render(block, "student_view").content
    assert html.count('class="lx-item"') == 8
    for option in framework.FREQUENCY_SCALE:
        assert html.count(f'value="{option.id}"') == 8
    assert "Not observed" in html
    assert framework.items("manager", "core")[0].text in html
    assert "<script" not in html.split("data-init")[1]  # no inline script in the markup


def test_full_item_set_limited_to_chosen_characteristics(course):
    block = course.block(LeadershipAssessmentBlock, level="all-staff", item_set="full",
                         characteristics=["inclusive", "principled"])
    assert {i.characteristic for i in block.assessment_items()} == {"inclusive", "principled"}
    assert len(block.assessment_items()) == 6


def test_missing_answers_are_named_and_kept(course):
    block = course.block(LeadershipAssessmentBlock)
    first, second, *_ = [i.id for i in block.assessment_items()]
    status, reply = call(block, "submit_self", {"answers": {first: "often"}})
    assert status == 200
    assert reply["message"].startswith("Answer 7 more statements")
    assert f'name="{first}" value="often" checked' in reply["html"]
    assert block.history == []
    assert block.runtime.published == []


def test_results_against_expectation_with_development_areas_and_completion(course):
    block = course.block(LeadershipAssessmentBlock, level="first-reporting-officer")
    items = {i.characteristic: i.id for i in block.assessment_items()}
    answers = answers_for(block, "always", **{items["inclusive"]: "rarely",
                                               items["collaborative"]: "sometimes",
                                               items["accountable"]: "often",
                                               items["principled"]: "not-observed"})
    status, reply = call(block, "submit_self", {"answers": answers})
    assert status == 200
    html = reply["html"]
    # chart: an inline SVG with a title and description, and the same figures as a table
    assert re.search(r'<svg role="img" aria-labelledby="[^"]+-chart-title [^"]+-chart-desc"', html)
    assert "<table" in html and "Scores per characteristic" in html
    assert "2.00" in html and "3.75" in html  # inclusive mean, and its expectation
    areas = re.search(r'<ol class="lx-areas">(.*?)</ol>', html, re.S).group(1)
    names = re.findall(r"<strong>([^<]+)</strong>", areas)
    assert names == ["Inclusive", "Collaborative", "Accountable"]
    assert "Inclusive meetings" in areas  # a recommended module from the catalogue
    assert "not observed" in html  # principled had no rated answer
    (event, data), completion = block.runtime.published
    assert completion == ("completion", {"completion": 1.0})
    assert event == "edx.leadership.assessment.submitted"  # tracking log / event-routing
    assert data["means"]["inclusive"] == 2.0 and "principled" not in data["means"]


def test_retakes_are_kept_as_history(course):
    block = course.block(LeadershipAssessmentBlock)
    call(block, "submit_self", {"answers": answers_for(block, "sometimes")})
    status, reply = call(block, "submit_self", {"answers": answers_for(block, "always")})
    assert len(block.history) == 2
    assert "Your results over time" in reply["html"]
    history = re.search(r'<table class="lx-table lx-history">(.*?)</table>', reply["html"], re.S)
    assert history.group(1).count("<tr>") == 3  # header + two attempts, newest first
    assert history.group(1).index("5.00") < history.group(1).index("3.00")
    assert "Take the assessment again" in reply["html"]


def test_author_and_learner_text_is_escaped(course):
    block = course.block(LeadershipAssessmentBlock, intro='<img src=x onerror="alert(1)">',
                         display_name="<b>Bold</b>")
    html = block.runtime.render(block, "student_view").content
    assert "<img src=x" not in html and "&lt;img src=x onerror=" in html
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html
    status, reply = call(block, "submit_self", {"answers": {"<script>": "x"}})
    assert "<script>" not in reply["html"]


def test_student_view_data_for_mobile(course):
    block = course.block(LeadershipAssessmentBlock, level="manager")
    call(block, "submit_self", {"answers": answers_for(block)})
    data = block.student_view_data()
    assert data["level"] == "manager" and len(data["items"]) == 8
    assert [o["id"] for o in data["scale"]][-1] == framework.NOT_OBSERVED
    assert data["history"][0]["means"]["inclusive"] == 4.0
    assert "answers" not in data["history"][0]


def test_studio_validates_author_input(course):
    block = course.block(LeadershipAssessmentBlock)
    html = block.runtime.render(block, "studio_view").content
    assert 'name="level"' in html and 'for="lx-studio-display_name"' in html
    status, reply = call(block, "studio_submit", {
        "display_name": "  ", "level": "galaxy-leader", "item_set": "core",
        "characteristics": ["inclusive", "telepathic"], "mode": "self", "intro": ""})
    assert reply["result"] == "error"
    assert {e["field"] for e in reply["errors"]} == {"display_name", "level", "characteristics"}
    assert block.level == "first-reporting-officer"
    status, reply = call(block, "studio_submit", {
        "display_name": "Check-in", "level": "senior-leader", "item_set": "full",
        "characteristics": ["inclusive"], "mode": "multi-rater", "intro": "Hello"})
    assert reply == {"result": "success"}
    assert (block.display_name, block.level, block.item_set, block.mode) == (
        "Check-in", "senior-leader", "full", "multi-rater")
    assert block.characteristics == ["inclusive"]


def test_csv_report_has_a_row_per_attempt(course):
    block = course.block(LeadershipAssessmentBlock)
    call(block, "submit_self", {"answers": answers_for(block, "sometimes")})
    call(block, "submit_self", {"answers": answers_for(block, "always")})

    class UserState:
        username = "amina"
        state = {"history": block.history}

    rows = list(block.generate_report_data(iter([UserState()])))
    assert [r[0] for r in rows] == ["amina", "amina"]
    assert rows[0][1]["Attempt"] == 1 and rows[1][1]["Inclusive"] == 5.0
    assert rows[0][1]["Development areas"].count(";") == 2
    assert len(list(block.generate_report_data(iter([UserState()]), limit_responses=1))) == 1

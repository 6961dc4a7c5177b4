"""The learning-path tracker without an LRS: statuses as last known, progress, locks, Studio."""

import re

from xblocks.path_block import LearningPathBlock

from .catalogue_factory import PATH_IRI, module_iri
from .conftest import call


def path_block(course, **statuses):
    block = course.block(LearningPathBlock, path_id=PATH_IRI, due_date="2031-12-31")
    block.lrs_state = {"statuses": {module_iri(m): s for m, s in statuses.items()},
                       "since": None, "tracked": [], "checked_at": None}
    return block


def render(block):
    """The student view with runs of white space as one space."""
    return " ".join(block.runtime.render(block, "student_view").content.split())


def step_html(html, step):
    return re.search(rf'<li class="([^"]*)" data-step="{step}">(.*?)</li>', html, re.S)


def test_new_learner_sees_first_step_next_and_the_locked_one_names_its_prerequisite(course):
    html = render(path_block(course))
    assert 'value="0"' in html and "0% of the path done" in html
    assert "Next recommended step" in html and "Setting expectations" in html
    locked = step_html(html, "feedback")
    assert "lx-step-locked" in locked.group(1)
    assert "Locked: first complete Setting expectations." in locked.group(2)
    assert "Choose 1 of 2." in html


def test_progress_from_statuses_counts_n_of_m_and_milestones(course):
    block = path_block(course, expectations="passed", feedback="in_progress", change="completed")
    html = render(block)
    assert "66% of the path done" in html  # 2 of 3 needed steps
    assert ">Passed<" in step_html(html, "expectations").group(2)
    assert ">In progress<" in step_html(html, "feedback").group(2)
    assert "lx-step-locked" not in step_html(html, "feedback").group(1)
    assert "Electives</h3>" in html and "1 of 1 done." in html
    assert re.search(r"Next recommended step</h3> <p><strong[^>]*>Giving feedback", html)
    assert "Grounded</span>: not yet reached (due 2020-01-31)" in html and "Overdue" in html
    assert "Due on 2031-12-31." in html


def test_completing_the_path(course):
    block = path_block(course, expectations="completed", feedback="passed", inclusion="passed")
    html = render(block)
    assert "100% of the path done" in html and "You have completed this path" in html
    assert "Next recommended step" not in html
    assert "Grounded</span>: reached" in html
    assert block.runtime.published[-1] == ("completion", {"completion": 1.0})
    assert block.path_completed


def test_student_view_data(course):
    data = path_block(course, expectations="completed").student_view_data()
    assert data["progress_percent"] == 33 and data["next_step"] == "feedback"
    assert [s["status"] for s in data["steps"]] == [
        "completed", "not_started", "not_started", "not_started"]
    assert data["groups"][1] == {"id": "electives", "title": "Electives", "needed": 1, "done": 0}
    assert data["lrs"]["source"] == "off"


def test_unknown_path_renders_a_notice(course):
    block = course.block(LearningPathBlock, path_id="https://example.org/paths/gone")
    html = render(block)
    assert "not in the catalogue" in html


def test_studio_offers_catalogue_paths_and_validates(course):
    block = course.block(LearningPathBlock)
    html = block.runtime.render(block, "studio_view").content
    assert f'<option value="{PATH_IRI}"' in html and "Supervisor basics" in html
    status, reply = call(block, "studio_submit", {"display_name": "My path",
                                                  "path_id": "https://nope", "due_date": "31/12"})
    assert {e["field"] for e in reply["errors"]} == {"path_id", "due_date"}
    status, reply = call(block, "studio_submit", {"display_name": "My path", "path_id": PATH_IRI,
                                                  "due_date": "2030-01-15"})
    assert reply == {"result": "success"} and block.path_id == PATH_IRI


def test_studio_preview_reads_and_reports_nothing(course):
    block = path_block(course, expectations="passed")
    html = " ".join(block.runtime.render(block, "author_view").content.split())
    assert "Preview: each learner sees their own progress" in html
    assert "0% of the path done" in html and 'data-handler="refresh"' not in html
    assert block.runtime.published == [] and block.started_on == ""


def test_studio_validation_flags_a_path_missing_from_the_catalogue(course):
    assert course.block(LearningPathBlock, path_id=PATH_IRI).validate().empty
    messages = course.block(LearningPathBlock, path_id="https://gone.example/p").validate().messages
    assert [m.type for m in messages] == ["error"]
    assert messages[0].text.startswith("Learning path: Choose one of the listed options.")

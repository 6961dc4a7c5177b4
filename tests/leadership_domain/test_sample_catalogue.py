"""The sample catalogue shipped in the package loads, passes every check, and is complete."""

from leadership_domain import framework as fw
from leadership_domain.catalogue import load_catalogue, path_progress, read_catalogue
from leadership_domain.samples import (
    EMERGING_LEADERS_PATH,
    FIRST_REPORTING_OFFICER_PATH,
    sample_catalogue,
    sample_catalogue_path,
)


def test_sample_catalogue_has_no_problems():
    _, problems = read_catalogue(sample_catalogue_path())
    assert problems == []
    catalogue = load_catalogue(sample_catalogue_path())
    assert len(catalogue.modules) >= 8 and len(catalogue.paths) == 2


def test_every_module_is_complete():
    for module in sample_catalogue().modules.values():
        assert module.id.startswith("https://w3id.org/xapi/un-leadership/catalogue/modules/")
        assert {"en", "fr"} <= set(module.title) and {"en", "fr"} <= set(module.summary)
        assert len(module.content.pages) >= 3
        for page in module.content.pages:
            body = page.body("en")
            assert page.format == "markdown" and body.startswith("# ") and len(body) > 800
        quiz = module.content.quiz
        assert 3 <= len(quiz.items) <= 5 and 0 < quiz.pass_mark <= 1
        for item in quiz.items:
            assert item.feedback_correct["en"] and item.feedback_incorrect["en"]
            assert item.correct <= {choice.id for choice in item.choices}


def test_every_characteristic_and_level_has_a_recommended_module():
    catalogue = sample_catalogue()
    for characteristic in fw.CHARACTERISTIC_IDS:
        for level in fw.LEVEL_IDS:
            assert catalogue.recommended_modules(characteristic, level), (characteristic, level)


def test_recommendations_put_focused_modules_first():
    found = sample_catalogue().recommended_modules("self-applied", "senior-leader")
    assert found[0].id.endswith("/resilience-and-wellbeing")  # its only characteristic
    assert all("self-applied" in module.characteristics for module in found)


def test_image_with_alt_text_and_page_reference():
    module = sample_catalogue().module(
        "https://w3id.org/xapi/un-leadership/catalogue/modules/feedback-that-helps")
    (image,) = module.content.pages[1].images
    assert image.path.is_file() and image.alt["en"] and image.alt["fr"]
    assert "../images/feedback-loop.svg" in module.content.pages[1].body()


def test_quiz_scoring():
    quiz = sample_catalogue().module(
        "https://w3id.org/xapi/un-leadership/catalogue/modules/leading-from-where-you-are"
    ).content.quiz
    answers = {"who-leads": "everyone", "norm-based-meaning": "norm-based",
               "everyday-signs": ["ask-feedback", "share-info", "own-mistake"],
               "self-applied": "apply-rules"}
    assert quiz.score(answers) == 0.75 and quiz.passed(0.75)
    assert quiz.score({"everyday-signs": ["ask-feedback"]}) == 0


def test_first_reporting_officer_path():
    catalogue = sample_catalogue()
    path = catalogue.path(FIRST_REPORTING_OFFICER_PATH)
    assert path.target_level == "first-reporting-officer"
    assert [m.id for m in catalogue.path_modules(path.id)] == list(path.module_iris)
    foundations, climate, beyond = path.groups
    assert not foundations.is_elective and climate.is_elective and climate.required == 2
    assert path.step("feedback").prerequisites == ("expectations",)
    assert path.milestones[0].due_within_days == 90
    assert path in catalogue.paths_for_level("first-reporting-officer")


def test_journey_path_progress_through_electives_and_milestones():
    path = sample_catalogue().path(EMERGING_LEADERS_PATH)
    assert path.target_level == "all-staff"
    assert path.milestones[1].due.isoformat() == "2026-12-31"

    start = path_progress(path, [])
    assert start.next_step == "leading-from-where-you-are" and start.percent == 0
    assert start.locked == {"integrity": ("leading-from-where-you-are",),
                            "feedback": ("leading-from-where-you-are",)}

    # A module completed elsewhere counts, even though its step was still locked.
    done = path.steps_for_modules([
        "https://w3id.org/xapi/un-leadership/catalogue/modules/feedback-that-helps"])
    assert path_progress(path, done).satisfied == {"feedback"}

    core = path_progress(path, ["leading-from-where-you-are", "integrity", "feedback"])
    assert core.milestones_reached == ("core-complete",) and core.next_step == "inclusion"
    assert core.percent == 60 and not core.complete

    finished = path_progress(path, ["leading-from-where-you-are", "integrity", "feedback",
                                    "systems", "wellbeing"])
    assert finished.complete and finished.percent == 100 and finished.next_step is None
    assert finished.milestones_reached == ("core-complete", "journey-level-complete")

    # A third elective does not push progress past 100 %.
    extra = path_progress(path, [*finished.satisfied, "inclusion", "not-a-step"])
    assert extra.percent == 100 and "not-a-step" not in extra.satisfied


def test_lookups_by_iri_and_unknown_ids():
    import pytest

    from leadership_domain.errors import UnknownIdError

    catalogue = sample_catalogue()
    module_iri = "https://w3id.org/xapi/un-leadership/catalogue/modules/systems-thinking"
    assert catalogue.module(module_iri).practices[0] == "systems-thinking"
    assert {p.id for p in catalogue.paths_containing(module_iri)} == {
        FIRST_REPORTING_OFFICER_PATH, EMERGING_LEADERS_PATH}
    assert all("manager" in m.levels for m in catalogue.modules_for_level("manager"))
    for lookup, argument in [(catalogue.module, module_iri + "-x"), (catalogue.path, "urn:x"),
                             (catalogue.recommended_modules, "brave"),
                             (catalogue.modules_for_level, "intern")]:
        with pytest.raises(UnknownIdError):
            lookup(argument)
    with pytest.raises(UnknownIdError):
        catalogue.path(FIRST_REPORTING_OFFICER_PATH).step("nope")

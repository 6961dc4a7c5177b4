"""Broken catalogues give every problem at once, each naming the file and the line."""

import textwrap

import pytest

from leadership_domain.catalogue import CatalogueError, load_catalogue

BASE = "https://example.org/catalogue/"

MODULE = textwrap.dedent(f"""\
    kind: module
    id: {BASE}modules/one
    default_language: en
    title: {{en: One}}
    summary: {{en: The first module}}
    characteristics: [inclusive]
    levels: [manager]
    duration_minutes: 10
    pages:
      - id: intro
        title: {{en: Intro}}
        file: pages/intro.md
        images:
          - file: images/figure.svg
            alt: {{en: A figure}}
        videos:
          - url: https://video.example.org/watch/1
            title: {{en: A talk}}
    quiz:
      pass_mark: 0.5
      items:
        - id: q1
          type: single-choice
          prompt: {{en: Pick a}}
          choices:
            - {{id: a, text: {{en: A}}}}
            - {{id: b, text: {{en: B}}}}
          correct: [a]
          feedback: {{correct: {{en: Yes}}, incorrect: {{en: No}}}}
    """)

PATH = textwrap.dedent(f"""\
    kind: path
    id: {BASE}paths/p
    default_language: en
    title: {{en: P}}
    summary: {{en: A path}}
    target_level: manager
    groups:
      - id: core
        title: {{en: Core}}
        required: all
        steps:
          - id: first
            module: {BASE}modules/one
          - id: second
            module: {BASE}modules/two
            prerequisites: [first]
    milestones:
      - id: done
        title: {{en: Done}}
        requires: [core]
        due: 2026-06-30
    """)


def write_catalogue(root, module=MODULE, path=PATH):
    (root / "modules" / "one" / "pages").mkdir(parents=True)
    (root / "modules" / "one" / "images").mkdir()
    (root / "modules" / "one" / "module.yaml").write_text(module)
    (root / "modules" / "one" / "pages" / "intro.md").write_text("# Intro\n")
    (root / "modules" / "one" / "images" / "figure.svg").write_text("<svg/>")
    two = MODULE.replace("modules/one", "modules/two").replace("{en: One}", "{en: Two}")
    (root / "modules" / "two").mkdir()
    (root / "modules" / "two" / "module.yml").write_text(two)
    (root / "modules" / "two" / "pages").mkdir()
    (root / "modules" / "two" / "pages" / "intro.md").write_text("# Intro 2\n")
    (root / "modules" / "two" / "images").mkdir()
    (root / "modules" / "two" / "images" / "figure.svg").write_text("<svg/>")
    (root / "paths").mkdir()
    (root / "paths" / "p.yaml").write_text(path)
    return root


def line_of(text, needle, occurrence=1):
    """1-based line of the `occurrence`-th line containing `needle`."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[occurrence - 1]


def problems_of(root):
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(root)
    return raised.value.problems


def test_the_valid_fixture_loads(tmp_path):
    catalogue = load_catalogue(write_catalogue(tmp_path))
    module = catalogue.module(BASE + "modules/one")
    assert module.content.pages[0].videos[0].url == "https://video.example.org/watch/1"
    assert module.content.pages[0].body() == "# Intro\n"
    assert catalogue.path(BASE + "paths/p").milestones[0].due.isoformat() == "2026-06-30"
    assert module.quiz_item_iri("q1") == BASE + "modules/one/quiz/q1"


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    broken = MODULE.replace("title: {en: One}", "title: {en: One")
    write_catalogue(tmp_path, module=broken)
    problem, unknown = problems_of(tmp_path)
    assert problem.file == tmp_path / "modules" / "one" / "module.yaml"
    assert problem.code == "yaml" and problem.line in (4, 5)
    # The path's reference to that module cannot be resolved; the message says why it may be.
    assert unknown.code == "unknown-module" and "could not be read" in unknown.message
    assert str(problem).startswith(f"{problem.file}:{problem.line}:")


def test_schema_errors_point_at_the_offending_line(tmp_path):
    broken = (MODULE.replace("duration_minutes: 10", "duration_minutes: ten")
              .replace("    type: single-choice", "    type: single-choice\n      colour: red")
              .replace("pass_mark: 0.5", "pass_mark: 1.5"))
    write_catalogue(tmp_path, module=broken)
    problems = {p.message.split(":")[0]: p for p in problems_of(tmp_path)}
    assert problems["duration_minutes"].line == line_of(broken, "duration_minutes")
    assert "expected integer" in problems["duration_minutes"].message
    assert problems["quiz.pass_mark"].line == line_of(broken, "pass_mark")
    unknown = problems["quiz.items.0.colour"]
    assert unknown.line == line_of(broken, "colour") and "unknown key 'colour'" in unknown.message
    assert {p.code for p in problems.values()} == {"schema"}


def test_missing_required_key_and_bad_language_tag(tmp_path):
    broken = MODULE.replace("levels: [manager]\n", "").replace(
        "summary: {en: The first module}", "summary: {en: The first module, 'fr ca': x}")
    write_catalogue(tmp_path, module=broken)
    messages = {p.message: p.line for p in problems_of(tmp_path)}
    assert messages["'levels' is required"] == 1
    (tag_line,) = [line for message, line in messages.items() if "'fr ca'" in message]
    assert tag_line == line_of(broken, "summary:")


def test_unknown_module_in_a_path(tmp_path):
    broken = PATH.replace("modules/two", "modules/three")
    write_catalogue(tmp_path, path=broken)
    (problem,) = problems_of(tmp_path)
    assert problem.code == "unknown-module" and "modules/three" in problem.message
    assert problem.file == tmp_path / "paths" / "p.yaml"
    assert problem.line == line_of(broken, "modules/three")


def test_unknown_characteristic_level_and_target_level(tmp_path):
    module = MODULE.replace("[inclusive]", "[inclusive, brave]").replace("[manager]", "[boss]")
    path = PATH.replace("target_level: manager", "target_level: chief")
    write_catalogue(tmp_path, module=module, path=path)
    found = {(p.code, p.file.name, p.line) for p in problems_of(tmp_path)}
    assert ("unknown-characteristic", "module.yaml", line_of(module, "characteristics")) in found
    assert ("unknown-level", "module.yaml", line_of(module, "levels")) in found
    assert ("unknown-level", "p.yaml", line_of(path, "target_level")) in found


def test_prerequisite_cycle_and_unknown_prerequisite(tmp_path):
    path = PATH.replace(
        f"module: {BASE}modules/one\n",
        f"module: {BASE}modules/one\n        prerequisites: [second, missing]\n")
    write_catalogue(tmp_path, path=path)
    problems = {p.code: p for p in problems_of(tmp_path)}
    assert "first -> second -> first" in problems["prerequisite-cycle"].message
    assert problems["prerequisite-cycle"].line == line_of(path, "prerequisites: [second")
    assert problems["unknown-step"].line == line_of(path, "prerequisites: [second")
    assert "'missing'" in problems["unknown-step"].message


def test_duplicate_module_ids_across_files_and_duplicate_keys(tmp_path):
    write_catalogue(tmp_path)
    copy = tmp_path / "modules" / "other.yaml"  # sorts after modules/one/module.yaml
    copy.write_text(MODULE.replace("pages/intro.md", "one/pages/intro.md")
                    .replace("images/figure.svg", "one/images/figure.svg")
                    .replace("duration_minutes: 10", "duration_minutes: 10\nduration_minutes: 12"))
    problems = problems_of(tmp_path)
    duplicate = next(p for p in problems if p.code == "duplicate-id")
    assert duplicate.file == copy and duplicate.line == 2
    assert "modules/one/module.yaml:2" in duplicate.message
    key = next(p for p in problems if p.code == "duplicate-key")
    assert key.file == copy and key.line == 9 and "duplicate key 'duration_minutes'" in key.message


def test_missing_content_file_and_file_outside_the_catalogue(tmp_path):
    broken = MODULE.replace("file: pages/intro.md",
                            "file: pages/missing.md\n    translations: {fr: ../../../../x.md}")
    write_catalogue(tmp_path, module=broken)
    problems = [p for p in problems_of(tmp_path) if p.code == "missing-file"]
    assert [(p.line, p.message) for p in problems] == [
        (line_of(broken, "pages/missing.md"), "content file pages/missing.md not found"),
        (line_of(broken, "translations"), "../../../../x.md is outside the catalogue directory"),
    ]


def test_quiz_group_date_and_language_checks(tmp_path):
    module = MODULE.replace("correct: [a]", "correct: [a, z]").replace(
        "default_language: en", "default_language: fr")
    path = PATH.replace("required: all", "required: 3").replace("2026-06-30", "2026-02-30")
    write_catalogue(tmp_path, module=module, path=path)
    found = {(p.code, p.file.name, p.line) for p in problems_of(tmp_path)}
    assert ("quiz-answer", "module.yaml", line_of(module, "correct: [a, z]")) in found
    assert ("default-language", "module.yaml", line_of(module, "title:")) in found
    assert ("group-size", "p.yaml", line_of(path, "required: 3")) in found
    assert ("invalid-date", "p.yaml", line_of(path, "due:")) in found


def test_every_problem_is_reported_in_one_error(tmp_path):
    module = MODULE.replace("duration_minutes: 10", "duration_minutes: 0")
    path = PATH.replace("modules/two", "modules/three").replace("[core]", "[nothing]")
    write_catalogue(tmp_path, module=module, path=path)
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(tmp_path)
    codes = [p.code for p in raised.value.problems]
    assert codes.count("schema") == 1 and "unknown-module" in codes and "unknown-step" in codes
    assert len(str(raised.value).splitlines()) == len(codes)


def test_a_module_failing_the_schema_is_not_reported_again_as_unknown(tmp_path):
    write_catalogue(tmp_path, module=MODULE.replace("duration_minutes: 10", "duration_minutes: 0"))
    assert [p.code for p in problems_of(tmp_path)] == ["schema"]


def test_missing_directory_empty_directory_and_wrong_kind(tmp_path):
    (missing,) = problems_of(tmp_path / "nowhere")
    assert missing.code == "not-found"
    (empty,) = problems_of(tmp_path)
    assert "no *.yaml" in empty.message
    (tmp_path / "x.yaml").write_text("# a comment\nkind: lesson\n")
    (kind,) = problems_of(tmp_path)
    assert (kind.line, kind.code) == (2, "schema") and "'lesson'" in kind.message


def test_duplicate_local_ids_unknown_practice_and_milestone_target(tmp_path):
    module = MODULE.replace("characteristics: [inclusive]",
                            "characteristics: [inclusive]\npractices: [juggling]").replace(
        "{id: b, text: {en: B}}", "{id: a, text: {en: B}}")
    path = PATH.replace("id: second", "id: core").replace("[first]", "[first]\n").replace(
        "requires: [core]", "requires: [core, elsewhere]")
    write_catalogue(tmp_path, module=module, path=path)
    found = {(p.code, p.file.name, p.line) for p in problems_of(tmp_path)}
    assert ("unknown-practice", "module.yaml", line_of(module, "practices")) in found
    assert ("duplicate-local-id", "module.yaml", line_of(module, "{id: a, text: {en: B}}")) in found
    assert ("duplicate-local-id", "p.yaml", line_of(path, "- id: core", 2)) in found
    assert ("unknown-step", "p.yaml", line_of(path, "requires:")) in found


def test_yaml_1_1_surprises_are_avoided(tmp_path):
    # "no" (Norwegian) stays a language tag, not False; an unquoted version stays text.
    module = MODULE.replace("title: {en: One}", "title: {en: One, no: En}").replace(
        "default_language: en", "default_language: en\nversion: 2.0")
    write_catalogue(tmp_path, module=module)
    problems = problems_of(tmp_path)
    assert [(p.code, p.line) for p in problems] == [("schema", line_of(module, "version"))]
    write_catalogue(tmp_path / "fixed", module=module.replace("version: 2.0", 'version: "2.0"'))
    assert load_catalogue(tmp_path / "fixed").module(BASE + "modules/one").title["no"] == "En"

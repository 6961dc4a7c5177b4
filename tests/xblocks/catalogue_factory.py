"""Small catalogues written for the tests (and the benchmark): modules with one page each and
one path using every path feature the tracker shows."""

import textwrap

BASE = "https://learning.example.org/test-catalogue/"


def module_iri(slug):
    return f"{BASE}modules/{slug}"


PATH_IRI = BASE + "paths/supervisor-basics"


def _module(directory, slug, title, characteristics=("accountable",),
            levels=("first-reporting-officer",)):
    folder = directory / "modules" / slug
    (folder / "pages").mkdir(parents=True, exist_ok=True)
    (folder / "pages" / "01.md").write_text(f"# {title}\n\nA short page for tests.\n")
    (folder / "module.yaml").write_text(textwrap.dedent(f"""\
        kind: module
        id: {module_iri(slug)}
        default_language: en
        title: {{en: "{title}", fr: "{title} (fr)"}}
        summary: {{en: "About {title.lower()}."}}
        characteristics: [{", ".join(characteristics)}]
        levels: [{", ".join(levels)}]
        duration_minutes: 20
        pages:
          - {{id: one, title: {{en: Page}}, file: pages/01.md}}
        """))


def write_catalogue(directory):
    """Four modules; a path: foundations (all, b needs a), electives (1 of 2), a milestone."""
    _module(directory, "expectations", "Setting expectations")
    _module(directory, "feedback", "Giving feedback", ("accountable", "self-applied"))
    _module(directory, "inclusion", "Inclusive meetings", ("inclusive",))
    _module(directory, "change", "Leading change", ("transformational",))
    (directory / "paths").mkdir(exist_ok=True)
    (directory / "paths" / "path.yaml").write_text(textwrap.dedent(f"""\
        kind: path
        id: {PATH_IRI}
        default_language: en
        title: {{en: "Supervisor basics"}}
        summary: {{en: "The first steps of a new supervisor."}}
        target_level: first-reporting-officer
        groups:
          - id: foundations
            title: {{en: Foundations}}
            required: all
            steps:
              - {{id: expectations, module: "{module_iri('expectations')}"}}
              - {{id: feedback, module: "{module_iri('feedback')}", prerequisites: [expectations]}}
          - id: electives
            title: {{en: Electives}}
            required: 1
            steps:
              - {{id: inclusion, module: "{module_iri('inclusion')}"}}
              - {{id: change, module: "{module_iri('change')}"}}
        milestones:
          - {{id: grounded, title: {{en: Grounded}}, requires: [foundations], due: "2020-01-31"}}
        """))
    return directory


def write_long_catalogue(directory, steps=20):
    """A path of ``steps`` modules, each needing the one before (for the render benchmark)."""
    for index in range(steps):
        _module(directory, f"m{index:02d}", f"Module {index + 1}")
    lines = [f'      - {{id: s{i:02d}, module: "{module_iri(f"m{i:02d}")}"'
             + (f", prerequisites: [s{i - 1:02d}]}}" if i else "}") for i in range(steps)]
    (directory / "paths").mkdir(exist_ok=True)
    (directory / "paths" / "long.yaml").write_text(
        "kind: path\n"
        f"id: {BASE}paths/long\n"
        "default_language: en\n"
        "title: {en: Long path}\n"
        "summary: {en: Twenty steps.}\n"
        "target_level: manager\n"
        "groups:\n"
        "  - id: all\n"
        "    title: {en: Everything}\n"
        "    required: all\n"
        "    steps:\n" + "\n".join("  " + line for line in lines) + "\n"
        "milestones:\n"
        "  - {id: half, title: {en: Halfway}, requires: [s09], due_within_days: 30}\n")
    return directory, f"{BASE}paths/long"

"""Each unit's index.html (pages and quiz as real HTML, escaped) and unit-data.js (the quiz key,
mastery, messages) for player.js. No inline scripts: the page loads two script files."""

import json
from html import escape

from ..model import is_rtl
from .messages import catalogue, translator


def unit_data_js(unit, runtime, mastery_score):
    quiz = None
    if unit.quiz and unit.quiz.questions:
        quiz = {"questions": [{
            "id": question.id,
            "iri": f"{unit.iri}/quiz/{question.id}",
            "choiceIds": [choice.id for choice in question.choices],
            "multiple": question.multiple,
            "correct": [i for i, choice in enumerate(question.choices) if choice.correct],
            "choiceFeedback": [choice.feedback for choice in question.choices],
            "feedbackCorrect": question.feedback_correct,
            "feedbackIncorrect": question.feedback_incorrect,
        } for question in unit.quiz.questions]}
    data = {"id": unit.id, "iri": unit.iri, "title": unit.title, "lang": unit.language,
            "runtime": runtime, "masteryScore": mastery_score,
            "completionThreshold": unit.completion_threshold, "quiz": quiz,
            "messages": catalogue(unit.language)}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"window.SCORM_PLAYER_UNIT = {text};\n".encode()


def index_html(unit, player_prefix):
    _ = translator(unit.language)
    e = escape
    direction = "rtl" if is_rtl(unit.language) else "ltr"
    sections = []
    for number, page in enumerate(unit.pages, start=1):
        sections.append(
            f'<section class="page" id="page-{number}" aria-labelledby="page-{number}-title">'
            f'<h2 id="page-{number}-title" tabindex="-1">{e(page.title)}</h2>{page.html}</section>')
    if unit.quiz and unit.quiz.questions:
        sections.append(_quiz_html(unit, _))
    return f"""<!DOCTYPE html>
<html lang="{e(unit.language)}" dir="{direction}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(unit.title)}</title>
<link rel="stylesheet" href="{player_prefix}player.css">
<script src="unit-data.js" defer></script>
<script src="{player_prefix}player.js" defer></script>
</head>
<body>
<a class="skip-link" href="#main">{e(_("Skip to content"))}</a>
<header><h1>{e(unit.title)}</h1><p class="progress" id="player-progress"></p></header>
<main id="main" tabindex="-1">
<noscript><p>{e(_("This module needs JavaScript to record your progress."))}</p></noscript>
{"".join(sections)}
<p class="status" id="player-status" role="status" aria-live="polite"></p>
</main>
<nav class="pager" aria-label="{e(_("Pages"))}">
<button type="button" id="player-prev" class="secondary">{e(_("Previous"))}</button>
<button type="button" id="player-next">{e(_("Next"))}</button>
<span class="spacer"></span>
<button type="button" id="player-exit" class="secondary">{e(_("Save and exit"))}</button>
</nav>
</body>
</html>
""".encode()


def _quiz_html(unit, _):
    e = escape
    title = unit.quiz.title or _("Quiz")
    parts = [f'<section class="page quiz" id="quiz" aria-labelledby="quiz-title">'
             f'<h2 id="quiz-title" tabindex="-1">{e(title)}</h2><form id="quiz-form" novalidate>']
    for q_number, question in enumerate(unit.quiz.questions, start=1):
        kind = "checkbox" if question.multiple else "radio"
        parts.append(f'<fieldset data-question="{e(question.id)}">'
                     f'<legend>{q_number}. {question.prompt_html}</legend>')
        for c_number, choice in enumerate(question.choices, start=1):
            input_id = f"q{q_number}-c{c_number}"
            parts.append(f'<div class="choice"><input type="{kind}" id="{input_id}" '
                         f'name="q{q_number}" value="{c_number - 1}">'
                         f'<label for="{input_id}">{choice.html}</label></div>')
        parts.append('<p class="feedback" aria-live="polite" hidden></p></fieldset>')
    parts.append(f'<button type="submit" id="quiz-submit">{e(_("Submit answers"))}</button> '
                 f'<button type="button" id="quiz-retry" class="secondary" hidden>'
                 f'{e(_("Try again"))}</button></form>'
                 '<p class="result" id="quiz-result" tabindex="-1" aria-live="polite"></p>'
                 '</section>')
    return "".join(parts)

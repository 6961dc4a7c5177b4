"""The page each unit ships: no inline scripts, nothing from the network, lang/dir for Arabic,
strings from the message catalogue, and a player small enough (<= 150 KB)."""

import json
import re
import zipfile

from scorm_packager.build import PLAYER_ASSETS, package_files
from scorm_packager.catalogue import module_course
from scorm_packager.player.messages import MESSAGES_DIR
from scorm_packager.sanitise import clean_html

INDEX = "units/giving-feedback/index.html"


def test_arabic_unit_is_right_to_left_with_arabic_titles(module):
    files = package_files(module_course(module, "ar"), "scorm12")
    html = files[INDEX].decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "<title>تقديم ملاحظات مفيدة</title>" in html
    assert "حلقة الملاحظات" in html            # image alt from the Arabic page
    english = package_files(module_course(module, "en"), "scorm12")[INDEX].decode()
    assert '<html lang="en" dir="ltr">' in english


def test_no_inline_script_no_handler_no_network(packages):
    with zipfile.ZipFile(packages["scorm2004-4"]) as archive:
        html = archive.read(INDEX).decode()
        player = archive.read("player/player.js").decode()
    assert re.findall(r"<script[^>]*>([^<]+)</script>", html) == []
    assert not re.search(r"\son[a-z]+=", html)
    assert "never runs" not in html                        # author's <script> dropped
    assert not re.search(r'(src|href)="(https?:)?//', html.replace(
        'href="https://video.example.org/feedback-demo"', ""))   # only the video link is remote
    assert 'target="_blank" rel="noopener"' in html
    assert "http://" not in player.replace("http://adlnet.gov/expapi/verbs/", "")


def test_quiz_is_accessible_markup(packages):
    with zipfile.ZipFile(packages["scorm12"]) as archive:
        html = archive.read(INDEX).decode()
    assert html.count("<fieldset") == 2 and html.count("<legend>") == 2
    assert 'type="checkbox" id="q2-c1"' in html and '<label for="q2-c1">' in html
    assert 'role="status" aria-live="polite"' in html
    assert 'class="skip-link" href="#main"' in html


def test_player_strings_come_from_the_json_catalogue(module, packages):
    english = json.loads((MESSAGES_DIR / "en.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(packages["cmi5"]) as archive:
        data = archive.read("units/giving-feedback/unit-data.js").decode()
        player = archive.read("player/player.js").decode()
    embedded = json.loads(data[data.index("{"):data.rindex("}") + 1])
    assert embedded["messages"] == english
    for message in re.findall(r'\bt\("([^"]+)"', player):
        assert message in english, message


def test_player_adds_at_most_150_kb():
    size = sum(path.stat().st_size for path in PLAYER_ASSETS.iterdir())
    assert size <= 150 * 1024


def test_frames_get_titles_and_remote_embeds_become_links():
    html = clean_html('<iframe src="media/diagram.html"></iframe>'
                      '<iframe src="https://video.example.org/embed/1" title="Demo"></iframe>'
                      '<a href="javascript:alert(1)">x</a>', "en")
    assert '<iframe src="media/diagram.html" title="Embedded content">' in html
    assert '<a href="https://video.example.org/embed/1" target="_blank" rel="noopener">Demo</a>' \
        in html
    assert "javascript:" not in html

from leadership_domain.language_maps import best_language, best_text

TITLE = {"en": "Leading change", "fr-FR": "Conduire le changement", "es": "Liderar el cambio"}


def test_exact_then_primary_then_same_language_then_fallbacks():
    assert best_text(TITLE, "es") == "Liderar el cambio"
    assert best_text(TITLE, "es-419") == "Liderar el cambio"
    assert best_text(TITLE, "fr-CA") == "Conduire le changement"
    assert best_text(TITLE, "FR-fr") == "Conduire le changement"
    assert best_text(TITLE, "ar") == "Leading change"


def test_preference_list_and_custom_fallbacks():
    assert best_language(TITLE, ["ar", "zh", "fr"]) == "fr-FR"
    assert best_language({"fr": "x", "ru": "y"}, "ar", fallbacks=("ru",)) == "ru"
    assert best_language({"ar": "x", "ru": "y"}, "zh") == "ar"  # first entry as last resort
    assert best_language({"und": "x", "ru": "y"}, "zh") == "und"


def test_empty_or_missing_maps():
    assert best_text({}, "en") == ""
    assert best_text(None, "en", default="?") == "?"
    assert best_language({}, "en") is None
    assert best_text(TITLE, None) == "Leading change"

"""Timestamps in the LRS's own form take a shortcut; it must judge them as the full parser
does, impossible dates and times included."""

import pytest

from lrs.xapi.timestamps import TimestampError, is_canonical_utc, normalise, parse
from lrs.xapi.validation.syntax import timestamp_problem

CANONICAL = ["2024-02-29T10:00:00.000Z", "2026-12-31T23:59:59.999Z",
             "2026-01-01T00:00:00.123456Z"]
NOT_REAL = ["2026-02-29T10:00:00.000Z", "2026-04-31T10:00:00.000Z",
            "2026-13-01T10:00:00.000Z", "2026-00-10T10:00:00.000Z",
            "2026-01-01T24:00:00.000Z", "2026-01-01T10:60:00.000Z",
            "2026-01-01T10:00:60.000Z"]
OTHER_FORMS = ["2026-01-01T10:00:00.12Z", "2026-01-01T10:00:00Z", "2026-01-01 10:00:00.000Z",
               "2026-01-01T10:00:00.000+00:00", "2026-01-01T10:00:00.000z"]


@pytest.mark.parametrize("value", CANONICAL)
def test_canonical_timestamps_are_kept_as_sent(value):
    assert is_canonical_utc(value)
    assert timestamp_problem(value) is None
    assert normalise(value) == value
    parse(value)


@pytest.mark.parametrize("value", NOT_REAL)
def test_impossible_dates_and_times_are_refused_as_before(value):
    assert not is_canonical_utc(value)
    assert timestamp_problem(value) is not None
    with pytest.raises(TimestampError):
        normalise(value)


@pytest.mark.parametrize("value", OTHER_FORMS)
def test_other_valid_forms_still_go_through_the_parser(value):
    assert not is_canonical_utc(value)
    assert timestamp_problem(value) is None
    assert normalise(value).endswith("Z")

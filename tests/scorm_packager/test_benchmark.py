"""The packager benchmark runs end to end on the shared sample catalogue (a couple of seconds):
every module in every format, all valid, within the time and player-size targets."""

from benchmarks import scorm_packager_build


def test_sample_catalogue_builds_valid_in_all_formats_within_targets(capsys):
    figures, missed = scorm_packager_build.main(["--validate"])
    assert missed == []
    assert figures["packages"] == 4 * figures["modules"] > 0
    assert figures["invalid_packages"] == 0
    assert "build_seconds" in capsys.readouterr().out

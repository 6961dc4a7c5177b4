"""Packager benchmark: the whole sample catalogue in all four formats, and the player's size.

    .venv/bin/python -m benchmarks.scorm_packager_build [--catalogue DIR] [--validate]

Targets (issue 5): every module in every format in <= 20 s; the player adds <= 150 KB to a package.
Prints one line per figure and exits non-zero when a target is missed.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

from scorm_packager.build import PLAYER_ASSETS, build
from scorm_packager.catalogue import module_course, open_catalogue
from scorm_packager.formats import FORMATS

TARGETS = {"build_seconds": 20.0, "player_kb": 150.0}


def run(catalogue_dir, validate):
    catalogue = open_catalogue(catalogue_dir)
    player_bytes = sum(path.stat().st_size for path in PLAYER_ASSETS.iterdir())
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        built = []
        for module in catalogue.modules.values():
            course = module_course(module)
            built += [build(course, fmt, Path(out) / fmt / f"{course.id}.zip") for fmt in FORMATS]
        seconds = time.perf_counter() - started
        sizes = [path.stat().st_size for path in built]
        invalid = 0
        validate_seconds = None
        if validate:
            from scorm_packager.validate.package import validate_package
            started = time.perf_counter()
            invalid = sum(not validate_package(path).is_valid() for path in built)
            validate_seconds = time.perf_counter() - started
    figures = {
        "modules": len(catalogue.modules), "packages": len(built),
        "build_seconds": round(seconds, 2), "player_kb": round(player_bytes / 1024, 1),
        "largest_package_kb": round(max(sizes) / 1024, 1),
    }
    if validate:
        figures.update(validate_seconds=round(validate_seconds, 2), invalid_packages=invalid)
    return figures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalogue", help="catalogue directory (default: the sample catalogue)")
    parser.add_argument("--validate", action="store_true", help="also validate every package")
    args = parser.parse_args(argv)
    if args.catalogue is None:
        from leadership_domain.samples import sample_catalogue_path
        args.catalogue = sample_catalogue_path()
    figures = run(args.catalogue, args.validate)
    for name, value in figures.items():
        target = TARGETS.get(name)
        print(f"{name:22} {value}" + (f"   (target <= {target})" if target else ""))
    missed = [name for name, target in TARGETS.items() if figures[name] > target]
    missed += ["invalid_packages"] if figures.get("invalid_packages") else []
    return figures, missed


if __name__ == "__main__":
    sys.exit(1 if main()[1] else 0)

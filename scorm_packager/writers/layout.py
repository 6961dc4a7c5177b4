"""Where things go inside a package, shared by every writer and the player renderer."""

from dataclasses import dataclass, field

from ..naming import file_slug, identifier

PLAYER_FILES = ("player/player.js", "player/player.css")


@dataclass
class UnitLayout:
    unit: object
    folder: str
    item_id: str
    resource_id: str
    files: list[str] = field(default_factory=list)   # every file of the unit, package-relative

    @property
    def launch(self):
        return f"{self.folder}/index.html"


def plan(course):
    """One `UnitLayout` per unit: folders and identifiers, unique and stable."""
    layouts, used = [], set()
    for number, unit in enumerate(course.units, start=1):
        folder = "units/" + file_slug(unit.id)
        if folder in used:
            folder = f"{folder}-{number}"
        used.add(folder)
        files = [f"{folder}/index.html", f"{folder}/unit-data.js"]
        files += [f"{folder}/{asset.path}" for asset in unit.assets]
        layouts.append(UnitLayout(unit, folder, identifier("I", number, unit.id),
                                  identifier("R", number, unit.id), files))
    return layouts

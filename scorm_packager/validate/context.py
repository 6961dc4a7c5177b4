"""What every check sees: the package's files, its manifest tree and where the manifest is."""

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit


@dataclass
class PackageContext:
    files: dict            # zip entry name -> bytes
    manifest_name: str     # imsmanifest.xml or cmi5.xml
    tree: object           # lxml ElementTree of the manifest
    format: str            # scorm12, scorm2004-3rd, scorm2004-4th, cmi5

    @property
    def root(self):
        return self.tree.getroot()

    def has_file(self, href, base=""):
        """Does a relative URL (as written in a manifest) name a file in the package?"""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return True   # absolute URLs are not package files
        path = unquote(base + parts.path)
        normalised = []
        for piece in path.split("/"):
            if piece in ("", "."):
                continue
            if piece == "..":
                if not normalised:
                    return False
                normalised.pop()
            else:
                normalised.append(piece)
        return "/".join(normalised) in self.files

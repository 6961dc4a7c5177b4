"""The shared domain: the UN System Leadership Framework, the module catalogue, learning paths and
the project's xAPI vocabulary. A leaf package: the LRS, the XBlocks, the packager and the
certificate rules import it; it imports none of them.

Submodules: `framework`, `scoring`, `catalogue`, `vocabulary`, `language_maps`, `i18n`,
`samples`, `errors`. See README.md in this directory.
"""

from .errors import CatalogueError, LeadershipDomainError, Problem, UnknownIdError
from .language_maps import best_language, best_text

__all__ = ["CatalogueError", "LeadershipDomainError", "Problem", "UnknownIdError",
           "best_language", "best_text"]

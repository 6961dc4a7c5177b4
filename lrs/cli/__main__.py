"""``python -m lrs.cli``: the ``lrs`` command."""

from .main import main

main()

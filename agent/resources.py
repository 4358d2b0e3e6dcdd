"""Where the files the tool reads at run time are: prompts, the eval set, the example.

People edit them in the repository's top-level folders (prompts/, evals/, examples/).
A wheel has no such folders, so the build copies them into the package as
agent/_data/ (setup.py); an installed tool finds them there, and a checkout or an
editable install finds them at the top level. ARCHITECTURE.md lists what ships.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_INSTALLED = _PACKAGE / "_data"
_CHECKOUT = _PACKAGE.parent


def data_root() -> Path:
    """The folder holding prompts/, evals/ and examples/: the package's copy when the
    tool was installed from a wheel, else the repository."""
    return _INSTALLED if (_INSTALLED / "prompts").is_dir() else _CHECKOUT


def data_path(relative: str) -> Path:
    """A run-time file by its path in the repository ("evals/profiles/x.txt")."""
    return data_root() / relative


PROMPTS_DIR = data_path("prompts")
EVALS_DIR = data_path("evals")

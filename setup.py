"""The build step that puts the files read at run time into the wheel.

Everything else about the package is declared in pyproject.toml. The prompts, the
eval set and the example live in top-level folders, where people edit them; a
wheel has no such folders, so they are copied into agent/_data/, where
agent/resources.py finds them in an installed package. Why a build step and not
package-dir mappings: evals/ also holds scripts and 256 cache folders, which
mappings would turn into importable modules and a page of warnings.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# What the tool reads at run time, relative to the repository (and to agent/_data/).
RUNTIME_DATA = (
    "prompts/*.prompt",
    "examples/*.txt",
    "evals/*.json",
    "evals/*.jsonl",
    "evals/profiles/*",
    "evals/cache/*.json",
    "evals/cache/*/*.json",
)


class BuildWithData(build_py):
    """build_py, then the run-time data into agent/_data/ (an editable install reads
    the repository's folders instead, so it skips the copy)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "agent" / "_data"
        for pattern in RUNTIME_DATA:
            for source in sorted(ROOT.glob(pattern)):
                if source.is_file():
                    destination = target / source.relative_to(ROOT)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, destination)


setup(cmdclass={"build_py": BuildWithData})

"""The package's shape: every module imports on its own, no two modules import each
other (however deep, or however hidden inside a function), and the command line
starts without the heavy libraries."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "agent"


def modules() -> list[str]:
    """Every module of the package, by dotted name."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imports_of(module: str) -> set[str]:
    """The package's modules this one imports, at the top or inside a function; what only
    a type checker reads (`if TYPE_CHECKING:`) is not an import at run time."""
    path = PACKAGE.parent / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = PACKAGE.parent / module.replace(".", "/") / "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    known = set(modules())
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if _type_checking(node):
            for child in getattr(node, "orelse", []):
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            submodules = {f"{node.module}.{a.name}" for a in node.names} & known
            found.update(submodules)  # "from agent.parse import arxiv" imports arxiv
            if node.module in known and len(submodules) < len(node.names):
                found.add(node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    # A module's parent packages are initialised before it, whatever it imports: they
    # are not edges ("agent" is every module's parent).
    parents = {".".join(module.split(".")[:i]) for i in range(1, module.count(".") + 1)}
    return found - parents - {module}


def test_no_import_cycle_between_modules() -> None:
    graph = {m: imports_of(m) for m in modules()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the path, 2 done

    def walk(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                walk(nxt, path + [nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            walk(module, [module])
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_the_checker_finds_a_hidden_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    """The walk above can fail: a function-level import back is a cycle too."""
    fake = tmp_path / "agent"
    (fake / "sub").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "sub" / "__init__.py").write_text("")
    (fake / "a.py").write_text("from agent import b\n")
    (fake / "b.py").write_text("def f():\n    from agent.a import x\n")
    (fake / "sub" / "c.py").write_text("from typing import TYPE_CHECKING\n"
                                       "if TYPE_CHECKING:\n    from agent import a\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert imports_of("agent.a") == {"agent.b"}
    assert imports_of("agent.b") == {"agent.a"}
    assert imports_of("agent.sub.c") == set()
    with pytest.raises(AssertionError):
        test_no_import_cycle_between_modules()


def test_every_module_imports_on_its_own() -> None:
    """Each module in a process where no other module of the package was imported first."""
    script = (
        "import importlib, sys\n"
        "failed = []\n"
        f"for name in {[m for m in modules() if m != 'agent.__main__']!r}:\n"
        "    for loaded in [m for m in sys.modules if m == 'agent' or m.startswith('agent.')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as exc:\n"
        "        failed.append(f'{name}: {type(exc).__name__}: {exc}')\n"
        "print('\\n'.join(failed))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=PACKAGE.parent, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


# What `research-agent --help` must not load: each costs a tenth of a second or more.
HEAVY = ("numpy", "scipy", "sklearn", "openai", "llama_cpp", "pydantic", "matplotlib",
         "jinja2", "rapidfuzz", "feedparser", "bibtexparser", "httpx", "tiktoken")


def loaded_by(*args: str) -> set[str]:
    """The top-level modules a command line loads (from a neutral folder)."""
    script = ("import sys\nfrom agent.cli import main\nsys.argv = ['research-agent', *"
              f"{list(args)!r}]\n"
              "try:\n    main()\nexcept SystemExit:\n    pass\n"
              "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, cwd=PACKAGE.parent / "tests")
    return set(done.stderr.strip().splitlines()[-1].split())


def test_help_loads_no_heavy_library() -> None:
    assert loaded_by("--help") & set(HEAVY) == set()


def test_parse_loads_only_what_reading_a_page_needs(tmp_path: Path) -> None:
    example = PACKAGE.parent / "examples" / "zewen-chi.txt"
    loaded = loaded_by("parse", str(example), "--as-of", "2026-11-28")
    assert "pydantic" in loaded and "rapidfuzz" in loaded  # it did parse
    assert loaded & {"numpy", "scipy", "sklearn", "openai", "llama_cpp", "matplotlib",
                     "feedparser", "bibtexparser"} == set()

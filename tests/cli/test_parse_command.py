"""`research-agent parse` as a user meets it, including every kind of bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, PROFILES, REPO


def test_table_lists_every_paper(run_cli) -> None:
    result = run_cli("parse", str(EXAMPLE), "--as-of", "2026-11-28")
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith(
        "Zewen Chi · CL · h-index 41 · 8,769 citations · novelty 58% · AI score 62 · "
        "36 papers parsed (page says 36)")
    for key in ("chi2020infoxlm", "ma2022torchscale", "li2026breaking", "chi2019complicated"):
        assert key in result.stdout
    assert "2026-03-08*" in result.stdout
    assert "* year not printed on the page; taken from the capture date 2026-11-28" in result.stdout


def test_json_is_the_whole_profile(run_cli) -> None:
    result = run_cli("parse", str(EXAMPLE), "--json", "--as-of", "2026-11-28")
    assert result.code == 0
    data = json.loads(result.stdout)
    assert data["name"] == "Zewen Chi" and len(data["papers"]) == 36
    infoxlm = next(p for p in data["papers"] if p["key"] == "chi2020infoxlm")
    assert infoxlm["owner_position"] == "first" and infoxlm["date"] == "2020-07-15"
    assert data["issues"] == []


def test_as_of_moves_yearless_dates(run_cli) -> None:
    result = run_cli("parse", str(EXAMPLE), "--json", "--as-of", "2026-03-06")
    dates = {p["title"][:8]: p["date"] for p in json.loads(result.stdout)["papers"]}
    assert dates["Breaking"] == "2025-03-08"


def test_warnings_go_to_stderr_with_line_numbers(run_cli) -> None:
    result = run_cli("parse", str(PROFILES / "malformed-middle.txt"), "--json")
    assert result.code == 0
    assert "line 17: paper block skipped" in result.stderr
    assert json.loads(result.stdout)["name"] == "Claude Shannon"


def one_line_error(result, code: int, *fragments: str) -> None:
    assert result.code == code
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_missing_file(run_cli, tmp_path: Path) -> None:
    one_line_error(run_cli("parse", str(tmp_path / "nope.txt")), 2, "no such file")


def test_directory(run_cli, tmp_path: Path) -> None:
    one_line_error(run_cli("parse", str(tmp_path)), 2, "is a directory")


def test_empty_file(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("\n  \n")
    one_line_error(run_cli("parse", str(path)), 1, "is empty")


def test_binary_file(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    one_line_error(run_cli("parse", str(path)), 1, "binary file")


def test_non_utf8_bytes(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(EXAMPLE.read_bytes()[:200] + "Ren\u00e9 M\u00fcller".encode("latin-1"))
    one_line_error(run_cli("parse", str(path)), 1, "not valid UTF-8", "byte 203", "UTF-8")


@pytest.mark.parametrize("content, named", [
    # BibTeX, arXiv feeds and several JSON exports are read now (tests/test_formats*.py).
    ("TY  - JOUR\nTI  - Literate Programming\nPY  - 1984\nER  - \n", "RIS"),
    ('{"results": [{"id": "W1"}]}', "JSON"),
    ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "Atom"),
    ("Dear diary,\nToday I wrote no papers at all.\n", None),
])
def test_other_formats(run_cli, tmp_path: Path, content: str, named: str | None) -> None:
    path = tmp_path / "record.txt"
    path.write_text(content)
    result = run_cli("parse", str(path))
    one_line_error(result, 1, "supported formats: profile-page")
    assert (named in result.stderr) if named else "not in a format" in result.stderr


def test_fifty_megabyte_file(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    one_line_error(run_cli("parse", str(path)), 1, "50.0 MiB", "RESEARCH_AGENT_MAX_INPUT_MB")


def test_size_limit_is_configurable(run_cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("RESEARCH_AGENT_MAX_INPUT_MB", "0.001")
    one_line_error(run_cli("parse", str(EXAMPLE)), 1, "over the 0 MiB input limit")
    monkeypatch.setenv("RESEARCH_AGENT_MAX_INPUT_MB", "lots")
    one_line_error(run_cli("parse", str(EXAMPLE)), 2, "max_input_mb")


def test_bad_as_of(run_cli) -> None:
    one_line_error(run_cli("parse", str(EXAMPLE), "--as-of", "last week"), 2, "YYYY-MM-DD")


def test_unknown_flag_is_a_usage_error(run_cli) -> None:
    result = run_cli("parse", str(EXAMPLE), "--bogus")
    assert result.code == 2
    assert "No such option" in result.stderr and "Traceback" not in result.stderr


def test_unknown_format_flag(run_cli) -> None:
    one_line_error(run_cli("parse", str(EXAMPLE), "--format", "marc21"), 2, "unknown format")


def test_debug_reraises(run_cli, tmp_path: Path, monkeypatch) -> None:
    from agent.errors import UsageError

    monkeypatch.setenv("RESEARCH_AGENT_DEBUG", "1")
    with pytest.raises(UsageError):
        run_cli("parse", str(tmp_path / "nope.txt"))


def test_console_script_and_version() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "agent", "--version"], capture_output=True, text=True, env=env,
        cwd=REPO, timeout=60,
    )
    assert done.returncode == 0 and done.stdout.startswith("research-agent ")
    done = subprocess.run(
        [sys.executable, "-m", "agent", "parse", "missing.txt"], capture_output=True, text=True,
        env=env, cwd=REPO, timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == "error: no such file: missing.txt; check the path"

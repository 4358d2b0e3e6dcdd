"""Every input format through the commands a user runs: parse, report, ask, write, verify."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, FIXTURES
from agent.testing import writer as w
from tests.cli.test_parse_command import one_line_error

INPUTS = FIXTURES / "inputs"
AS_OF = ["--as-of", "2026-11-28"]
OWNER = "Zoë Brännström-Okafor"
BIB, FEED = str(INPUTS / "brannstrom.bib"), str(INPUTS / "brannstrom-arxiv.xml")
EVERY = ["brannstrom.bib", "brannstrom-arxiv.xml", "openalex-works.json",
         "s2-author-papers.json", "zotero.json", "orcid-record.json"]


def llm_args(server, cache: Path) -> list[str]:
    return ["--base-url", server.base_url, "--model", "fake-model", "--cache-dir", str(cache)]


@pytest.mark.parametrize("name", EVERY)
def test_parse_every_format(run_cli, name: str) -> None:
    result = run_cli("parse", str(INPUTS / name), "--json", *AS_OF)
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["papers"] and data["name"].endswith(("Brännström-Okafor", "Brannstrom-Okafor"))
    inferred = [ln for ln in result.stderr.splitlines() if ln.startswith("note: owner")]
    # Only the formats that say whose record they are skip the inference note.
    assert bool(inferred) is (name != "orcid-record.json")


def test_several_files_merge_in_the_table(run_cli) -> None:
    result = run_cli("parse", BIB, FEED, *AS_OF)
    assert result.code == 0, result.stderr
    assert result.stdout.startswith(f"{OWNER} · 7 papers parsed")
    assert result.stderr.count("note: merged 2 records of one work into") == 3
    assert re.search(r"warning: \S+brannstrom\.bib line 46: entry 'brannstrom-notes'",
                     result.stderr)


def test_author_flag_and_the_papers_without_them(run_cli) -> None:
    result = run_cli("parse", BIB, "--author", "Watanabe, Kenji", "--json", *AS_OF)
    data = json.loads(result.stdout)
    assert data["name"] == "Kenji Watanabe"
    absent = [ln for ln in result.stderr.splitlines() if "is not among the authors" in ln]
    # Not the "and others" paper: there he may be hidden behind the ellipsis.
    assert len(absent) == 3 and "note: owner" not in result.stderr


def test_ambiguous_owner_is_a_usage_error(run_cli) -> None:
    one_line_error(run_cli("parse", str(INPUTS / "s2-paper.json")), 2,
                   "cannot tell whose record", "--author")


def test_format_flag(run_cli) -> None:
    assert run_cli("parse", BIB, "--format", "bibtex").code == 0
    one_line_error(run_cli("parse", BIB, "--format", "orcid"), 1, "is not JSON")
    one_line_error(run_cli("parse", BIB, "--format", "endnote"), 2, "unknown format",
                   "bibtex, arxiv")


@pytest.mark.parametrize("content, fragments", [
    ('{"results": [{"id": "https://openalex.org/W1", "title": "T"', ("is not valid JSON",)),
    ("<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>"
     "<id>http://arxiv.org/api/x</id><entry><title>T</", ("not a readable Atom feed",)),
    ('{"paperId": "x", "title": "T", "authors": 5}', ("does not have the structure of",
                                                       "Semantic Scholar")),
    ('{"some": "thing"}', ("looks like JSON, but not from OpenAlex",)),
    ("<html><body>profile</body></html>", ("looks like HTML",)),
])
def test_broken_inputs_are_one_line(run_cli, tmp_path: Path, content: str, fragments) -> None:
    path = tmp_path / "input"
    path.write_text(content)
    one_line_error(run_cli("parse", str(path), "--author", "Ann Lee"), 1, *fragments)


def test_missing_second_file_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    one_line_error(run_cli("parse", BIB, str(tmp_path / "nope.xml")), 2, "no such file")


def test_report_from_bibtex_and_arxiv(run_cli, fake_model, tmp_path: Path) -> None:
    fake_model.set_default(w.writer())
    result = run_cli("report", BIB, FEED, *AS_OF, *llm_args(fake_model, tmp_path))
    assert result.code == 0, result.stderr
    assert f"# {OWNER}: research report" in result.stdout
    cited = set(re.findall(r"\[([a-z]+\d{4}[a-z0-9]+|[a-z]+nd[a-z0-9]+)\]", result.stdout))
    keys = {"brannstromokafor2021sparse", "watanabe2022retrievalaugmented",
            "brannstromokafor2023calibration", "petrova2020mnogoyazychnye",
            "brannstromokafor2019counting", "brannstromokaforndlecture", "nwosu2024tokenizerfree"}
    assert cited and cited <= keys
    assert "Faithfulness:" in result.stdout


def test_ask_takes_files_then_the_question(run_cli, fake_model, tmp_path: Path) -> None:
    fake_model.set_default(w.writer())
    one = run_cli("ask", BIB, "How many papers in 2021?", *AS_OF,
                  *llm_args(fake_model, tmp_path))
    two = run_cli("ask", BIB, FEED, "How many papers in 2021?", *AS_OF,
                  *llm_args(fake_model, tmp_path))
    assert one.code == 0 and two.code == 0, one.stderr + two.stderr
    assert "brannstromokafor2021sparse" in two.stdout


@pytest.mark.parametrize("kind", ["grant", "intro"])
def test_write_from_openalex(run_cli, fake_model, tmp_path: Path, kind: str) -> None:
    fake_model.set_default(w.writer())
    result = run_cli("write", kind, str(INPUTS / "openalex-works.json"), "--topic",
                     "multilingual experts", *AS_OF, "--json", *llm_args(fake_model, tmp_path))
    assert result.code == 0, result.stderr
    composition = json.loads(result.stdout)
    sentences = [s for sec in composition["sections"] for s in sec["sentences"]]
    keys = {k for s in sentences for k in s["keys"]}
    # The paragraph is written from the file's papers on the topic, and cites them.
    assert composition["task"] == kind and sentences and keys
    assert keys <= {p["key"] for p in json.loads(run_cli(
        "parse", str(INPUTS / "openalex-works.json"), *AS_OF, "--json").stdout)["papers"]}
    assert any("multilingual" in s["text"].lower() or "expert" in s["text"].lower()
               for s in sentences)


def test_verify_against_merged_files(run_cli, tmp_path: Path) -> None:
    text = tmp_path / "bio.md"
    text.write_text("Sparse Mixtures of Multilingual Experts appeared in 2021 "
                    "[brannstromokafor2021sparse].\n")
    result = run_cli("verify", BIB, FEED, str(text), *AS_OF)
    assert result.code == 0, result.stdout + result.stderr
    assert result.stdout.startswith("supported: Sparse Mixtures of Multilingual Experts")
    assert result.stdout.rstrip().splitlines()[-1].startswith("1 sentence: 1 supported")


def test_profile_page_unchanged_through_the_new_loader(run_cli) -> None:
    result = run_cli("parse", str(EXAMPLE), *AS_OF)
    assert result.code == 0 and result.stderr == ""
    assert "36 papers parsed (page says 36)" in result.stdout

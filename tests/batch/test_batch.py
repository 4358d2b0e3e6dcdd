"""`batch`: many profile files to their reports, against the fake endpoint on 127.0.0.1."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from agent.batch import MANIFEST, BatchSummary, RunStatus, SharedBackend
from agent.llm.base import Completion, SamplingParams
from agent.prompts import ChatMessage
from tests.conftest import EXAMPLE, FIXTURES, PROFILES
from agent.testing import writer as w
from agent.testing.openai_server import FakeOpenAIServer

AS_OF = ["--as-of", "2026-11-28"]
LOVELACE_BIB = """@article{notes,
  title = {Notes on the Analytical Engine},
  author = {Lovelace, Ada},
  year = {2024},
  abstract = {We describe a general-purpose computing machine and give the first published
              algorithm for it, computing Bernoulli numbers in 25 operations.},
}
"""


def llm_args(server: FakeOpenAIServer, cache: Path, concurrency: int = 4) -> list[str]:
    return ["--base-url", server.base_url, "--model", "fake-model", "--cache-dir", str(cache),
            "--concurrency", str(concurrency)]


def group(tmp_path: Path, *, broken: bool = True, duplicates: bool = True) -> Path:
    """A department's directory: good profiles in three formats, copies, and broken files."""
    d = tmp_path / "group"
    d.mkdir()
    shutil.copy(EXAMPLE, d / "zewen-chi.txt")
    shutil.copy(PROFILES / "one-paper.txt", d / "lovelace.txt")
    shutil.copy(FIXTURES / "inputs" / "brannstrom.bib", d / "brannstrom.bib")
    if duplicates:
        shutil.copy(EXAMPLE, d / "zewen-chi_copy.txt")  # the same bytes
        (d / "lovelace_bibtex.bib").write_text(LOVELACE_BIB)  # the same record, another format
    if broken:
        (d / "broken.bib").write_text("this is not a publication record\n" * 3)
        (d / "empty.txt").write_text("")
    return d


def summary_of(out: Path) -> BatchSummary:
    return BatchSummary.model_validate_json((out / MANIFEST).read_text())


def rows(summary: BatchSummary) -> dict[str, Any]:
    return {r.file: r for r in summary.runs}


def test_batch_writes_each_good_profile_and_reports_the_rest(run_cli, fake_openai,
                                                              tmp_path) -> None:
    fake_openai.set_default(w.writer())
    d, out = group(tmp_path), tmp_path / "out"
    result = run_cli("batch", str(d), "-o", str(out), "--no-html", *AS_OF,
                     *llm_args(fake_openai, tmp_path / "cache"))
    assert result.code == 1, result.stderr  # a failed file fails the run, after the others
    assert "2 of 7 files failed: broken.bib, empty.txt" in result.stderr
    assert "failed: empty.txt: " in result.stdout  # each reason, under the table
    by_file = rows(summary_of(out))
    assert {f: r.status for f, r in by_file.items()} == {
        "brannstrom.bib": RunStatus.WRITTEN, "broken.bib": RunStatus.FAILED,
        "empty.txt": RunStatus.FAILED, "lovelace_bibtex.bib": RunStatus.DUPLICATE,
        "lovelace.txt": RunStatus.WRITTEN, "zewen-chi_copy.txt": RunStatus.DUPLICATE,
        "zewen-chi.txt": RunStatus.WRITTEN}
    assert "empty" in by_file["empty.txt"].error
    assert "not" in by_file["broken.bib"].error and "format" in by_file["broken.bib"].error
    assert by_file["zewen-chi_copy.txt"].duplicate_of == "zewen-chi.txt"
    assert by_file["lovelace_bibtex.bib"].duplicate_of == "lovelace.txt"
    # Each written profile has its report, the duplicates and failures none.
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted([
        MANIFEST, "brannstrom.md", "brannstrom.json", "lovelace.md", "lovelace.json",
        "zewen-chi.md", "zewen-chi.json"])
    report = (out / "zewen-chi.md").read_text()
    assert report.startswith("# Zewen Chi: research report")
    zewen = by_file["zewen-chi.txt"]
    assert zewen.papers == 36 and zewen.calls > 36 and zewen.tally is not None
    assert report.rstrip().endswith(f"Faithfulness: {zewen.tally.line()}.")
    # The table on stdout has a row per file with its cost and faithfulness line.
    assert zewen.tally.line() in result.stdout
    for name in by_file:
        assert name in result.stdout
    # Calls the fake received are the calls the rows account for.
    assert sum(r.calls for r in by_file.values()) == fake_openai.chat_calls


def test_a_rerun_costs_nothing_and_a_changed_file_is_redone(run_cli, fake_openai,
                                                             tmp_path) -> None:
    fake_openai.set_default(w.writer())
    d, out = group(tmp_path, broken=False), tmp_path / "out"
    args = ["batch", str(d), "-o", str(out), "--no-html", *AS_OF,
            *llm_args(fake_openai, tmp_path / "cache")]
    assert run_cli(*args).code == 0
    first = rows(summary_of(out))
    fake_openai.reset()
    fake_openai.set_default(w.writer())
    again = run_cli(*args)
    assert again.code == 0 and fake_openai.chat_calls == 0
    second = rows(summary_of(out))
    assert {r.status for f, r in second.items() if first[f].status is RunStatus.WRITTEN} \
        == {RunStatus.UNCHANGED}
    assert all(r.calls == 0 and r.cache_hits == 0 for r in second.values())
    assert second["zewen-chi.txt"].tally == first["zewen-chi.txt"].tally
    # A changed input is written again; the cache spares the calls it had already made.
    text = (d / "lovelace.txt").read_text().replace("25 operations", "26 operations")
    (d / "lovelace.txt").write_text(text)
    (d / "lovelace_bibtex.bib").unlink()
    third = run_cli(*args)
    assert third.code == 0
    redone = rows(summary_of(out))
    assert redone["lovelace.txt"].status is RunStatus.WRITTEN
    assert redone["zewen-chi.txt"].status is RunStatus.UNCHANGED
    assert "26 operations" in (out / "lovelace.json").read_text()
    # A deleted output is a reason to write the report again, from the cache.
    (out / "brannstrom.md").unlink()
    fake_openai.reset()
    fake_openai.set_default(w.writer())
    assert run_cli(*args).code == 0
    after = rows(summary_of(out))["brannstrom.bib"]
    assert after.status is RunStatus.WRITTEN and after.calls == 0 and after.cache_hits > 0
    assert (out / "brannstrom.md").is_file()


def test_an_interrupted_batch_resumes_where_it_stopped(run_cli, tmp_path) -> None:
    """Ctrl-C in the middle: the finished profiles are kept, the one in flight keeps the
    answers it had, and the re-run makes only the calls that were never answered."""
    d, out, cache = group(tmp_path, broken=False, duplicates=False), tmp_path / "out", \
        tmp_path / "cache"
    with FakeOpenAIServer(latency=0.02) as fake:
        fake.set_default(w.writer())
        args = ["batch", str(d), "-o", str(out), "--no-html", *AS_OF,
                *llm_args(fake, cache, concurrency=1)]
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        # A shell's background job ignores SIGINT, and a child inherits that: restore it.
        proc = subprocess.Popen([sys.executable, "-m", "agent.cli", *args], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        # Files run in name order: brannstrom.bib, lovelace.txt, then zewen-chi.txt.
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
            manifest = out / MANIFEST
            if manifest.is_file() and rows(summary_of(out))["lovelace.txt"].status \
                    is RunStatus.WRITTEN:
                break
            time.sleep(0.02)
        while fake.chat_calls < 20 + sum(r.calls for r in rows(summary_of(out)).values()):
            assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
            time.sleep(0.01)  # the third profile is well under way
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err
        interrupted = rows(summary_of(out))
        assert interrupted["brannstrom.bib"].status is RunStatus.WRITTEN
        assert interrupted["zewen-chi.txt"].status is RunStatus.PENDING  # never finished
        assert "interrupted" in err
        assert not (out / "zewen-chi.md").exists()
        calls_before = fake.chat_calls
        fake.reset()
        fake.set_default(w.writer())
        resumed = run_cli(*args)
        assert resumed.code == 0, resumed.stderr
        after = rows(summary_of(out))
        assert after["brannstrom.bib"].status is RunStatus.UNCHANGED
        assert after["lovelace.txt"].status is RunStatus.UNCHANGED
        zewen = after["zewen-chi.txt"]
        # Every answer it had received is a hit; the one in flight at Ctrl-C is asked again.
        assert zewen.status is RunStatus.WRITTEN and zewen.cache_hits >= 19
        assert fake.chat_calls == zewen.calls
    # Against a fresh cache, the same profile costs every call: resuming saved the rest.
    with FakeOpenAIServer() as fresh:
        fresh.set_default(w.writer())
        solo = tmp_path / "solo"
        solo.mkdir()
        shutil.copy(EXAMPLE, solo / "zewen-chi.txt")
        assert run_cli("batch", str(solo), "-o", str(tmp_path / "solo-out"), "--no-html",
                       *AS_OF, *llm_args(fresh, tmp_path / "fresh-cache")).code == 0
        assert zewen.calls + zewen.cache_hits >= fresh.chat_calls
        assert zewen.calls <= fresh.chat_calls - 19
    assert calls_before > 20


class _Counting:
    """A backend that records how many calls are in flight at once."""

    kind = "remote"
    model = "counting"
    context_window = 8192
    default_concurrency = 64

    def __init__(self) -> None:
        self.now = self.peak = 0
        self.lock = threading.Lock()

    def complete(self, messages: Sequence[ChatMessage], params: SamplingParams,
                 json_schema: dict | None, schema_name: str | None) -> Completion:
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
        time.sleep(0.01)
        with self.lock:
            self.now -= 1
        return Completion(text="{}", model=self.model)

    def count_tokens(self, messages: Sequence[ChatMessage]) -> int:
        return 1

    def describe(self) -> str:
        return "counting"


def test_the_shared_backend_bounds_calls_across_profiles() -> None:
    inner = _Counting()
    shared = SharedBackend(inner, 3)
    threads = [threading.Thread(target=shared.complete,
                                args=([], SamplingParams(), None, None)) for _ in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert inner.peak == 3


@pytest.mark.parametrize("args, message", [
    (["--concurrency", "0"], "concurrency"),
    (["--poll-seconds", "0"], "--poll-seconds"),
    (["--words", "70"], "--words 70"),
])
def test_bad_batch_options_are_usage_errors(run_cli, fake_openai, tmp_path, args,
                                            message) -> None:
    d = group(tmp_path, broken=False, duplicates=False)
    result = run_cli("batch", str(d), "-o", str(tmp_path / "out"), *args,
                     *llm_args(fake_openai, tmp_path / "cache")[:-2])
    assert result.code == 2 and message in result.stderr
    assert fake_openai.chat_calls == 0


def test_batch_directory_errors_are_one_line(run_cli, fake_openai, tmp_path) -> None:
    base = llm_args(fake_openai, tmp_path / "cache")
    missing = run_cli("batch", str(tmp_path / "nope"), "-o", str(tmp_path / "o"), *base)
    assert missing.code == 2 and "no such directory" in missing.stderr
    (tmp_path / "empty").mkdir()
    empty = run_cli("batch", str(tmp_path / "empty"), "-o", str(tmp_path / "o"), *base)
    assert empty.code == 2 and "holds no files" in empty.stderr
    (tmp_path / "afile").write_text("x")
    clash = run_cli("batch", str(group(tmp_path, broken=False)), "-o", str(tmp_path / "afile"),
                    *base)
    assert clash.code == 2 and "is a file" in clash.stderr
    same = run_cli("batch", str(tmp_path / "group"), "-o", str(tmp_path / "group"), *base)
    assert same.code == 2 and "--output is the directory of the profiles" in same.stderr
    assert "Traceback" not in missing.stderr + empty.stderr + clash.stderr


def test_openai_batch_needs_an_endpoint(run_cli, tmp_path, monkeypatch) -> None:
    for name in ("OPENAI_API_KEY", "RESEARCH_AGENT_API_KEY", "OPENAI_BASE_URL",
                 "RESEARCH_AGENT_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    d = group(tmp_path, broken=False, duplicates=False)
    result = run_cli("batch", str(d), "-o", str(tmp_path / "o"), "--openai-batch",
                     "--cache-dir", str(tmp_path / "c"))
    assert result.code == 2 and "--openai-batch needs an OpenAI endpoint" in result.stderr


def test_json_summary(run_cli, fake_openai, tmp_path) -> None:
    fake_openai.set_default(w.writer())
    d = group(tmp_path, broken=False, duplicates=False)
    result = run_cli("batch", str(d), "-o", str(tmp_path / "out"), "--no-html", "--json",
                     *AS_OF, *llm_args(fake_openai, tmp_path / "cache"))
    assert result.code == 0
    data = json.loads(result.stdout)
    assert [r["file"] for r in data["runs"]] == ["brannstrom.bib", "lovelace.txt",
                                                 "zewen-chi.txt"]
    assert data["calls"] == fake_openai.chat_calls


def test_openai_batch_sends_every_digest_through_the_batch_api(run_cli, fake_openai,
                                                               tmp_path) -> None:
    fake_openai.set_default(w.writer())
    d, out = group(tmp_path, broken=False), tmp_path / "out"
    args = ["batch", str(d), "-o", str(out), "--no-html", "--openai-batch", "--poll-seconds",
            "0.01", *AS_OF, *llm_args(fake_openai, tmp_path / "cache")]
    result = run_cli(*args)
    assert result.code == 0, result.stderr
    summary = summary_of(out)
    papers = sum(r.papers for r in summary.runs if r.status is RunStatus.WRITTEN)
    # One line per paper of the profiles to write (duplicates are not asked twice) ...
    batched = [w.step(b) for b in fake_openai.batch_requests]
    assert batched == ["digest"] * papers
    assert summary.openai_batch is not None and summary.openai_batch["stored"] == papers
    # ... and the reports find every digest in the cache: no digest is asked directly.
    assert "digest" not in {w.step(b) for b in w.chat_bodies(fake_openai)}
    assert sum(r.calls for r in summary.runs) == fake_openai.chat_calls > 0
    assert "openai batch: " in result.stderr
    # The reports equal those written without the Batch API.
    with FakeOpenAIServer() as direct:
        direct.set_default(w.writer())
        plain = tmp_path / "plain"
        assert run_cli("batch", str(d), "-o", str(plain), "--no-html", *AS_OF,
                       *llm_args(direct, tmp_path / "cache2")).code == 0
    for name in ("zewen-chi.md", "lovelace.md", "brannstrom.md"):
        assert (out / name).read_text() == (plain / name).read_text()


def test_openai_batch_needs_a_writable_cache(run_cli, fake_openai, tmp_path) -> None:
    d = group(tmp_path, broken=False, duplicates=False)
    result = run_cli("batch", str(d), "-o", str(tmp_path / "o"), "--openai-batch",
                     "--cache-mode", "read-only", *llm_args(fake_openai, tmp_path / "c"))
    assert result.code == 2 and "stores its answers in the cache" in result.stderr
    assert fake_openai.chat_calls == 0 and not fake_openai.batch_requests


def test_batch_writes_pages_and_an_index_linking_them(run_cli, fake_openai, tmp_path) -> None:
    fake_openai.set_default(w.writer())
    d, out = group(tmp_path, broken=True, duplicates=False), tmp_path / "out"
    assert run_cli("batch", str(d), "-o", str(out), *AS_OF,
                   *llm_args(fake_openai, tmp_path / "cache")).code == 1
    for name in ("zewen-chi", "lovelace", "brannstrom"):
        page = (out / f"{name}.html").read_text()
        assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    index = (out / "index.html").read_text()
    assert {"zewen-chi.html", "lovelace.html", "brannstrom.html"} <= set(
        re.findall(r'href="([^"#]+)"', index))
    assert "broken.bib" in index and "empty.txt" in index
    # Pages get a plain file's permissions (0666 less the umask), so a web server can read
    # them; not the 0600 of a temporary file.
    mask = os.umask(0o022)
    os.umask(mask)
    for name in ("index.html", "zewen-chi.html", "zewen-chi.md", MANIFEST):
        assert (out / name).stat().st_mode & 0o777 == 0o666 & ~mask, name


def test_the_benchmark_batch_runs_on_its_generated_profiles(tmp_path) -> None:
    """bench_batch.py's own path (generated profiles, cold run, resume) on a few profiles,
    so the benchmark cannot silently rot; its timings are the benchmark's, not asserted."""
    from benchmarks import bench_batch

    profiles = tmp_path / "profiles"
    profiles.mkdir()
    bench_batch.make_profiles(profiles, 3)
    with FakeOpenAIServer() as server:
        row = bench_batch.run(server, profiles, 2, ("md", "json"))
    assert row["profiles"] == 3 and row["calls"] == server.chat_calls > 0
    assert row["resume_calls"] == 0

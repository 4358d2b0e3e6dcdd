"""`research-agent fetch` against recorded API answers served from 127.0.0.1.

The answers follow each API's documented shapes (OpenAlex /authors and /works
with cursor paging, Semantic Scholar /author and /author/papers with offsets,
arXiv /api/query Atom pages, ORCID /record and /works/{put-codes}); the server
plays them back, including rate limits and failures, and records the requests.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from agent.errors import AgentError
from agent.fetch import FetchSettings, fetch, orcid_checksum_ok
from agent.parse import load_profile
from tests.conftest import FIXTURES

INPUTS = FIXTURES / "inputs"


@dataclass
class Answer:
    body: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class RecordedApi:
    """Answers by path (and, where pages differ, by one query parameter), in order."""

    routes: dict[str, list[Answer]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, list[str]], dict[str, str]]] = field(default_factory=list)
    url: str = ""

    def add(self, path: str, *answers: Answer | dict | str) -> None:
        self.routes.setdefault(path, []).extend(
            a if isinstance(a, Answer) else Answer(a if isinstance(a, str) else json.dumps(a))
            for a in answers)

    def answer(self, path: str, query: dict[str, list[str]]) -> Answer:
        for key in (f"{path}?{k}={v[0]}" for k, v in sorted(query.items())):
            if self.routes.get(key):
                return self.routes[key].pop(0) if len(self.routes[key]) > 1 else self.routes[key][0]
        queue = self.routes.get(path)
        if not queue:
            return Answer(json.dumps({"error": f"no recording for {path}"}), 404)
        return queue.pop(0) if len(queue) > 1 else queue[0]


@pytest.fixture
def api() -> Iterator[RecordedApi]:
    recorded = RecordedApi()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            recorded.requests.append((parts.path, query, dict(self.headers)))
            answer = recorded.answer(parts.path, query)
            body = answer.body.encode()
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                              daemon=True)
    thread.start()
    recorded.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield recorded
    server.shutdown()
    server.server_close()


def settings(api: RecordedApi, **kwargs) -> FetchSettings:
    return FetchSettings(api_url=api.url, pace=0, retry_wait=0, **kwargs)


def openalex_pages() -> tuple[dict, list[dict]]:
    data = json.loads((INPUTS / "openalex-works.json").read_text())
    works = data["results"]
    first = {"meta": {"count": 3, "per_page": 2, "next_cursor": "Y3Vyc29yMg=="},
             "results": works[:2]}
    second = {"meta": {"count": 3, "per_page": 2, "next_cursor": "Y3Vyc29yMw=="},
              "results": works[2:]}
    last = {"meta": {"count": 3, "per_page": 2, "next_cursor": None}, "results": []}
    return {"id": "https://openalex.org/A5000000001",
            "display_name": "Zoë Brännström-Okafor"}, [first, second, last]


def test_openalex_through_the_cli(run_cli, api: RecordedApi, tmp_path: Path) -> None:
    author, pages = openalex_pages()
    api.add("/authors/A5000000001", author)
    api.add("/works?cursor=*", pages[0])
    api.add("/works?cursor=Y3Vyc29yMg==", pages[1])
    api.add("/works?cursor=Y3Vyc29yMw==", pages[2])
    out = tmp_path / "works.json"
    result = run_cli("fetch", "openalex", "https://openalex.org/A5000000001", "-o", str(out),
                     "--mailto", "me@example.org", "--api-url", api.url)
    assert result.code == 0, result.stderr
    assert "fetched 3 works of Zoë Brännström-Okafor from openalex in 4 requests" in result.stderr
    works_requests = [q for p, q, _ in api.requests if p == "/works"]
    assert all(q["filter"] == ["author.id:A5000000001"] and q["mailto"] == ["me@example.org"]
               for q in works_requests)
    agent = api.requests[0][2]["User-Agent"]
    assert agent.startswith("research-agent/") and "mailto:me@example.org" in agent
    profile = load_profile(out, as_of=__import__("datetime").date(2026, 11, 28))
    assert profile.name == "Zoë Brännström-Okafor"  # the author record names her
    assert len(profile.papers) == 3
    parsed = run_cli("parse", str(out))
    assert parsed.code == 0 and "note: owner not given" not in parsed.stderr


def test_rate_limit_is_retried_after_the_wait_it_asks_for(api: RecordedApi) -> None:
    author, pages = openalex_pages()
    api.add("/authors/A5000000001",
            Answer('{"error": "rate limited"}', 429, {"Retry-After": "7"}),
            Answer("oops", 503), author)
    api.add("/works", {"meta": {"count": 0, "next_cursor": None}, "results": []})
    waits: list[float] = []
    result = fetch("openalex", "A5000000001", settings(api, max_wait=60), sleep=waits.append)
    assert waits[0] == 7.0  # Retry-After honoured
    assert len(waits) == 2 and result.requests == 4


def test_persistent_failure_is_one_line(api: RecordedApi) -> None:
    api.add("/authors/A5000000001", Answer("busy", 503))
    with pytest.raises(AgentError, match="kept answering HTTP 503 \\(3 attempts\\)"):
        fetch("openalex", "A5000000001", settings(api, max_retries=2), sleep=lambda _: None)
    assert len(api.requests) == 3


def test_unknown_author_is_a_404_without_retries(run_cli, api: RecordedApi) -> None:
    api.add("/authors/A404", Answer(json.dumps({"error": "Not Found", "message":
                                                "No author with id A404"}), 404))
    result = run_cli("fetch", "openalex", "A404", "--api-url", api.url)
    assert result.code == 1 and result.stdout == ""
    assert result.stderr.strip() == ("error: OpenAlex has no such record (HTTP 404: No author "
                                     "with id A404); check the id")
    assert len(api.requests) == 1


def test_unreachable_api_is_one_clear_error_after_retries() -> None:
    waits: list[float] = []
    with pytest.raises(AgentError, match="cannot reach 127.0.0.1") as info:
        fetch("orcid", "0000-0002-1825-0097",
              FetchSettings(api_url="http://127.0.0.1:9", pace=0, retry_wait=0, max_retries=2),
              sleep=waits.append)
    assert len(waits) == 2 and "\n" not in str(info.value)


def test_semantic_scholar_pages_by_offset(api: RecordedApi, tmp_path: Path) -> None:
    recorded = json.loads((INPUTS / "s2-author-papers.json").read_text())
    api.add("/graph/v1/author/2100000001", {"authorId": "2100000001",
                                            "name": "Zoë Brännström-Okafor", "paperCount": 4})
    api.add("/graph/v1/author/2100000001/papers?offset=0",
            {"offset": 0, "next": 2, "data": recorded["data"][:2]})
    api.add("/graph/v1/author/2100000001/papers?offset=2",
            {"offset": 2, "data": recorded["data"][2:]})
    result = fetch("s2", "2100000001", settings(api, api_key="s2-SECRET"))
    assert result.works == 4 and result.requests == 3
    assert all(h.get("x-api-key") == "s2-SECRET" for _, _, h in api.requests)
    path = tmp_path / "s2.json"
    path.write_text(result.text)
    profile = load_profile(path, as_of=__import__("datetime").date(2026, 11, 28))
    assert profile.name == "Zoë Brännström-Okafor" and len(profile.papers) == 3  # a null skipped


def test_arxiv_pages_joined_into_one_feed(api: RecordedApi, tmp_path: Path) -> None:
    text = (INPUTS / "brannstrom-arxiv.xml").read_text()
    head, rest = text.split("<entry>", 1)
    entries = ["<entry>" + e for e in rest.rsplit("</feed>", 1)[0].split("<entry>")]
    page = lambda chunk: head + "".join(chunk) + "</feed>\n"  # noqa: E731
    api.add("/api/query?start=0", page(entries[:3]))
    api.add("/api/query?start=3", page(entries[3:]))
    result = fetch("arxiv", "Zoe Brannstrom-Okafor", settings(api))
    queries = [q for _, q, _ in api.requests]
    assert queries[0]["search_query"] == ['au:"Zoe Brannstrom-Okafor"']
    assert [q["start"] for q in queries] == [["0"], ["3"]]
    path = tmp_path / "feed.xml"
    path.write_text(result.text)
    profile = load_profile(path, as_of=__import__("datetime").date(2026, 11, 28),
                           author="Zoë Brännström-Okafor")
    assert len(profile.papers) == 4 and profile.source_format == "arxiv"


def test_orcid_record_then_full_works(api: RecordedApi, tmp_path: Path) -> None:
    record = json.loads((INPUTS / "orcid-record.json").read_text())
    bulk = record.pop("bulk")
    api.add("/v3.0/0000-0002-1825-0097/record", record)
    api.add("/v3.0/0000-0002-1825-0097/works/111,222,333", {"bulk": bulk})
    result = fetch("orcid", "https://orcid.org/0000-0002-1825-0097", settings(api))
    assert result.owner == "Zoë Brännström-Okafor" and result.works == 3
    path = tmp_path / "orcid.json"
    path.write_text(result.text)
    profile = load_profile(path, as_of=__import__("datetime").date(2026, 11, 28))
    assert {p.key for p in profile.papers} == {
        "brannstromokafor2021sparse", "watanabe2022retrievalaugmented", "anonndcounting"}


@pytest.mark.parametrize("args, message", [
    (["openalex", "W123"], "not an OpenAlex author id"),
    (["s2", "abc"], "not a Semantic Scholar author id"),
    (["orcid", "0000-0002-1825-0098"], "not an ORCID iD"),
    (["arxiv", " "], "author name is empty"),
    (["scopus", "1"], "unknown source"),
])
def test_bad_ids_are_usage_errors(run_cli, args: list[str], message: str) -> None:
    result = run_cli("fetch", *args, "--api-url", "http://127.0.0.1:9")
    assert result.code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_orcid_checksum() -> None:
    assert orcid_checksum_ok("0000-0002-1825-0097")
    assert orcid_checksum_ok("0000-0001-5109-3700")
    assert orcid_checksum_ok("0000-0002-1694-233X")
    assert not orcid_checksum_ok("0000-0002-1825-0098")


def test_no_works_is_an_error(run_cli, api: RecordedApi) -> None:
    api.add("/authors/A5000000001", {"id": "https://openalex.org/A5000000001"})
    api.add("/works", {"meta": {"count": 0, "next_cursor": None}, "results": []})
    assert fetch("openalex", "A5000000001", settings(api)).works == 0
    result = run_cli("fetch", "openalex", "A5000000001", "--api-url", api.url)
    assert result.code == 1 and result.stdout == ""
    assert result.stderr.strip().splitlines()[-1] == (
        "error: openalex has no works for A5000000001; check the id, or try another source")

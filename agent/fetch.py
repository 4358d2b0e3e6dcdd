"""Downloading a researcher's record from a public API (`research-agent fetch`).

One function per source, each writing a file the matching reader in agent/parse
reads: OpenAlex works (with the author's record under "author"), a Semantic
Scholar author with their papers, an arXiv Atom feed, an ORCID record with its
full works under "bulk". Politely: each API's own pace between requests, a
User-Agent that says who is asking (and OpenAlex's mailto), paging to the end
or to --max-works, and retries only where retrying helps (rate limits,
timeouts, dropped connections, 5xx), with backoff that honours Retry-After.
"""

from __future__ import annotations

import json
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
from pydantic import Field, SecretStr
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_random_exponential,
)

from agent import __version__
from agent.errors import AgentError, InputError, UsageError
from agent.models import Record

Progress = Callable[[str], None]
_ATOM = "http://www.w3.org/2005/Atom"
_NAMESPACES = {"": _ATOM, "opensearch": "http://a9.com/-/spec/opensearch/1.1/",
               "arxiv": "http://arxiv.org/schemas/atom"}
_ORCID = re.compile(r"^(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$", re.I)
_OPENALEX_AUTHOR = re.compile(r"^(?:https?://openalex\.org/)?(A\d+)$", re.I)
_S2_AUTHOR = re.compile(r"^(?:https?://www\.semanticscholar\.org/author/[^/]+/)?(\d+)$")


class FetchSettings(Record):
    """How to ask: who we are, how long to wait, how much to take."""

    mailto: str | None = Field(None, description="E-mail for OpenAlex's polite pool and the "
                                                 "User-Agent.")
    api_key: SecretStr | None = Field(None, description="Semantic Scholar API key.")
    api_url: str | None = Field(None, description="Another base URL: a mirror, or a test "
                                                  "server.")
    timeout: float = Field(30.0, gt=0)
    max_retries: int = Field(4, ge=0, le=10)
    retry_wait: float = Field(1.0, ge=0, description="First backoff, in seconds.")
    max_wait: float = Field(60.0, ge=0, description="Longest single wait, in seconds.")
    max_works: int = Field(5000, ge=1)
    pace: float | None = Field(None, ge=0, description="Seconds between requests; default: "
                                                       "the API's own.")


class Fetched(Record):
    """What was downloaded: the file's text and a count for the summary line."""

    text: str
    works: int
    requests: int
    owner: str | None = None


@dataclass(frozen=True)
class Api:
    """A public API: where it is, and how often it may be asked."""

    name: str
    label: str
    base_url: str
    pace: float  # seconds between requests, from the API's published limits


APIS = {
    "openalex": Api("openalex", "OpenAlex", "https://api.openalex.org", 0.15),
    "s2": Api("s2", "Semantic Scholar", "https://api.semanticscholar.org", 1.1),
    "arxiv": Api("arxiv", "the arXiv API", "https://export.arxiv.org", 3.0),
    "orcid": Api("orcid", "ORCID", "https://pub.orcid.org", 0.1),
}


class _Retryable(Exception):
    """A response worth asking again for (429, 5xx), with the wait the server asked for."""

    def __init__(self, status: int, retry_after: float | None) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.retry_after = retry_after


class Http:
    """A paced, retrying JSON/text client for one API."""

    def __init__(self, api: Api, settings: FetchSettings,
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.api = api
        self.settings = settings
        self.sleep = sleep
        self.requests = 0
        self._last = 0.0
        contact = f" (mailto:{settings.mailto})" if settings.mailto else ""
        headers = {"User-Agent": f"research-agent/{__version__}{contact}",
                   "Accept": "application/json"}
        if settings.api_key and api.name == "s2":
            headers["x-api-key"] = settings.api_key.get_secret_value()
        self.client = httpx.Client(base_url=settings.api_url or api.base_url, headers=headers,
                                   timeout=settings.timeout, transport=transport,
                                   follow_redirects=True)

    def close(self) -> None:
        self.client.close()

    def get(self, path: str, params: dict[str, Any] | None = None,
            accept: str = "application/json") -> httpx.Response:
        """One GET, paced and retried; a failure retrying cannot fix is one clear error."""
        retrying = Retrying(
            retry=retry_if_exception(lambda e: isinstance(e, (_Retryable, httpx.TransportError))),
            stop=stop_after_attempt(self.settings.max_retries + 1), wait=self._wait,
            sleep=self.sleep, reraise=True)
        try:
            return retrying(self._once, path, params or {}, accept)
        except _Retryable as exc:
            raise AgentError(f"{self.api.label} kept answering HTTP {exc.status} "
                             f"({self.settings.max_retries + 1} attempts)",
                             "try again later") from None
        except httpx.TimeoutException:
            raise AgentError(f"{self.api.label} did not answer within "
                             f"{self.settings.timeout:g} s ({self.settings.max_retries + 1} "
                             "attempts)", "try again later") from None
        except httpx.TransportError as exc:
            raise AgentError(f"cannot reach {self.client.base_url.host}: {exc or type(exc).__name__}",
                             "check the network connection (or --api-url)") from None

    def _once(self, path: str, params: dict[str, Any], accept: str) -> httpx.Response:
        pause = (self.api.pace if self.settings.pace is None else self.settings.pace) - (
            time.monotonic() - self._last)
        if self.requests and pause > 0:
            self.sleep(pause)
        self._last = time.monotonic()
        self.requests += 1
        response = self.client.get(path, params=params, headers={"Accept": accept})
        if response.status_code == 429 or response.status_code >= 500:
            raise _Retryable(response.status_code, _retry_after(response))
        if response.status_code >= 400:
            raise self._refused(response)
        return response

    def _wait(self, state: RetryCallState) -> float:
        """The server's Retry-After when it sent one, else exponential backoff with jitter."""
        exc = state.outcome.exception() if state.outcome else None
        asked = exc.retry_after if isinstance(exc, _Retryable) else None
        if asked is not None:
            return min(asked, self.settings.max_wait)
        backoff = wait_random_exponential(multiplier=self.settings.retry_wait,
                                          max=self.settings.max_wait)
        return backoff(state)

    def _refused(self, response: httpx.Response) -> AgentError:
        status = response.status_code
        reason = _error_text(response)
        if status == 404:
            return InputError(f"{self.api.label} has no such record (HTTP 404"
                              f"{': ' + reason if reason else ''})", "check the id")
        if status in (401, 403):
            return AgentError(f"{self.api.label} refused the request (HTTP {status})",
                              "check the API key" if self.api.name == "s2" else None)
        return AgentError(f"{self.api.label} refused the request (HTTP {status}"
                          f"{': ' + reason if reason else ''})")

    def json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        """A GET whose answer must be JSON."""
        response = self.get(path, params)
        try:
            return response.json()
        except ValueError:
            raise AgentError(f"{self.api.label} sent an answer that is not JSON "
                             f"({path})", "try again later") from None


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff


def _error_text(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text.strip()[:160]
    if isinstance(body, dict):
        for key in ("message", "error", "developer-message", "user-message"):
            if isinstance(body.get(key), str):
                return body[key][:160]
    return ""


# --- the sources -----------------------------------------------------------------


def fetch(source: str, ident: str, settings: FetchSettings, progress: Progress | None = None,
          transport: httpx.BaseTransport | None = None,
          sleep: Callable[[float], None] = time.sleep) -> Fetched:
    """A researcher's record from one API, as the text of a file our readers read."""
    if source not in _FETCHERS:
        raise UsageError(f"unknown source {source!r}", f"choose one of: {', '.join(APIS)}")
    http = Http(APIS[source], settings, transport=transport, sleep=sleep)
    try:
        text, works, owner = _FETCHERS[source](http, ident.strip(), settings,
                                               progress or (lambda _: None))
    finally:
        http.close()
    return Fetched(text=text, works=works, requests=http.requests, owner=owner)


def _openalex(http: Http, ident: str, settings: FetchSettings,
              progress: Progress) -> tuple[str, int, str | None]:
    """The author's record, then their works, 200 a page, by cursor."""
    if match := _OPENALEX_AUTHOR.match(ident):
        path = f"/authors/{match.group(1).upper()}"
    elif match := _ORCID.match(ident):
        path = f"/authors/orcid:{match.group(1).upper()}"
    else:
        raise UsageError(f"{ident!r} is not an OpenAlex author id or an ORCID iD",
                         "give it as A5023888391 or 0000-0002-1825-0097")
    polite = {"mailto": settings.mailto} if settings.mailto else {}
    author = http.json(path, polite)
    author_id = str(author.get("id", "")).rsplit("/", 1)[-1]
    results: list[Any] = []
    meta: dict[str, Any] = {}
    cursor: str | None = "*"
    while cursor and len(results) < settings.max_works:
        page = http.json("/works", {"filter": f"author.id:{author_id}", "per-page": 200,
                                    "cursor": cursor, **polite})
        meta = meta or page.get("meta") or {}
        batch = page.get("results") or []
        results.extend(batch)
        progress(f"openalex: {len(results)} of {meta.get('count', '?')} works")
        cursor = (page.get("meta") or {}).get("next_cursor") if batch else None
    results = results[:settings.max_works]
    data = {"meta": meta, "results": results, "author": author}
    return json.dumps(data, ensure_ascii=False, indent=1), len(results), author.get("display_name")


_S2_FIELDS = "title,abstract,year,publicationDate,venue,journal,externalIds,authors"


def _s2(http: Http, ident: str, settings: FetchSettings,
        progress: Progress) -> tuple[str, int, str | None]:
    """The author's name, then their papers, 100 a page, by offset."""
    match = _S2_AUTHOR.match(ident)
    if not match:
        raise UsageError(f"{ident!r} is not a Semantic Scholar author id",
                         "give the number from the author's page URL, e.g. 1741101")
    author_id = match.group(1)
    author = http.json(f"/graph/v1/author/{author_id}", {"fields": "name,paperCount"})
    papers: list[Any] = []
    offset: int | None = 0
    while offset is not None and len(papers) < settings.max_works:
        limit = min(100, settings.max_works - len(papers))
        page = http.json(f"/graph/v1/author/{author_id}/papers",
                         {"fields": _S2_FIELDS, "limit": limit, "offset": offset})
        batch = page.get("data") or []
        papers.extend(batch)
        progress(f"s2: {len(papers)} of {author.get('paperCount', '?')} papers")
        offset = page.get("next") if batch else None
    data = {"authorId": author_id, "name": author.get("name"), "papers": papers}
    return json.dumps(data, ensure_ascii=False, indent=1), len(papers), author.get("name")


def _arxiv(http: Http, ident: str, settings: FetchSettings,
           progress: Progress) -> tuple[str, int, str | None]:
    """An author search (or a raw query with a field prefix), 100 entries a page."""
    if not ident:
        raise UsageError("the arXiv author name is empty", 'give it as "Zewen Chi"')
    query = ident if re.match(r"^\w+:", ident) else f'au:"{ident}"'
    pages: list[ET.Element] = []
    start, total = 0, None
    while start < min(total if total is not None else settings.max_works, settings.max_works):
        text = http.get("/api/query", {"search_query": query, "start": start,
                                       "max_results": min(100, settings.max_works - start),
                                       "sortBy": "submittedDate", "sortOrder": "descending"},
                        accept="application/atom+xml").text
        page = _atom(text)
        entries = page.findall(f"{{{_ATOM}}}entry")
        total = total if total is not None else _total(page)
        pages.append(page)
        start += len(entries)
        progress(f"arxiv: {start} of {total} entries")
        if not entries:
            break
    return _join_feeds(pages), start, None if query is ident else ident


def _atom(text: str) -> ET.Element:
    try:
        return ET.fromstring(text)
    except ET.ParseError as exc:
        raise AgentError(f"the arXiv API sent a feed that is not XML ({exc})",
                         "try again later") from None


def _total(feed: ET.Element) -> int:
    found = feed.find("{http://a9.com/-/spec/opensearch/1.1/}totalResults")
    return int(found.text) if found is not None and (found.text or "").isdigit() else 0


def _join_feeds(pages: list[ET.Element]) -> str:
    """One feed: the first page with every later page's entries appended."""
    for prefix, uri in _NAMESPACES.items():
        ET.register_namespace(prefix, uri)
    first = pages[0]
    for page in pages[1:]:
        first.extend(page.findall(f"{{{_ATOM}}}entry"))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(first, encoding="unicode")


def _orcid(http: Http, ident: str, settings: FetchSettings,
           progress: Progress) -> tuple[str, int, str | None]:
    """The record, then the full works (with contributors), 100 put-codes a request."""
    match = _ORCID.match(ident)
    if not match or not orcid_checksum_ok(match.group(1)):
        raise UsageError(f"{ident!r} is not an ORCID iD", "give it as 0000-0002-1825-0097")
    orcid = match.group(1).upper()
    record = http.json(f"/v3.0/{orcid}/record")
    groups = (((record.get("activities-summary") or {}).get("works") or {}).get("group") or [])
    codes = [str(g["work-summary"][0]["put-code"]) for g in groups
             if g.get("work-summary")][:settings.max_works]
    bulk: list[Any] = []
    for chunk in _chunks(codes, 100):
        bulk.extend(http.json(f"/v3.0/{orcid}/works/{','.join(chunk)}").get("bulk") or [])
        progress(f"orcid: {len(bulk)} of {len(codes)} works")
    name = ((record.get("person") or {}).get("name") or {})
    owner = " ".join(str((name.get(k) or {}).get("value") or "")
                     for k in ("given-names", "family-name")).strip() or None
    data = {**record, "bulk": bulk}
    return json.dumps(data, ensure_ascii=False, indent=1), len(codes), owner


def orcid_checksum_ok(orcid: str) -> bool:
    """ISO 7064 MOD 11-2, the check digit every ORCID iD ends with."""
    digits = orcid.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    return digits[-1].upper() == ("X" if check == 10 else str(check))


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


_FETCHERS: dict[str, Callable[[Http, str, FetchSettings, Progress],
                              tuple[str, int, str | None]]] = {
    "openalex": _openalex, "s2": _s2, "arxiv": _arxiv, "orcid": _orcid,
}

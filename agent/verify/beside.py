"""The rules' verifier in a second process, working beside a report (issue 18).

Why: analysing the papers, indexing them for the verifier and checking a report's
sentences are most of the tool's own CPU time, and Python's threads share one core for
them while the report waits on its endpoint. In a process of its own, on the second core,
the verifier analyses the papers (agent/analyze.py) while the model digests them, indexes
them, and checks each digest and section as it comes back; this process meanwhile does
the calls, the planning and the writing. benchmarks/bench_report.py --own-time measures it.

The child is forked once a process, at its first report, so it starts with every loaded
module and resource and keeps what it loads and learns (the dictionary, the embeddings,
the stems of the words met) from one report to the next, as this process would. Nothing
is pickled but the profile, the facts, the sentences asked and the answers. It runs only
where fork is safe and there is a second core to run on (Linux, two CPUs or more; and not
with RESEARCH_AGENT_VERIFIER_PROCESS=false). Its verdicts are the in-process Verifier's: the
same code on the same inputs. If the child dies, fails a check or stops answering, the
work is done in this process instead (the index built here on first need), with a warning
for the first two; nothing is lost.

The child answers the most urgent question first: an analysis or a check someone waits on,
then a section's sentences (the report checks them next), then the digests' (checked
last), and indexes a profile's papers when nothing is asked. (Building each paper's
windows ahead too, while idle, made no measurable difference, so checks build them.)

Tried and not kept, at a report's end, when this process only waits on the child's queue:
taking the queue's last checks back to make them here (this process then indexes the
papers too) was no faster by turns with the child alone, for 0.07 s more CPU a report;
a fork of the child sharing its index checked at half speed in each process, its pages
copied on write.
"""

from __future__ import annotations

import atexit
import gc
import heapq
import itertools
import logging
import multiprocessing
import os
import sys
import threading
import traceback
from collections import deque
from collections.abc import Iterable, Sequence
from concurrent.futures import Future
from enum import IntEnum
from multiprocessing.connection import Connection
from typing import Any

from agent.models import Check, FactSheet, Profile
from agent.verify import thresholds
from agent.verify.verifier import Verifier

log = logging.getLogger(__name__)

# How long a question may wait on the child before it is answered here instead. A check
# takes a few milliseconds, an analysis a tenth of a second; the child's queue is at most
# a report's sentences (a second or two on the slowest machine seen). Only a child that
# hangs makes anyone wait this long, once.
_PATIENCE_S = 60.0
# How long the child waits, after a new profile, for the analysis that may follow it,
# before it indexes the papers (which can wait for the first check): api.job asks for the
# analysis within a millisecond when it does (memo.facts_for reads its cache first).
_ANALYSIS_FOLLOWS_S = 0.02


# The child's cyclic collector (gc.set_threshold): a young pass every 20,000 allocations.
_COLLECTOR = (20_000, 20, 20)


class Urgency(IntEnum):
    """How soon an answer is needed: the child answers the lowest first."""

    NOW = 0  # someone waits on it
    SOON = 1  # a section's sentences: the report checks them next
    LATER = 2  # a digest's sentences: checked when the report is put together


def can_run_beside() -> bool:
    """Whether a verifier in a forked child can run beside this process: fork is safe
    (Linux; macOS' system libraries are not fork-safe, Windows has no fork), there is a
    second CPU to run it on, and RESEARCH_AGENT_VERIFIER_PROCESS is not false."""
    if os.environ.get("RESEARCH_AGENT_VERIFIER_PROCESS", "").strip().lower() in (
            "0", "false", "no", "off"):
        return False
    if not sys.platform.startswith("linux"):
        return False
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return cpus >= 2


class _Lost(Exception):
    """The child is gone, or never answered."""


class _Failed(Exception):
    """The child's work raised (its traceback is the message)."""


class _Child:
    """The forked child, the pipe to it, and the questions asked of it: a check asked twice
    (started early, then asked by the step that needs it) is made once."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self._conn, theirs = context.Pipe()
        self._process = context.Process(target=_serve, args=(theirs,),
                                        name="research-agent verifier", daemon=True)
        self._process.start()
        theirs.close()
        self.pid = os.getpid()  # the process that forked it: a fork of this one must not use it
        # Two locks, never the second while holding the first: `_lock` for the futures (the
        # reader thread takes it for each answer) and `_sending` for the pipe's sending end.
        # A send waits while the child, busy sending answers, does not read; the reader
        # must not wait on the sender meanwhile, or neither ever moves.
        self._lock = threading.Lock()
        self._sending = threading.RLock()
        self._ids = itertools.count()
        self._futures: dict[int, Future[Any]] = {}
        # Each check asked and not yet collected: its future, its id and how soon it is needed.
        self._asked: dict[tuple[int, str, tuple[str, ...]], tuple[Future[Any], int, Urgency]] = {}
        self._generations = itertools.count()
        self._dropped: set[int] = set()
        self.broken = False
        self._reader = threading.Thread(target=self._read, name="verifier answers",
                                        daemon=True)
        self._reader.start()

    # --- asked by BesideVerifier ---

    def open(self, profile: Profile | None, facts: FactSheet | None,
             base: int | None = None) -> int:
        """A number (generation) for the child's verifier of a profile under these facts:
        indexed anew, or (profile None) sharing the index of generation `base`."""
        with self._sending:
            generation = next(self._generations)
            self._send(("open", generation, profile, facts, base, _thresholds()))
        return generation

    def drop(self, generations: Iterable[int]) -> None:
        """Forget these verifiers, in the child and here."""
        gone = set(generations)
        with self._lock:
            self._dropped |= gone
            self._asked = {k: v for k, v in self._asked.items() if k[0] not in gone}
        self._send(("drop", sorted(gone)))

    def ask(self, generation: int, sentence: str, keys: Sequence[str],
            urgency: Urgency) -> Future[Any]:
        """The check of a sentence, asked of the child once (and hurried when asked again
        more urgently)."""
        entry = (generation, sentence, tuple(keys))
        with self._lock:
            found = self._asked.get(entry)
            if found is None:
                future, ident, message = self._question(
                    ("check", generation, sentence, list(keys)), urgency)
                self._asked[entry] = (future, ident, urgency)
            else:
                future, ident, was = found
                message = None
                if urgency < was and not future.done():
                    self._asked[entry] = (future, ident, urgency)
                    message = ("hurry", ident, int(urgency))
        if message is not None:
            self._send(message)
        return future

    def check(self, generation: int, sentence: str, keys: Sequence[str]) -> Check | None:
        """The child's verdict, or None when it cannot give one (the caller checks here)."""
        if generation in self._dropped:
            return None
        future = self.ask(generation, sentence, keys, Urgency.NOW)
        with self._lock:  # the first to collect a verdict owns it; any later one, a copy
            mine = self._asked.pop((generation, sentence, tuple(keys)), (None,))[0] is future
        found = self._result(future)
        if found is None or mine:
            return found
        return found.model_copy(deep=True)

    def analyse(self, profile: Profile) -> FactSheet | None:
        """The profile's fact sheet, found in the child; None when it cannot give one."""
        with self._lock:
            future, _, message = self._question(("analyse", profile), Urgency.NOW)
        if message is not None:
            self._send(message)
        return self._result(future)

    def close(self) -> None:
        """Stop the child (it has nothing to save)."""
        self._stop()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
        self._conn.close()

    # --- inside ---

    def _question(self, body: tuple[Any, ...], urgency: Urgency
                  ) -> tuple[Future[Any], int, tuple[Any, ...] | None]:
        """Under `_lock`: a question's future and id, and the message that asks it (to be
        sent once the lock is let go; None when the child is gone)."""
        future: Future[Any] = Future()
        ident = next(self._ids)
        if self.broken:
            future.set_exception(_Lost("the verifier process is gone"))
            return future, ident, None
        self._futures[ident] = future
        return future, ident, ("ask", ident, int(urgency), body)

    def _result(self, future: Future[Any]) -> Any:
        try:
            return future.result(timeout=_PATIENCE_S)
        except _Failed:
            return None  # done again here, where an error has its own trace
        except (_Lost, TimeoutError) as exc:
            self._give_up(str(exc) or "the verifier process did not answer in time")
        return None

    def _send(self, message: tuple[Any, ...]) -> None:
        """Send a message, unless the child is gone (never under `_lock`)."""
        with self._sending:
            if self.broken:
                return
            try:
                self._conn.send(message)
                return
            except (OSError, ValueError) as exc:  # a closed or broken pipe
                why = f"the verifier process cannot be reached ({exc})"
        with self._lock:
            self._fail_all(why)

    def _read(self) -> None:
        """The reader thread: resolves each future as its answer comes."""
        while True:
            try:
                ident, ok, payload = self._conn.recv()
            except (EOFError, OSError, ValueError):
                with self._lock:
                    if not self.broken:
                        self._fail_all("the verifier process ended")
                return
            with self._lock:
                future = self._futures.pop(ident, None)
            if future is None:
                continue
            if ok:
                future.set_result(payload)
            else:
                log.warning("the verifier process failed; doing it here instead:\n%s", payload)
                future.set_exception(_Failed(payload))

    def _fail_all(self, why: str) -> None:
        """Under the lock: every question waiting is answered here instead."""
        if not self.broken:
            log.warning("%s; checking in this process instead", why)
        self.broken = True
        for future in self._futures.values():
            if not future.done():
                future.set_exception(_Lost(why))
        self._futures.clear()

    def _give_up(self, why: str) -> None:
        with self._lock:
            self._fail_all(why)
        if self._process.is_alive():
            self._process.kill()

    def _stop(self) -> None:
        """Tell the child to stop; from now on its end is expected, and no loss."""
        with self._lock:
            was, self.broken = self.broken, True
        if not was:
            with self._sending:
                try:
                    self._conn.send(("stop",))
                except (OSError, ValueError):
                    pass

    def quiet_exit(self) -> None:
        """At interpreter exit: stop the child without a warning."""
        self._stop()


class _Served:
    """The child's side: its verifiers, each built when a check first needs it or while
    nothing is asked, whichever comes first."""

    def __init__(self) -> None:
        # Each generation's profile (None: its base's), facts and base generation.
        self.inputs: dict[int, tuple[Profile | None, FactSheet | None, int | None]] = {}
        self.built: dict[int, Verifier] = {}
        self.idle: deque[int] = deque()  # the generations to index while nothing is asked
        # The thresholds as the parent had them when each generation was opened.
        self.thresholds: dict[int, dict[str, Any]] = {}

    def open(self, generation: int, profile: Profile | None, facts: FactSheet | None,
             base: int | None, set_to: dict[str, Any]) -> None:
        self.inputs[generation] = (profile, facts, base)
        self.thresholds[generation] = set_to
        if profile is not None:
            self.idle.append(generation)

    def drop(self, generations: Iterable[int]) -> None:
        for generation in generations:
            self.inputs.pop(generation, None)
            self.built.pop(generation, None)
            self.thresholds.pop(generation, None)

    def verifier(self, generation: int) -> Verifier:
        found = self.built.get(generation)
        if found is None:
            profile, facts, base = self.inputs[generation]
            found = (Verifier(profile, facts) if base is None  # type: ignore[arg-type]
                     else self.verifier(base).with_facts(facts))  # type: ignore[arg-type]
            self.built[generation] = found
        return found

    def step(self) -> bool:
        """One step of idle work (a profile indexed); False when there is none left."""
        while self.idle:
            generation = self.idle.popleft()
            if generation in self.inputs:  # not dropped before it was needed
                self.verifier(generation)
                return True
        return False

    def answer(self, body: tuple[Any, ...]) -> object:
        if body[0] == "analyse":
            from agent.analyze import analyze

            return analyze(body[1])
        _, generation, sentence, keys = body
        for name, value in self.thresholds[generation].items():
            setattr(thresholds, name, value)
        return self.verifier(generation).check(sentence, keys)


def _serve(conn: Connection) -> None:
    """The child: take in every message there is, answer the most urgent question, and
    work on what it will need while nothing is asked, until told to stop or the parent
    goes."""
    # The child is this module's own process, so its collector is set for its work: checks
    # allocate many small containers that die young, and at Python's default (a young pass
    # every 700) the passes took some 11 ms of a report's checks; at these, 2-3 ms.
    gc.set_threshold(*_COLLECTOR)
    served = _Served()
    waiting: list[tuple[int, int, int]] = []  # (urgency, id, id): a heap
    bodies: dict[int, tuple[Any, ...]] = {}
    while True:
        try:
            while not waiting and not conn.poll(0) and served.step():
                pass
            if not waiting or conn.poll(0):
                message = conn.recv()
                if message[0] == "stop":
                    return
                if message[0] == "open":
                    served.open(*message[1:])
                    conn.poll(_ANALYSIS_FOLLOWS_S)
                elif message[0] == "drop":
                    served.drop(message[1])
                elif message[0] == "ask":
                    _, ident, urgency, body = message
                    bodies[ident] = body
                    heapq.heappush(waiting, (urgency, ident, ident))
                elif message[0] == "hurry" and message[1] in bodies:
                    heapq.heappush(waiting, (message[2], message[1], message[1]))
                continue
        except (EOFError, OSError):
            return
        _, _, ident = heapq.heappop(waiting)
        body = bodies.pop(ident, None)
        if body is None:
            continue  # answered already, when it was hurried
        try:
            answer: tuple[int, bool, object] = (ident, True, served.answer(body))
        except Exception:  # noqa: BLE001 - the parent does it again, and raises
            answer = (ident, False, traceback.format_exc())
        try:
            conn.send(answer)
        except (OSError, ValueError):
            return


def _thresholds() -> dict[str, Any]:
    """The verifier's thresholds as they are set now (agent/verify/thresholds.py): a
    calibration or an eval sets them with setattr, and the child checks with them."""
    return {name: value for name, value in vars(thresholds).items() if name.isupper()}


_CHILD: _Child | None = None
_CHILD_LOCK = threading.Lock()
_HERE_LOCK = threading.Lock()


def _child() -> _Child | None:
    """This process's child, started on first need (again if it died); None where it
    cannot run or start."""
    global _CHILD
    if not can_run_beside():
        return None
    with _CHILD_LOCK:
        if _CHILD is not None and (_CHILD.broken or _CHILD.pid != os.getpid()):
            _CHILD = None  # dead, or inherited by a fork of this process
        if _CHILD is None:
            try:
                _CHILD = _Child()
            except OSError as exc:
                log.warning("cannot start the verifier process (%s); checking in this "
                            "process", exc)
            else:
                atexit.register(_CHILD.quiet_exit)
        return _CHILD


class BesideVerifier:
    """A Verifier (check, with_facts) whose work is done in the child; `prefetch` starts
    checks a step will ask for, so that they are made while it waits on its model."""

    def __init__(self, child: _Child, generation: int, profile: Profile,
                 facts: FactSheet | None, family: dict[int, Verifier | None]) -> None:
        self._child = child
        self._generation = generation
        self._profile = profile
        self.facts = facts
        # This profile's generations, with the verifier built here for each when the child
        # could not check (None until then): dropped together, sharing one index.
        self._family = family

    @classmethod
    def start(cls, profile: Profile) -> BesideVerifier | None:
        """The profile given to the child (which starts now if it has not), or None where
        the child cannot run (can_run_beside) or start. It has no facts yet (nothing the
        index holds depends on them) and checks nothing until with_facts gives them."""
        child = _child()
        if child is None:
            return None
        generation = child.open(profile, None)
        return cls(child, generation, profile, None, {generation: None})

    def with_facts(self, facts: FactSheet) -> BesideVerifier:
        """The child's verifier under another fact sheet, its index shared."""
        generation = self._child.open(None, facts, base=self._generation)
        self._family[generation] = None
        return BesideVerifier(self._child, generation, self._profile, facts, self._family)

    def check(self, sentence: str, keys: Sequence[str]) -> Check:
        """Whether the cited papers and the FactSheet support every claim in the sentence."""
        found = self._child.check(self._generation, sentence, keys)
        return found if found is not None else self._here().check(sentence, keys)

    def prefetch(self, items: Iterable[tuple[str, Sequence[str]]],
                 urgency: Urgency = Urgency.SOON) -> None:
        """Start checking these (sentence, keys) in the child; check() collects them."""
        for sentence, keys in items:
            self._child.ask(self._generation, sentence, keys, urgency)

    def analyse(self, profile: Profile) -> FactSheet:
        """The profile's fact sheet (agent/analyze.py), found in the child, which indexes
        the papers after it, or here if it cannot; for memo.facts_for."""
        found = self._child.analyse(profile)
        if found is None:
            from agent.analyze import analyze

            return analyze(profile)
        return found

    def close(self) -> None:
        """Forget this profile's verifiers in the child; a check asked after this is made
        in this process."""
        self._child.drop(self._family)

    def _here(self) -> Verifier:
        """This generation's verifier in this process, built on first need (sharing the
        index of one built here before)."""
        with _HERE_LOCK:
            built = self._family.get(self._generation)
            if built is None:
                shared = next((v for v in self._family.values() if v is not None), None)
                built = (Verifier(self._profile, self.facts)  # type: ignore[arg-type]
                         if shared is None else shared.with_facts(self.facts))  # type: ignore[arg-type]
                self._family[self._generation] = built
            return built

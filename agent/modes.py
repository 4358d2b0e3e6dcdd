"""The modes a setting can take: how the cache is used, how structured answers are asked
for, how the model writes. Plain enums, apart from the Settings model (agent/config.py),
so that the command line declares its options without loading pydantic."""

from __future__ import annotations

from enum import Enum


class CacheMode(str, Enum):
    """How the response cache is used."""

    READ_WRITE = "read-write"
    READ_ONLY = "read-only"  # a miss is an error: for replaying recorded runs offline
    OFF = "off"


class StructuredMode(str, Enum):
    """How a structured (JSON) answer is asked for."""

    # json_schema response format; a server that refuses it gets json_object with the
    # schema, then the schema in the prompt; the first form it takes is kept.
    AUTO = "auto"
    JSON_SCHEMA = "json-schema"  # response_format {"type": "json_schema", ...}
    # response_format {"type": "json_object", "schema": ...}: llama.cpp's servers and
    # several others build a grammar from the schema given there.
    JSON_OBJECT = "json-object"
    TEXT = "text"  # the schema goes into the prompt; the JSON is read from the text


class WritingMode(str, Enum):
    """How the model writes: a section per call, one planned claim at a time, or not at
    all (the planner's claims as they are)."""

    AUTO = "auto"  # sections for an endpoint, claims for the embedded model
    SECTIONS = "sections"
    CLAIMS = "claims"  # for small models: each claim rewritten on its own
    # No model: every sentence is a planned claim, verified; the papers table holds each
    # abstract's own first finding. Nothing is loaded or asked, whatever else is set.
    PLAN = "plan"


class CiteStyle(str, Enum):
    """How a written paragraph cites its papers when rendered for a reader. Sentences carry
    paper keys whatever the style (--json, verification); the style is only how they show."""

    KEY = "key"  # [chi2020infoxlm]: the default, and the grant's
    AUTHOR_YEAR = "author-year"  # (Chi et al., 2020): the intro's default
    NUMBERED = "numbered"  # [1], with the numbered references after the paragraph


# What a report names as its writer when no model wrote it (--writing plan).
NO_MODEL = "no model (written from the plan)"


class JudgeMode(str, Enum):
    """Which model, if any, judges a sentence whose support the verifier's rules leave
    uncertain (agent/judge.py)."""

    AUTO = "auto"  # the endpoint's model when a base URL names one, else off
    OFF = "off"
    ENDPOINT = "endpoint"  # the configured endpoint's model; a usage error without one
    # The embedded model (SmolLM2-135M by default): it answers "supported" to every
    # SciFact pair and quotes no evidence (evals/judge.py), so it is only ever asked for.
    LOCAL = "local"

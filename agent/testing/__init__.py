"""Stand-ins for a model, for the tests and the benchmarks (and for anyone testing code
built on this library): a fake OpenAI-compatible HTTP server (openai_server), scripted
model behaviour read off the pipeline's own prompts (writer), and an in-process
backend that answers the same way without HTTP (backend). Standard library only."""

"""The model layer: every model call of the tool goes through agent.llm.gateway.LLM."""

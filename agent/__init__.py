"""research-agent: faithful, cited prose about a researcher's publication record.

The library API is the module agent.api (`from agent import api`); the command
line (agent.cli) is a layer over it. Nothing heavy is imported here, so the
command line starts fast.
"""

__version__ = "0.1.0"

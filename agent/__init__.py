"""research-agent: faithful, cited prose about a researcher's publication record."""

__version__ = "0.1.0"

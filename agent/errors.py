"""The few error types a user can see; cli.py turns them into one line and an exit code."""


class AgentError(Exception):
    """Base of every error the tool reports to a user as one line (exit code 1)."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class UsageError(AgentError):
    """The command line itself is wrong: a bad flag value or a path that does not exist."""

    exit_code = 2


class InputError(AgentError):
    """An input file cannot be read as a publication record."""

"""The one exception hierarchy of casus. Boundaries (CLI, API) turn these into messages."""


class CasusError(Exception):
    """Base class of every error casus raises on purpose."""


class InputError(CasusError):
    """An input (file, line, document) cannot be read or coded."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class DataError(CasusError):
    """A bundled or user data file (lexicon, actor dictionary) is malformed."""


class StoreError(CasusError):
    """The DuckDB store cannot be opened, migrated or written."""


class ModelError(CasusError):
    """The spaCy pipeline cannot be loaded."""

"""The one error type the engine raises for problems a user can fix."""


class BriefreadError(Exception):
    """A problem with the user's input, with a one-line message fit to show them."""


class SourceError(BriefreadError):
    """One source (a path, URL, ``-`` or a row of an export) could not be read."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

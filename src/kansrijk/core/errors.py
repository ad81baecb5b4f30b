class Refused(Exception):
    """A service refused to do something; the message is translated and meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Overtaken(Refused):
    """Someone else saved the row after the user opened it (see `core.models.lock_at_version`).

    `current` is the row as they saved it: the form runner (`core.forms.submit`) shows it beside
    the user's own input, so saving again is a choice made with both in view.
    """

    def __init__(self, message: str, current: object) -> None:
        super().__init__(message)
        self.current = current

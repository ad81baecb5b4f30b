class Refused(Exception):
    """A service refused to do something; the message is translated and meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

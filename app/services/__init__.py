"""Business rules. Services take the acting user as an argument, never read the
request, and only flush(): the view or CLI command that called them commits."""


class ServiceError(Exception):
    """A rule was broken; the message is safe and useful to show the user.
    `field` names what the message is about, for a form to show it there."""

    def __init__(self, message: str = "", field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class PermissionDenied(ServiceError):
    """The acting user may not do this (shown as a 403)."""


class NotFound(ServiceError):
    """No such object, or not one the acting user may see (shown as a 404)."""

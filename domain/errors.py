"""The project's exception hierarchy: one root, specific subclasses per failure."""


class DiplographError(Exception):
    """Root of every error Diplograph raises on purpose."""


class InvalidArticle(DiplographError):
    """An article cannot be processed as given (empty, too large, not text)."""


class GraphError(DiplographError):
    """The graph could not do what was asked."""


class GraphUnavailable(GraphError):
    """The graph server cannot be reached or is not ready."""


class GraphQueryFailed(GraphError):
    """The graph rejected a statement."""


class GraphWriteFailed(GraphQueryFailed):
    """A write was rejected or kept conflicting after bounded retries."""


class LocalServerError(GraphError):
    """The embedded local graph server could not be started or attached to."""

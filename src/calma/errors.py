"""User-facing errors.

A `CalmaError` is a user's mistake or an environment problem (missing file, no network,
bad config). The CLI prints its message on one line and exits non-zero, without a
traceback; anything else is a bug and keeps its traceback.
"""


class CalmaError(Exception):
    """An error whose message is shown to the user as is, on one line."""

    exit_code = 2

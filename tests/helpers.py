"""Small test helpers shared by several test modules."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event


class QueryCounter:
    """Counts the SQL statements sent to `engine` inside the with-block."""

    def __init__(self, engine: Any) -> None:
        self.engine, self.count = engine, 0

    def __enter__(self) -> QueryCounter:
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._count)

    def _count(self, *args: object) -> None:
        self.count += 1

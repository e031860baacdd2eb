"""Each backend's migrations: storage/migrations/<backend>/NNNN_name.sql, applied in order."""

from __future__ import annotations

from importlib import resources


class StoreVersionError(RuntimeError):
    """The database was written by a newer liftup than this one."""


def migrations(backend: str) -> list[tuple[int, str, str]]:
    """(version, name, sql) for every migration of `backend` ("sqlite" or "postgres"), in order."""
    folder = resources.files("storage") / "migrations" / backend
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            number, _, rest = entry.name.partition("_")
            found.append((int(number), rest.removesuffix(".sql"), entry.read_text("utf-8")))
    found.sort()
    if [n for n, _, _ in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(
            f"storage/migrations/{backend} must be numbered 0001, 0002, … without gaps"
        )
    return found


def newer_schema(where: str, current: int, known: int) -> StoreVersionError:
    return StoreVersionError(
        f"{where} was written by a newer liftup (schema {current}, this one knows {known}); "
        "upgrade liftup before using it"
    )

"""The Store contract runs on every backend listed here; a new backend joins by adding a param."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.ports import Store
from storage import open_store
from tests.postgres_server import fresh_schema


@pytest.fixture(params=["sqlite-file", "sqlite-memory", "postgresql"])
async def any_store(request, tmp_path) -> AsyncIterator[Store]:
    if request.param == "postgresql":
        url = await fresh_schema(request.getfixturevalue("postgres_server"))
    else:
        url = {
            "sqlite-file": f"sqlite:///{tmp_path / 'contract.db'}",
            "sqlite-memory": "sqlite:///:memory:",
        }[request.param]
    store = await open_store(url)
    yield store
    await store.close()

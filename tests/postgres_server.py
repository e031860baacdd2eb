"""A throwaway PostgreSQL server on 127.0.0.1 for the tests, started from the installed binaries.

LIFTUP_TEST_POSTGRES_URL points the tests at a server of your own instead. Each test gets a
schema of its own, named in the URL (asyncpg passes unknown URL parameters on as settings).

    python -m tests.postgres_server    # start one by hand and print its URL (for the benches)
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import asyncpg

ENV_URL = "LIFTUP_TEST_POSTGRES_URL"


class PostgresUnavailable(RuntimeError):
    pass


def _binaries() -> Path:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if versions:
        return Path(versions[-1]).parent
    raise PostgresUnavailable(
        "The tests need PostgreSQL: install the server (Debian/Ubuntu: apt-get install "
        f"postgresql) or set {ENV_URL} to a database they may create schemas in."
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LocalServer:
    """initdb + postgres in a temporary folder; stopped (and the folder removed) by `stop`."""

    def __init__(self, *, durable: bool = False) -> None:
        self.bindir = _binaries()
        self.folder = Path(tempfile.mkdtemp(prefix="liftup-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.durable = durable
        self.process: subprocess.Popen | None = None
        # PostgreSQL refuses to run as root; as root we run it as the `postgres` user.
        self.user = "postgres" if os.geteuid() == 0 else None

    def _run_as(self) -> dict:
        if self.user is None:
            return {}
        entry = pwd.getpwnam(self.user)
        return {"user": entry.pw_uid, "group": entry.pw_gid}

    def start(self) -> str:
        if self.user is not None:
            shutil.chown(self.folder, self.user, self.user)
        subprocess.run(
            [self.bindir / "initdb", "-D", self.data, "-U", "liftup", "--auth=trust", "-E", "UTF8"],
            check=True,
            capture_output=True,
            **self._run_as(),
        )
        settings = ["-c", "listen_addresses=127.0.0.1", "-c", f"port={self.port}"]
        settings += ["-c", f"unix_socket_directories={self.folder}", "-c", "max_connections=200"]
        if not self.durable:  # a throwaway test database needs no crash safety
            settings += ["-c", "fsync=off", "-c", "synchronous_commit=off"]
            settings += ["-c", "full_page_writes=off"]
        with open(self.folder / "server.log", "wb") as log:
            self.process = subprocess.Popen(
                [self.bindir / "postgres", "-D", self.data, *settings],
                stdout=subprocess.DEVNULL,
                stderr=log,
                **self._run_as(),
            )
        url = f"postgresql://liftup@127.0.0.1:{self.port}/postgres"
        deadline = time.monotonic() + 30
        ready = [self.bindir / "pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.port)]
        while subprocess.run(ready).returncode != 0:  # it listens a moment before it's ready
            if self.process.poll() is not None or time.monotonic() > deadline:
                log = (self.folder / "server.log").read_text(errors="replace")
                raise PostgresUnavailable(f"PostgreSQL did not start:\n{log}")
            time.sleep(0.1)
        return url

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


async def fresh_schema(url: str) -> str:
    """A new empty schema on the server; the returned URL uses it."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(f"CREATE SCHEMA {name}")
    finally:
        await conn.close()
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}search_path={name}"


if __name__ == "__main__":
    server = LocalServer(durable=True)
    url = server.start()
    print(url, flush=True)
    try:
        server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()

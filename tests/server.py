"""Veiviser as production runs it, for tests that need real processes: granian
(`python -m veiviser.serve`) over a database of its own (a SQLite file, or a fresh
PostgreSQL database when DATABASE_URL points at PostgreSQL), set up as `make run` does.
"""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
import psycopg

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def uses_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@contextmanager
def database(var: Path) -> Iterator[str]:
    """A DATABASE_URL for an empty database that only this test uses; dropped afterwards."""
    if not uses_postgres():
        yield f"sqlite:///{var / 'db.sqlite3'}"
        return
    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    name = f"veiviser_test_{uuid.uuid4().hex[:12]}"
    admin = {
        "host": config["HOST"] or "127.0.0.1",
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"],
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**admin) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        credentials = config["USER"] + (f":{config['PASSWORD']}" if config["PASSWORD"] else "")
        yield f"postgres://{credentials}@{admin['host']}:{admin['port']}/{name}"
    finally:
        with psycopg.connect(**admin) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(var: Path, database_url: str, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "VAR_DIR": str(var),
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }
    # A developer's own production or debug settings must not leak into the test server.
    for name in ("DJANGO_SETTINGS_MODULE", "PRODUCTION", "DEBUG", "ALLOWED_HOSTS"):
        env.pop(name, None)
    return env


def run_manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`manage.py` in a process of its own, however it ends."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def manage(env: dict[str, str], *args: str) -> str:
    """`manage.py`, which must succeed; its output."""
    result = run_manage(env, *args)
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result.stdout


def set_up(env: dict[str, str]) -> None:
    """What `make setup` does: migrate, collect static files, load and publish the seed."""
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "ensurecontent")


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def get(self, path: str, method: str = "GET", **headers: str) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(method, path, headers=headers)
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def serve(env: dict[str, str], workers: int = 1, prefix: tuple[str, ...] = ()) -> Iterator[Server]:
    """`python -m veiviser.serve` (granian) on a free port, as `make run`; stopped afterwards.

    `prefix` runs it under another command, e.g. ("taskset", "-c", "0") to pin it to a core.
    """
    port = free_port()
    log = Path(env["VAR_DIR"]) / f"server-{port}.log"
    command = [sys.executable, "-m", "veiviser.serve"]
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [*prefix, *command],
            cwd=ROOT,
            env={**env, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(workers)},
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(port, process, log)
    try:
        wait_until_serving(server)
        yield server
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stops a server started in a session of its own, with all its workers."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_until_serving(server: Server, seconds: float = 30, path: str = "/en/privacy/") -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(f"the server exited:\n{server.output()}")
        try:
            server.get(path)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"the server did not answer within {seconds} s:\n{server.output()}")


class TcpProxy:
    """Forwards 127.0.0.1:<port> to a database server until `cut()`, after which every
    connection is refused: a database that has gone away, without stopping the real one."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # cut
            upstream = socket.create_connection(self.target)
            self.open += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with suppress(OSError):
                    end.close()

    def cut(self) -> None:
        """Refuse new connections and drop the open ones."""
        # shutdown() wakes the thread blocked in accept(); close() alone would not.
        with suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for end in self.open:
            with suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
                end.close()


def through_proxy(database_url: str, proxy: TcpProxy) -> str:
    """The same PostgreSQL database, reached through `proxy`."""
    config = dj_database_url.parse(database_url)
    credentials = config["USER"] + (f":{config['PASSWORD']}" if config["PASSWORD"] else "")
    return f"postgres://{credentials}@127.0.0.1:{proxy.port}/{config['NAME']}"

"""The embedded default graph: an ArcadeDB server speaking Bolt, run from the PyPI wheel.

One data directory holds one server. The process that takes the directory's lock
owns the server: it starts the JVM as a child, publishes where it listens in
``server.json`` and stops it on exit. Any other process that finds the lock taken
attaches to the published server instead of starting a second one, so the API and
``diplograph ingest`` in another terminal share one graph.
"""

from __future__ import annotations

import base64
import contextlib
import ctypes
import fcntl
import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from domain.errors import LocalServerError

log = logging.getLogger(__name__)

DATABASE_NAME = "diplograph"
ROOT_USER = "root"
_CREDENTIALS_FILE = "credentials.json"
_RUNTIME_FILE = "server.json"
_LOCK_FILE = "server.lock"
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class LocalServerInfo:
    """How to reach a running local server."""

    bolt_uri: str
    http_port: int
    user: str
    password: str
    database: str
    pid: int
    credentials_file: Path


def _package_dir() -> Path:
    import arcadedb_embedded

    return Path(arcadedb_embedded.__file__).resolve().parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _die_with_parent() -> None:
    # Runs in the child between fork and exec: the kernel sends SIGTERM to the JVM
    # when its parent dies, so even a SIGKILLed service leaves no orphan JVM behind.
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class LocalGraphServer:
    """Owns or attaches to the local ArcadeDB server of one data directory."""

    def __init__(
        self,
        root: Path,
        *,
        heap: str = "2g",
        bolt_port: int = 0,
        start_timeout: float = 90.0,
    ) -> None:
        self.root = root.resolve() if root.exists() else root.absolute()
        self.heap = heap
        self.bolt_port = bolt_port
        self.start_timeout = start_timeout
        self.owner = False
        self._lock: IO[str] | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._info: LocalServerInfo | None = None

    # -- public ---------------------------------------------------------------

    def start(self) -> LocalServerInfo:
        """Start the server, or attach to the one another process runs here.

        Raises:
            LocalServerError: the directory is unusable, the server did not come up
                within the start timeout, or the owner's server cannot be reached.
        """
        self._prepare_directory()
        password = self._password()
        if self._try_lock():
            self.owner = True
            self._info = self._launch(password)
        else:
            self._info = self._attach(password)
        return self._info

    @property
    def info(self) -> LocalServerInfo:
        if self._info is None:
            raise LocalServerError("the local graph server has not been started")
        return self._info

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the JVM if this process owns it (graceful, then forced) and release the lock."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                log.warning("local graph server did not stop in %.0fs; killing it", timeout)
                process.kill()
                process.wait()
        if self.owner:
            with contextlib.suppress(FileNotFoundError):
                (self.root / _RUNTIME_FILE).unlink()
        if self._lock is not None:
            self._lock.close()
            self._lock = None
        self.owner = False

    def kill(self) -> None:
        """Stop the JVM hard (SIGKILL), as a crash would; for durability tests."""
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None

    def __enter__(self) -> LocalServerInfo:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    # -- directory, credentials, lock ----------------------------------------

    def _prepare_directory(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            probe = self.root / ".write-probe"
            probe.write_text("ok")
            probe.unlink()
        except OSError as exc:
            raise LocalServerError(
                f"graph data directory {self.root} is not usable: {exc.strerror or exc}"
            ) from exc

    def _password(self) -> str:
        path = self.root / _CREDENTIALS_FILE
        if path.exists():
            stored = json.loads(path.read_text())
            return str(stored["password"])
        password = secrets.token_urlsafe(24)
        # Created 0600 from the first byte; the password never sits world-readable.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump({"user": ROOT_USER, "password": password}, handle)
        return password

    def _try_lock(self) -> bool:
        handle = (self.root / _LOCK_FILE).open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._lock = handle
        return True

    # -- owning -----------------------------------------------------------------

    def _launch(self, password: str) -> LocalServerInfo:
        with contextlib.suppress(FileNotFoundError):
            (self.root / _RUNTIME_FILE).unlink()
        bolt_port = self.bolt_port or _free_port()
        http_port = _free_port()
        pkg = _package_dir()
        command = [
            str(pkg / "jre" / "bin" / "java"),
            f"-Xmx{self.heap}",
            "-cp",
            str(pkg / "jars" / "*"),
            f"-Darcadedb.server.rootPath={self.root}",
            f"-Darcadedb.server.databaseDirectory={self.root / 'databases'}",
            "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "-Darcadedb.bolt.host=127.0.0.1",
            f"-Darcadedb.bolt.port={bolt_port}",
            "-Darcadedb.server.httpIncomingHost=127.0.0.1",
            f"-Darcadedb.server.httpIncomingPort={http_port}",
            "com.arcadedb.server.ArcadeDBServer",
        ]
        (self.root / "log").mkdir(exist_ok=True)
        out = (self.root / "log" / "server.out").open("ab")
        log.info("starting local graph server in %s (Bolt port %d)", self.root, bolt_port)
        # The password goes through the launcher's environment, not argv, so `ps`
        # does not show it to other users of the machine.
        env = {**os.environ, "JDK_JAVA_OPTIONS": f"-Darcadedb.server.rootPassword={password}"}
        self._process = subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=self.root,
            start_new_session=True,  # Ctrl-C reaches us; we stop the JVM in order.
            preexec_fn=_die_with_parent,
        )
        out.close()
        try:
            self._wait_for_http(http_port, password)
            self._ensure_database(http_port, password)
            self._wait_for_port(bolt_port)
        except LocalServerError:
            self.stop()
            raise
        info = LocalServerInfo(
            bolt_uri=f"bolt://127.0.0.1:{bolt_port}",
            http_port=http_port,
            user=ROOT_USER,
            password=password,
            database=DATABASE_NAME,
            pid=self._process.pid,
            credentials_file=self.root / _CREDENTIALS_FILE,
        )
        runtime = {"pid": info.pid, "bolt_port": bolt_port, "http_port": http_port}
        tmp = self.root / (_RUNTIME_FILE + ".tmp")
        tmp.write_text(json.dumps(runtime))
        tmp.replace(self.root / _RUNTIME_FILE)
        return info

    def _check_alive(self) -> None:
        if self._process is not None and self._process.poll() is not None:
            tail = ""
            with contextlib.suppress(OSError):
                tail = (self.root / "log" / "server.out").read_text(errors="replace")[-2000:]
            raise LocalServerError(
                f"local graph server exited with code {self._process.returncode}:\n{tail}"
            )

    def _wait_for_http(self, http_port: int, password: str) -> None:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            self._check_alive()
            with contextlib.suppress(OSError):
                self._http(http_port, password, "GET", "/api/v1/ready")
                return
            time.sleep(0.2)
        raise LocalServerError(
            f"local graph server did not answer within {self.start_timeout:.0f}s "
            f"(log: {self.root / 'log' / 'server.out'})"
        )

    def _wait_for_port(self, port: int) -> None:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            self._check_alive()
            if _port_open(port):
                return
            time.sleep(0.1)
        raise LocalServerError(f"Bolt port {port} did not open within {self.start_timeout:.0f}s")

    def _ensure_database(self, http_port: int, password: str) -> None:
        if (self.root / "databases" / DATABASE_NAME).is_dir():
            return
        body = json.dumps({"command": f"create database {DATABASE_NAME}"})
        try:
            self._http(http_port, password, "POST", "/api/v1/server", body)
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode(errors="replace")
            if "exist" not in detail.lower():
                raise LocalServerError(f"could not create the graph database: {detail}") from exc

    @staticmethod
    def _http(port: int, password: str, method: str, path: str, body: str | None = None) -> Any:
        token = base64.b64encode(f"{ROOT_USER}:{password}".encode()).decode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}",
            data=body.encode() if body is not None else None,
            method=method,
            headers={"Authorization": f"Basic {token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read()

    # -- attaching --------------------------------------------------------------

    def _attach(self, password: str) -> LocalServerInfo:
        """Wait for the owner of this directory to publish its server, then use it."""
        deadline = time.monotonic() + self.start_timeout
        runtime_path = self.root / _RUNTIME_FILE
        while time.monotonic() < deadline:
            with contextlib.suppress(FileNotFoundError, ValueError, KeyError):
                runtime = json.loads(runtime_path.read_text())
                pid, bolt_port = int(runtime["pid"]), int(runtime["bolt_port"])
                if _pid_alive(pid) and _port_open(bolt_port):
                    log.info("using the local graph server already running (pid %d)", pid)
                    return LocalServerInfo(
                        bolt_uri=f"bolt://127.0.0.1:{bolt_port}",
                        http_port=int(runtime["http_port"]),
                        user=ROOT_USER,
                        password=password,
                        database=DATABASE_NAME,
                        pid=pid,
                        credentials_file=self.root / _CREDENTIALS_FILE,
                    )
            if self._try_lock():
                # The owner went away while we waited: take over.
                self.owner = True
                return self._launch(password)
            time.sleep(0.2)
        raise LocalServerError(
            f"another process holds {self.root / _LOCK_FILE} but its graph server "
            f"did not become reachable within {self.start_timeout:.0f}s"
        )

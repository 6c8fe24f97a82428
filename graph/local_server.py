"""The embedded default graph: an ArcadeDB server speaking Bolt, run from the PyPI wheel.

One data directory holds one server. The process that takes the directory's lock
owns the server: it starts the JVM as a child, publishes where it listens in
``server.json`` and stops it on exit. Any other process that finds the lock taken
attaches to the published server instead of starting a second one, so the API and
``diplograph ingest`` in another terminal share one graph.

The owner also supervises the JVM: when it dies (``kill -9``, the kernel's OOM killer)
it is started again on the same ports, so drivers reconnect by themselves, with a
growing pause between attempts; after too many crashes in a window the owner gives up
and says so. The root password reaches the JVM through an argument file readable only
by the owner and deleted once the server is up: never through argv or the
environment, which the JVM would echo into its log.
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
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, Literal

from domain.errors import LocalServerError

log = logging.getLogger(__name__)

DATABASE_NAME = "diplograph"
ROOT_USER = "root"
_CREDENTIALS_FILE = "credentials.json"
_RUNTIME_FILE = "server.json"
_LOCK_FILE = "server.lock"
_ARGS_FILE = ".launch-args"  # holds the root password between launch and readiness
_PR_SET_PDEATHSIG = 1
_PRIVATE_DIR = 0o700
_PRIVATE_FILE = 0o600
# Pauses before restart attempts after a crash: 1, 2, 4, ... seconds, at most this.
_MAX_RESTART_PAUSE = 30.0
_WATCH_INTERVAL = 0.5

ServerState = Literal["up", "restarting", "down"]


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


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to a file only its owner can read, from the first byte."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, _PRIVATE_FILE)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)


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
        max_restarts: int = 5,
        restart_window: float = 600.0,
        on_give_up: Callable[[], None] | None = None,
    ) -> None:
        """
        Args:
            max_restarts: crashes within ``restart_window`` seconds that are restarted;
                one more and the owner gives up (0: at the first crash).
            on_give_up: called (from the supervising thread) when the owner gives up,
                e.g. to stop a service that cannot work without its graph.
        """
        self.root = root.resolve() if root.exists() else root.absolute()
        self.heap = heap
        self.bolt_port = bolt_port
        self.start_timeout = start_timeout
        self.max_restarts = max_restarts
        self.restart_window = restart_window
        self.on_give_up = on_give_up
        self.owner = False
        self._lock: IO[str] | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._info: LocalServerInfo | None = None
        self._state: ServerState = "down"
        self._stopping = threading.Event()
        self._supervisor: threading.Thread | None = None
        self._secret = ""  # the root password, kept out of every message

    # -- public ---------------------------------------------------------------

    def start(self) -> LocalServerInfo:
        """Start the server, or attach to the one another process runs here.

        Raises:
            LocalServerError: the directory is unusable, the server did not come up
                within the start timeout, or the owner's server cannot be reached.
        """
        self._stopping.clear()
        self._prepare_directory()
        password = self._secret = self._password()
        if self._try_lock():
            self.owner = True
            self._info = self._launch(password)
        else:
            self._info = self._attach(password)
        if self.owner:
            self._supervisor = threading.Thread(
                target=self._supervise, name="graph-server-supervisor", daemon=True
            )
            self._supervisor.start()
        return self._info

    @property
    def state(self) -> ServerState:
        """``up``, ``restarting`` after a crash, or ``down`` (stopped, or given up).

        A process attached to another's server reads the state the owner publishes.
        """
        if self.owner or self._info is None:
            return self._state
        with contextlib.suppress(FileNotFoundError, ValueError, KeyError):
            runtime = json.loads((self.root / _RUNTIME_FILE).read_text())
            if runtime.get("state") == "restarting":
                return "restarting"
            if _pid_alive(int(runtime["pid"])):
                return "up"
        return "down"

    @property
    def info(self) -> LocalServerInfo:
        if self._info is None:
            raise LocalServerError("the local graph server has not been started")
        return self._info

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the JVM if this process owns it (graceful, then forced) and release the lock."""
        self._stopping.set()
        supervisor, self._supervisor = self._supervisor, None
        if supervisor is not None and supervisor is not threading.current_thread():
            supervisor.join(timeout=self.start_timeout + timeout)
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
        self._state = "down"

    def kill(self) -> None:
        """Stop the JVM hard (SIGKILL) and leave it down, supervision off: for tests of
        what survives a crash, and of clients facing a graph that stays away."""
        self._stopping.set()
        if self._supervisor is not None:
            self._supervisor.join(timeout=self.start_timeout)
            self._supervisor = None
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None
        self._state = "down"

    def __enter__(self) -> LocalServerInfo:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    # -- directory, credentials, lock ----------------------------------------

    def _prepare_directory(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            # Only the user who runs the graph reads its data, logs and credentials.
            self.root.chmod(_PRIVATE_DIR)
            # Left by a launch that was killed before the server came up.
            (self.root / _ARGS_FILE).unlink(missing_ok=True)
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
        try:
            return self._spawn(password, bolt_port, http_port)
        except LocalServerError:
            self.stop()
            raise

    def _spawn(self, password: str, bolt_port: int, http_port: int) -> LocalServerInfo:
        """Start the JVM on these ports, wait until it serves, publish where it listens.

        Raises:
            LocalServerError: it did not come up (the JVM is stopped again).
        """
        pkg = _package_dir()
        arguments = self.root / _ARGS_FILE
        command = [
            str(pkg / "jre" / "bin" / "java"),
            f"@{arguments}",
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
        logs = self.root / "log"
        logs.mkdir(mode=_PRIVATE_DIR, exist_ok=True)
        logs.chmod(_PRIVATE_DIR)
        out_fd = os.open(logs / "server.out", os.O_WRONLY | os.O_CREAT | os.O_APPEND, _PRIVATE_FILE)
        os.fchmod(out_fd, _PRIVATE_FILE)
        log.info("starting local graph server in %s (Bolt port %d)", self.root, bolt_port)
        # The launcher reads the password from a 0600 file (java @argfile): argv would
        # show it in `ps`, and JDK_JAVA_OPTIONS would be echoed into the log.
        _write_private(arguments, f"-Darcadedb.server.rootPassword={password}\n")
        try:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=out_fd,
                stderr=subprocess.STDOUT,
                cwd=self.root,
                start_new_session=True,  # Ctrl-C reaches us; we stop the JVM in order.
                preexec_fn=_die_with_parent,
            )
            self._wait_for_http(http_port, password)
            self._ensure_database(http_port, password)
            self._wait_for_port(bolt_port)
        except LocalServerError:
            self._end_process()
            raise
        finally:
            os.close(out_fd)
            arguments.unlink(missing_ok=True)
        log.info(
            "local graph server listening on 127.0.0.1: Bolt port %d, HTTP port %d (pid %d)",
            bolt_port, http_port, self._process.pid,
        )  # fmt: skip
        info = LocalServerInfo(
            bolt_uri=f"bolt://127.0.0.1:{bolt_port}",
            http_port=http_port,
            user=ROOT_USER,
            password=password,
            database=DATABASE_NAME,
            pid=self._process.pid,
            credentials_file=self.root / _CREDENTIALS_FILE,
        )
        self._state = "up"
        self._publish(info.pid, bolt_port, http_port)
        return info

    def _publish(self, pid: int, bolt_port: int, http_port: int) -> None:
        """Where the server listens and how it is, for processes that attach to it."""
        runtime = {"pid": pid, "bolt_port": bolt_port, "http_port": http_port}
        tmp = self.root / (_RUNTIME_FILE + ".tmp")
        tmp.write_text(json.dumps(runtime | {"state": self._state}))
        tmp.replace(self.root / _RUNTIME_FILE)

    def _end_process(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()

    # -- supervising ------------------------------------------------------------

    def _supervise(self) -> None:
        """Restart the JVM when it dies, until stopped or until it keeps dying."""
        crashes: list[float] = []
        while not self._stopping.wait(_WATCH_INTERVAL):
            process = self._process
            if process is not None and process.poll() is None:
                continue
            now = time.monotonic()
            crashes = [t for t in crashes if now - t < self.restart_window] + [now]
            code = process.returncode if process is not None else None
            if len(crashes) > self.max_restarts:
                self._give_up(len(crashes), code)
                return
            pause = min(2.0 ** (len(crashes) - 1), _MAX_RESTART_PAUSE)
            log.error(
                "local graph server exited unexpectedly (code %s); restarting in %.0fs "
                "(crash %d of at most %d in %.0f minutes)",
                code, pause, len(crashes), self.max_restarts, self.restart_window / 60,
            )  # fmt: skip
            self._restart(pause)

    def _restart(self, pause: float) -> None:
        self._state = "restarting"
        info = self._info
        assert info is not None
        http_port = info.http_port
        bolt_port = int(info.bolt_uri.rsplit(":", 1)[1])
        self._publish(info.pid, bolt_port, http_port)
        if self._stopping.wait(pause):
            return
        try:
            restarted = self._spawn(info.password, bolt_port, http_port)
        except LocalServerError as exc:
            log.error("local graph server did not restart: %s", exc)
            return  # the dead process counts as the next crash
        self._info = replace(info, pid=restarted.pid)
        log.info("local graph server is back (pid %d)", restarted.pid)

    def _give_up(self, crashes: int, code: int | None) -> None:
        self._state = "down"
        log.critical(
            "local graph server: %d crashes within %.0f minutes (last exit code %s), "
            "more than the %d restarts allowed; not restarting it again. See %s",
            crashes, self.restart_window / 60, code, self.max_restarts,
            self.root / "log" / "server.out",
        )  # fmt: skip
        with contextlib.suppress(FileNotFoundError):
            (self.root / _RUNTIME_FILE).unlink()
        if self.on_give_up is not None:
            self.on_give_up()

    def _check_alive(self) -> None:
        if self._process is not None and self._process.poll() is not None:
            tail = ""
            with contextlib.suppress(OSError):
                tail = (self.root / "log" / "server.out").read_text(errors="replace")[-2000:]
            if self._secret:  # never quote a secret, whatever the log holds
                tail = tail.replace(self._secret, "[password]")
            raise LocalServerError(
                f"local graph server exited with code {self._process.returncode}:\n{tail}"
            )

    def _wait_for_http(self, http_port: int, password: str) -> None:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            self._check_alive()
            if self._stopping.is_set() and self.owner and self._info is not None:
                raise LocalServerError("stopped while the graph server was restarting")
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

"""Serving the portal on loopback and measuring it with wrk, for bench/pages.py.

Servers run in process groups of their own and are stopped with them. wrk reports
through bench/wrk_report.lua, which prints one JSON line with the latency percentiles.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRK = os.environ.get("WRK", "/usr/bin/wrk")
REPORT = Path(__file__).resolve().parent / "wrk_report.lua"
# Browsers ask for compressed pages, and the portal compresses those it may.
HEADERS = {"Accept-Encoding": "gzip", "Accept-Language": "en"}


def free_port(count: int = 1) -> int:
    """A free port on loopback, and the ``count - 1`` after it free as well (the deployed
    stack takes four in a row); a port found free may still be taken before it is used."""
    for _attempt in range(50):
        with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if all(_is_free(port + offset) for offset in range(1, count)):
            return port
    raise RuntimeError(f"no {count} free ports in a row on 127.0.0.1")


def _is_free(port: int) -> bool:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@dataclass
class Server:
    name: str
    base_url: str
    process: subprocess.Popen | None = None
    # For servers that stop by a command of their own (the deployed stack).
    stop_command: list[str] | None = None

    def stop(self) -> None:
        if self.stop_command:
            command, self.stop_command = self.stop_command, None
            subprocess.run(command, cwd=ROOT, check=False, timeout=60)  # noqa: S603
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)


def start(name: str, command: list[str], env: dict[str, str], port: int) -> Server:
    """Starts a server command in its own process group and waits until it answers."""
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
        command, env=env, cwd=ROOT, start_new_session=True
    )
    server = Server(name, f"http://127.0.0.1:{port}", process)
    try:
        wait_until_up(server.base_url + "/bench/trivial/", timeout=90, process=process)
    except BaseException:
        server.stop()
        raise
    return server


def gunicorn(env: dict[str, str], workers: int) -> Server:
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "portal.wsgi:application"]
    command += ["--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
    command += ["--log-level", "warning"]
    return start("gunicorn", command, env, port)


def uvicorn(env: dict[str, str], workers: int) -> Server:
    """As docs/deployment.md has deployed it so far: uvicorn alone, HTTP and websockets."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "portal.asgi:application"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    command += ["--no-proxy-headers", "--ws-max-size", "524288", "--log-level", "warning"]
    command += ["--no-access-log"]
    return start("uvicorn", command, env, port)


def wait_until_up(url: str, *, timeout: float, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"The server for {url} stopped (exit {process.returncode}).")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"{url} did not answer within {timeout:.0f} s.")
        time.sleep(0.3)


def fetch(url: str, cookie: str = "") -> tuple[int, dict[str, str]]:
    """One GET as a browser asks; the status and headers (errors are answers too)."""
    headers = {**HEADERS, **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            response.read()
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def wrk(
    url: str, *, seconds: float, connections: int, cookie: str = "", bust: bool = False
) -> dict:
    """Requests per second, p50/p95/p99 in ms, and the count of errors and answers >= 400.
    With bust, every request's address differs (a query parameter), past a page cache."""
    threads = min(2, connections)
    command = [WRK, f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s"]
    command += ["--timeout", "10s", "-s", str(REPORT)]
    for name, value in {**HEADERS, **({"Cookie": cookie} if cookie else {})}.items():
        command += ["-H", f"{name}: {value}"]
    result = subprocess.run(  # noqa: S603 - wrk with fixed arguments
        [*command, url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=False,
        env={**os.environ, "BENCH_BUST": "1" if bust else "0"},
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise SystemExit(f"wrk failed on {url}: {result.stderr or result.stdout}")
    report = json.loads(lines[-1])
    seconds_run = report["duration_us"] / 1e6
    return {
        "rps": report["requests"] / seconds_run if seconds_run else 0.0,
        "requests": report["requests"],
        "p50_ms": report["p50_us"] / 1000,
        "p95_ms": report["p95_us"] / 1000,
        "p99_ms": report["p99_us"] / 1000,
        "errors": report["errors"],
    }

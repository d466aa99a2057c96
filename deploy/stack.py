"""The portal as deployed, on one machine: nginx in front, gunicorn for HTTP, uvicorn
processes for websockets, the task worker and the scheduler.

    python deploy/stack.py start [--port 8080]   # what `make prod-local` runs
    python deploy/stack.py stop                  # `make prod-local-stop`
    python deploy/stack.py render-nginx OUT      # deploy/nginx.conf with its values filled in

Every process writes its pid and its log into the run folder (.prod-local/ by default);
stop ends each by its pid. The integration test (tests/integration/test_production_stack.py)
starts the same stack on free ports.
"""

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parent.parent
NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf"
# Started in this order, stopped in the reverse one.
ORDER = ["web", "websocket-1", "websocket-2", "worker", "scheduler", "proxy"]


@dataclass
class Stack:
    run_dir: Path
    port: int = 8080
    web_port: int = 8001
    websocket_ports: list[int] = field(default_factory=lambda: [8002, 8003])
    web_workers: int = 2
    # The portal's settings (DATABASE_URL, REDIS_URL, SECRET_KEY...), on top of os.environ.
    env: dict[str, str] = field(default_factory=dict)
    python: str = sys.executable
    nginx: str = "/usr/sbin/nginx"

    def environment(self) -> dict[str, str]:
        return {**os.environ, **self.env}

    def commands(self) -> dict[str, list[str]]:
        py = [self.python]
        commands = {
            # Sync workers, as gunicorn recommends behind a buffering proxy: nginx reads
            # the whole request and takes the whole answer at once, so a slow client
            # never holds a worker (docs/deployment.md has the measurements).
            "web": [
                *py, "-m", "gunicorn", "portal.wsgi:application",
                "--bind", f"127.0.0.1:{self.web_port}",
                "--workers", str(self.web_workers),
                # Its default control socket is one path for every gunicorn of the machine.
                "--no-control-socket",
                "--forwarded-allow-ips", "",
            ],
            "worker": [*py, "manage.py", "db_worker"],
            "scheduler": [*py, "manage.py", "run_scheduler"],
            "proxy": [
                self.nginx, "-p", str(self.run_dir), "-e", "stderr",
                "-c", str(self.run_dir / "nginx.conf"),
            ],
        }  # fmt: skip
        for number, port in enumerate(self.websocket_ports, start=1):
            commands[f"websocket-{number}"] = [
                *py, "-m", "uvicorn", "portal.asgi:application",
                "--host", "127.0.0.1", "--port", str(port),
                "--no-proxy-headers", "--ws-max-size", "524288", "--lifespan", "off",
            ]  # fmt: skip
        return commands

    def nginx_values(self) -> dict[str, str]:
        return {
            "PORTAL_LISTEN": f"127.0.0.1:{self.port}",
            "PORTAL_RUN_DIR": str(self.run_dir),
            "PORTAL_NGINX_WORKERS": "1",
            # One access log, the proxy's, written in blocks (gunicorn keeps none).
            "PORTAL_NGINX_ACCESS_LOG": (
                f"{self.run_dir / 'access.log'} combined buffer=64k flush=2s"
            ),
            "PORTAL_WEB_SERVERS": servers([f"127.0.0.1:{self.web_port}"]),
            "PORTAL_WEBSOCKET_SERVERS": servers(
                [f"127.0.0.1:{port}" for port in self.websocket_ports]
            ),
            "PORTAL_MEDIA_ROOT": self.environment().get("MEDIA_ROOT", str(ROOT / "media")),
            "PORTAL_FORWARDED_PROTO": "$scheme",
        }


def servers(addresses: list[str]) -> str:
    return "\n".join(f"        server {address};" for address in addresses)


def render_nginx(values: dict[str, str]) -> str:
    """deploy/nginx.conf with every ${PORTAL_...} filled in; nginx's own $names stay."""
    text = Template(NGINX_TEMPLATE.read_text()).safe_substitute(values)
    missing = sorted(
        {name for name in Template(text).get_identifiers() if name.startswith("PORTAL_")}
    )
    if missing:
        raise SystemExit(f"deploy/nginx.conf needs a value for {', '.join(missing)}")
    return text


def manage(stack: Stack, *args: str) -> None:
    """Run a manage.py command to completion, its output into the run folder's setup.log."""
    with open(stack.run_dir / "setup.log", "a") as log:
        subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [stack.python, "manage.py", *args],
            cwd=ROOT, env=stack.environment(), stdout=log, stderr=subprocess.STDOUT, check=True,
        )  # fmt: skip


def start(stack: Stack, *, prepare: bool = True, timeout: float = 60) -> None:
    """Start every process (after collectstatic and migrate when ``prepare``); wait until
    the proxy, the web and websocket processes listen. On failure, stop what started."""
    stack.run_dir.mkdir(parents=True, exist_ok=True)
    if running(stack.run_dir):
        raise SystemExit(f"Already running (pids in {stack.run_dir}); stop it first.")
    if prepare:
        manage(stack, "collectstatic", "--noinput")
        manage(stack, "migrate", "--noinput")
    (stack.run_dir / "nginx.conf").write_text(render_nginx(stack.nginx_values()))
    processes = {}
    try:
        for name in ORDER:
            processes[name] = spawn(stack, name, stack.commands()[name])
        ports = [stack.web_port, *stack.websocket_ports, stack.port]
        names = ["web", *(f"websocket-{n}" for n in range(1, len(ports) - 1)), "proxy"]
        deadline = time.monotonic() + timeout
        for name, port in zip(names, ports, strict=True):
            wait_listening(port, processes[name], stack.run_dir / f"{name}.log", deadline)
        for name in ("worker", "scheduler"):
            if processes[name].poll() is not None:
                raise RuntimeError(f"{name} stopped; see {stack.run_dir / (name + '.log')}")
    except BaseException:
        stop(stack.run_dir)
        raise


def spawn(stack: Stack, name: str, command: list[str]) -> subprocess.Popen:
    log = open(stack.run_dir / f"{name}.log", "ab")  # noqa: SIM115 - the child keeps it
    # pg_stat_activity names the process each connection belongs to (libpq's PGAPPNAME).
    env = {"PGAPPNAME": f"portal-{name}", **stack.environment()}
    process = subprocess.Popen(  # noqa: S603 - fixed commands
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    log.close()
    (stack.run_dir / f"{name}.pid").write_text(f"{process.pid}\n")
    return process


def wait_listening(port: int, process: subprocess.Popen, log: Path, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"It stopped before listening on {port}; see {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"Nothing listens on {port} yet; see {log}")


def pids(run_dir: Path) -> dict[str, int]:
    found = {}
    for name in reversed(ORDER):
        path = run_dir / f"{name}.pid"
        if path.exists():
            found[name] = int(path.read_text())
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A child of ours that ended but was not reaped yet is no longer running.
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return waited == 0


def running(run_dir: Path) -> bool:
    return any(alive(pid) for pid in pids(run_dir).values())


def stop(run_dir: Path, *, grace: float = 10) -> list[str]:
    """End each process by the pid in its file (TERM, then KILL after ``grace`` seconds)."""
    stopped = []
    found = pids(run_dir)
    for name, pid in found.items():
        if alive(pid):
            os.kill(pid, signal.SIGTERM)
            stopped.append(name)
    deadline = time.monotonic() + grace
    for pid in found.values():
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    for name in found:
        (run_dir / f"{name}.pid").unlink(missing_ok=True)
    return stopped


def local_environment(run_dir: Path, port: int) -> dict[str, str]:
    """Production settings on this machine, without TLS (docs/deployment.md, "prod-local")."""
    key_file = run_dir / "secret-key"
    if not key_file.exists():
        run_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    defaults = {
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/portal_local",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MEDIA_ROOT": str(ROOT / "media"),
        # Connections per process, at most (docs/deployment.md, "Database connections").
        "DATABASE_POOL_MAX": "4",
    }
    forced = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or key_file.read_text().strip(),
        # No TLS here: plain HTTP is not redirected. Cookies stay Secure and HSTS stays
        # on (sent only over HTTPS); browsers keep Secure cookies for http://127.0.0.1.
        "SECURE_SSL_REDIRECT": "0",
        "PORTAL_TRUSTED_PROXIES": "127.0.0.1",
        "PORTAL_BASE_URL": f"http://127.0.0.1:{port}",
        "TASKS_WORKER": "1",
    }
    return {**defaults, **{k: v for k, v in os.environ.items() if k in defaults}, **forced}


def create_database(url: str) -> None:
    """Create the PostgreSQL database ``url`` names, if it does not exist yet."""
    import psycopg  # noqa: PLC0415 - only the local run needs it

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop", "render-nginx"])
    parser.add_argument("output", nargs="?", help="render-nginx: the file to write")
    parser.add_argument("--run-dir", type=Path, default=ROOT / ".prod-local")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    parser.add_argument(
        "--skip-setup", action="store_true", help="start: no collectstatic and migrate first"
    )
    parser.add_argument(
        "--web-workers",
        type=int,
        default=int(os.environ.get("WEB_WORKERS", "2")),
        help="start: gunicorn's sync workers (2, as bench/pages.py's bare gunicorn; the "
        "container runs 4)",
    )
    args = parser.parse_args(argv)
    if args.action == "stop":
        stopped = stop(args.run_dir)
        print(f"Stopped: {', '.join(stopped) or 'nothing was running'}.")  # noqa: T201
        return
    if args.action == "render-nginx":
        # In a container: the values from the environment, the upstreams as
        # comma-separated host:port lists.
        values = {k: v for k, v in os.environ.items() if k.startswith("PORTAL_")}
        for name in ("PORTAL_WEB_SERVERS", "PORTAL_WEBSOCKET_SERVERS"):
            if values.get(name, "").strip():
                values[name] = servers(values[name].replace(",", " ").split())
        Path(args.output).write_text(render_nginx(values))
        return
    env = local_environment(args.run_dir, args.port)
    if env["DATABASE_URL"].startswith("postgres"):
        create_database(env["DATABASE_URL"])
    stack = Stack(
        run_dir=args.run_dir.resolve(),
        port=args.port,
        web_port=args.port + 1,
        websocket_ports=[args.port + 2, args.port + 3],
        web_workers=args.web_workers,
        env=env,
    )
    start(stack, prepare=not args.skip_setup)
    print(  # noqa: T201
        f"The portal runs as deployed on http://127.0.0.1:{args.port}/ "
        f"(logs and pids in {stack.run_dir}; `make prod-local-stop` ends it)."
    )


if __name__ == "__main__":
    main()

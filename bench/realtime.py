"""Delivery latency of thread posts to many connected members, across two processes.

Starts two uvicorn processes of the portal on loopback, sharing Redis (REDIS_URL) and a
database, connects --clients members' websockets to one thread (half on each process),
has one more member post --posts times through a websocket on the first process, and
measures, for every post and every client, the time from sending the post to receiving
its event. Prints the p50, p99 and worst latency, and how many deliveries were lost,
duplicated or out of order (each must be 0). With --notifications each reader also holds
the notification socket every signed-in page opens.

    REDIS_URL=redis://127.0.0.1:6379/2 .venv/bin/python bench/realtime.py

The database is a fresh SQLite file unless DATABASE_URL names one the bench may fill.
Everything is bounded: at most --clients sockets, --posts posts, --timeout seconds of
waiting for deliveries, and the servers stop at the end.
"""

import argparse
import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200, help="connected members (200)")
    parser.add_argument("--posts", type=int, default=30, help="posts to send (30)")
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between posts (0.5)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds to wait for the last")
    parser.add_argument("--json", action="store_true", help="print a BENCH_JSON line too")
    parser.add_argument(
        "--writers", type=int, default=5, help="members posting in turn, under the post rate (5)"
    )
    parser.add_argument(
        "--notifications",
        action="store_true",
        help="each reader also holds the notification socket every signed-in page opens",
    )
    parser.add_argument(
        "--ws",
        default="auto",
        choices=["auto", "websockets", "websockets-sansio", "wsproto"],
        help="uvicorn's websocket implementation (auto)",
    )
    arguments = parser.parse_args()
    if not 1 <= arguments.clients <= 1000 or not 1 <= arguments.posts <= 500:
        parser.error("--clients must be 1-1000 and --posts 1-500")
    if not 1 <= arguments.writers <= 20:
        parser.error("--writers must be 1-20")
    return arguments


def loop_factory():
    """uvloop when it is installed (uvicorn[standard] brings it): the client's side stays cheap."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare_database(people: int) -> tuple[int, dict[str, str]]:
    """Migrate, create a task force, a thread and its members; the thread id and sessions."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from network.models import Member, User
    from portal.models import HomePage
    from taskforces.models import (
        Membership,
        MembershipRole,
        TaskForceIndexPage,
        TaskForcePage,
        Thread,
    )

    call_command("migrate", verbosity=0)
    home = HomePage.objects.get()
    index = TaskForceIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=TaskForceIndexPage(title="Task forces", slug="task-forces"))
    taskforce = TaskForcePage.objects.filter(slug="bench").first()
    if taskforce is None:
        taskforce = index.add_child(
            instance=TaskForcePage(title="Bench", slug="bench", summary="Bench", mandate="<p/>")
        )
    sessions, users = {}, []
    for number in range(people):
        email = f"bench-{number}@example.org"
        user = User.objects.filter(email=email).first()
        if user is None:
            # Sessions are made directly; nobody signs in with a password here.
            user = User.objects.create_user(email=email, first_name=f"Bench{number}")
            Member.objects.create(user=user)
        users.append(user)
        Membership.objects.get_or_create(
            taskforce=taskforce, user=user, defaults={"role": MembershipRole.MEMBER}
        )
        client = Client()
        client.force_login(user)
        sessions[email] = client.cookies["sessionid"].value
    thread = Thread.objects.create(
        taskforce=taskforce, title=f"Bench {time.time():.0f}", author=users[0]
    )
    return thread.pk, sessions


def start_servers(env: dict[str, str], ws: str) -> tuple[list[int], list[subprocess.Popen]]:
    # The servers run the test settings, which drop the connection pool a deployment has
    # (docs/deployment.md): keep each connection instead, or every database call of a
    # socket would open a new one and the bench would measure PostgreSQL's handshakes.
    env = {"DATABASE_CONN_MAX_AGE": "60", **env}
    ports = [free_port(), free_port()]
    command = [sys.executable, "-m", "uvicorn", "portal.asgi:application", "--host", "127.0.0.1"]
    processes = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            [
                *command,
                "--port",
                str(port),
                "--lifespan",
                "off",
                "--log-level",
                "warning",
                "--ws",
                ws,
            ],
            env=env,
            cwd=ROOT,
        )
        for port in ports
    ]
    deadline = time.monotonic() + 60
    for port in ports:
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("The servers did not start within 60 s.") from None
                time.sleep(0.1)
    return ports, processes


def cpu_seconds(pids: list[int]) -> float | None:
    """CPU time the server processes have used so far (Linux), user and system."""
    total = 0.0
    try:
        for pid in pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
    return total


class LoopLag:
    """How late this client's event loop wakes up: if it is late, latencies measure the client.

    A timer is asked for every 10 ms; the worst and the 99th percentile delay past that are
    printed with the results, so a slow client shows instead of passing for a slow server.
    """

    def __init__(self):
        self.delays: list[float] = []
        self.task = None

    async def _tick(self) -> None:
        while True:
            asked = time.perf_counter()
            await asyncio.sleep(0.01)
            self.delays.append(time.perf_counter() - asked - 0.01)

    def start(self) -> None:
        self.task = asyncio.create_task(self._tick())

    def stop(self) -> dict:
        self.task.cancel()
        delays = sorted(self.delays) or [0.0]
        return {
            "lag_p99_ms": delays[int(len(delays) * 0.99)] * 1000,
            "lag_max_ms": delays[-1] * 1000,
        }


async def open_socket(url: str, origin: str, session: str):
    from websockets.asyncio.client import connect

    return await connect(
        url,
        origin=origin,
        additional_headers={"Cookie": f"sessionid={session}"},
        open_timeout=120,
        max_queue=None,
        compression=None,
    )


def summarise(received: list[list[tuple[int, int, float]]], sent_at: dict, posts: int) -> dict:
    latencies, lost, duplicates, out_of_order = [], 0, 0, 0
    for deliveries in received:
        numbers = [number for _event_id, number, _arrived in deliveries]
        ids = [event_id for event_id, _number, _arrived in deliveries]
        duplicates += len(numbers) - len(set(numbers))
        out_of_order += sum(1 for a, b in zip(ids, ids[1:], strict=False) if b <= a)
        lost += posts - len(set(numbers))
        latencies += [arrived - sent_at[number] for _id, number, arrived in deliveries]
    latencies.sort()

    def percentile(share: float) -> float | None:
        if not latencies:
            return None
        return latencies[min(len(latencies) - 1, int(len(latencies) * share))] * 1000

    return {
        "clients": len(received),
        "posts": posts,
        "deliveries": len(latencies),
        "lost": lost,
        "duplicates": duplicates,
        "out_of_order": out_of_order,
        "p50_ms": percentile(0.5),
        "p99_ms": percentile(0.99),
        "max_ms": latencies[-1] * 1000 if latencies else None,
    }


async def run(
    arguments, thread_id: int, sessions: dict[str, str], ports: list[int], pids: list[int]
) -> dict:
    path = f"/ws/task-forces/threads/{thread_id}/?after=0"
    emails = sorted(sessions)
    writer_emails, reader_emails = emails[: arguments.writers], emails[arguments.writers :]
    sent_at: dict[int, float] = {}
    acknowledged: dict[int, str] = {}
    received: list[list[tuple[int, int, float]]] = [[] for _ in reader_emails]
    marker = re.compile(r"bench-post-(\d+)")

    def socket_for(email: str, port: int, where: str = path):
        return open_socket(
            f"ws://127.0.0.1:{port}{where}", f"http://127.0.0.1:{port}", sessions[email]
        )

    async def listen(number: int, websocket) -> None:
        async for message in websocket:
            # Timestamped before any parsing: the frame has arrived.
            arrived = time.perf_counter()
            if '"post.created"' not in message:
                continue
            event = json.loads(message)
            found = marker.search(event.get("html", ""))
            if found:
                received[number].append((event["id"], int(found.group(1)), arrived))

    async def acknowledge(websocket) -> None:
        # Each writer's answers: "posted" or an error (a refused post is reported as lost).
        async for message in websocket:
            answer = json.loads(message)
            if answer.get("type") in ("posted", "error") and answer.get("ref") is not None:
                acknowledged[answer["ref"]] = answer["type"]

    counts_frames = 0

    async def count(websocket) -> None:
        # A notification socket's frames: the header's counts after each post.
        nonlocal counts_frames
        async for message in websocket:
            if '"counts"' in message:
                counts_frames += 1

    readers, notifications = [], []
    for batch_start in range(0, len(reader_emails), 50):
        batch = reader_emails[batch_start : batch_start + 50]
        readers += await asyncio.gather(
            *(socket_for(email, ports[(batch_start + i) % 2]) for i, email in enumerate(batch))
        )
        if arguments.notifications:
            notifications += await asyncio.gather(
                *(
                    socket_for(email, ports[(batch_start + i) % 2], "/ws/notifications/")
                    for i, email in enumerate(batch)
                )
            )
    listeners = [asyncio.create_task(listen(n, ws)) for n, ws in enumerate(readers)]
    listeners += [asyncio.create_task(count(ws)) for ws in notifications]
    # Writers all post through the first process, in turn, so none exceeds the post rate.
    writers = [await socket_for(email, ports[0]) for email in writer_emails]
    listeners += [asyncio.create_task(acknowledge(ws)) for ws in writers]
    await asyncio.sleep(1)  # every socket has joined its group
    # One post per writer first, not measured: the first request of a process imports and
    # fills caches (URL resolvers, templates) once, which says nothing about delivery.
    for number, writer in enumerate(writers):
        await writer.send(json.dumps({"type": "post", "body": "warm-up", "ref": -1 - number}))
    deadline = time.perf_counter() + arguments.timeout
    while len(acknowledged) < len(writers) and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
    acknowledged.clear()
    print(f"{len(readers)} readers connected; posting …", flush=True)

    lag = LoopLag()
    lag.start()
    cpu_before = cpu_seconds(pids)
    for number in range(arguments.posts):
        message = json.dumps({"type": "post", "body": f"bench-post-{number}", "ref": number})
        sent_at[number] = time.perf_counter()
        await writers[number % len(writers)].send(message)
        await asyncio.sleep(arguments.interval)

    expected = arguments.posts * len(readers)
    deadline = time.perf_counter() + arguments.timeout
    while time.perf_counter() < deadline and (
        sum(len(r) for r in received) < expected or len(acknowledged) < arguments.posts
    ):
        await asyncio.sleep(0.1)
    cpu_after = cpu_seconds(pids)
    result = summarise(received, sent_at, arguments.posts)
    # The servers' own work per post, whatever else shares the machine.
    result["server_cpu_ms_per_post"] = (
        (cpu_after - cpu_before) * 1000 / arguments.posts
        if cpu_before is not None and cpu_after is not None
        else None
    )
    result.update(lag.stop())
    result["refused"] = sum(1 for answer in acknowledged.values() if answer != "posted")
    result["unanswered"] = arguments.posts - len(acknowledged)
    result["counts_frames"] = counts_frames
    for websocket in [*readers, *writers, *notifications]:
        await websocket.close()
    for task in listeners:
        task.cancel()
    return result


def main() -> int:
    arguments = parse_args()
    if not os.environ.get("REDIS_URL"):
        print("Set REDIS_URL (e.g. redis://127.0.0.1:6379/2): the bench measures the Redis layer.")
        return 2
    scratch = None
    if not os.environ.get("DATABASE_URL"):
        handle, name = tempfile.mkstemp(prefix="portal-bench-", suffix=".sqlite3")
        os.close(handle)
        scratch = Path(name)
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    people = arguments.clients + arguments.writers
    print(f"Preparing {people} members in {os.environ['DATABASE_URL']} …")
    thread_id, sessions = prepare_database(people)
    ports, processes = start_servers(dict(os.environ), arguments.ws)
    try:
        print(f"Servers on ports {ports[0]} and {ports[1]}; {arguments.posts} posts …")
        with asyncio.Runner(loop_factory=loop_factory()) as runner:
            pids = [process.pid for process in processes]
            result = runner.run(run(arguments, thread_id, sessions, ports, pids))
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)
        if scratch is not None:
            scratch.unlink(missing_ok=True)
    print(
        f"{result['clients']} clients, {result['posts']} posts, "
        f"{result['deliveries']} deliveries over two processes and Redis\n"
        f"latency p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms, "
        f"max {result['max_ms']:.1f} ms\n"
        f"lost {result['lost']}, duplicated {result['duplicates']}, "
        f"out of order {result['out_of_order']}; posts refused {result['refused']}, "
        f"unanswered {result['unanswered']}\n"
        f"client loop lag p99 {result['lag_p99_ms']:.1f} ms, max {result['lag_max_ms']:.1f} ms"
    )
    if result["server_cpu_ms_per_post"] is not None:
        print(f"server CPU {result['server_cpu_ms_per_post']:.0f} ms per post (both processes)")
    if arguments.notifications:
        print(f"notification sockets: {result['counts_frames']} counts frames received")
    if arguments.json:
        print("BENCH_JSON " + json.dumps({"bench": "realtime", **result}))
    faults = ("lost", "duplicates", "out_of_order", "refused", "unanswered")
    return 0 if not any(result[fault] for fault in faults) else 1


if __name__ == "__main__":
    sys.exit(main())

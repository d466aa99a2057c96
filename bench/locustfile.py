"""Mixed traffic on the demo content for Locust (bench/load.py, `make load`).

Visitors (most users) read the home page, the catalogue, entries, offices, workshops and
news, and search. Members sign in with the demo password, read their home page, the task
force's workspace, a thread and their notifications, and now and then post to the thread
through its HTML form, as a member without JavaScript does (with JavaScript the same form
is sent by the page's script; the websocket only brings others' posts).

The addresses are those of `manage.py load_demo`; LOAD_MEMBERS (comma-separated e-mail
addresses) and LOAD_PASSWORD name other accounts. The site must be served over HTTP on
loopback: the session cookie, marked Secure in production, is sent back over HTTP here.
"""

import os
import random
import re
import uuid

from locust import HttpUser, between, task

VISITOR_PAGES = {
    "/": 5,
    "/catalogue/": 3,
    "/catalogue/ipas/": 3,
    "/network/al/": 2,
    "/workshops/high-level-dialogue-on-ict-2025/": 2,
    "/news/network-launched/": 2,
}
SEARCHES = ["patent", "classification", "cloud", "trademark", "machine translation"]
TASK_FORCE = "/task-forces/ai-tools/"
MEMBERS = os.environ.get(
    "LOAD_MEMBERS",
    "l.fischer@example.org,h.sato@example.org,mj.kim@example.org,m.costa@example.org,"
    "y.elamrani@example.org,d.karimova@example.org",
).split(",")
PASSWORD = os.environ.get("LOAD_PASSWORD", "network-demo")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
THREAD = re.compile(r'href="([^"]*/workspace/threads/\d+/)"')


class Visitor(HttpUser):
    weight = 8
    wait_time = between(1, 3)

    @task(17)
    def page(self):
        path = random.choices(list(VISITOR_PAGES), weights=list(VISITOR_PAGES.values()))[0]
        self.client.get(path)

    @task(3)
    def search(self):
        self.client.get("/search/", params={"q": random.choice(SEARCHES)}, name="/search/?q=")


class Member(HttpUser):
    weight = 2
    wait_time = between(2, 5)
    thread = None
    writer = True

    def send(self, method: str, path: str, **options):
        """A request with the cookies so far, Secure ones included: production marks them
        Secure, and this traffic stays on loopback over HTTP. (A cookie policy on the jar
        would not do: requests copies the cookies into a jar of its own per request.)"""
        for cookie in self.client.cookies:
            cookie.secure = False
        return self.client.request(method, path, **options)

    def on_start(self):
        page = self.send("GET", "/accounts/login/", name="/accounts/login/")
        token = CSRF.search(page.text)
        with self.send(
            "POST",
            "/accounts/login/",
            data={
                "login": random.choice(MEMBERS),
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": page.url},
            name="/accounts/login/ (post)",
            catch_response=True,
        ) as response:
            if "sessionid" not in self.client.cookies:
                response.failure("sign-in refused")
        workspace = self.send("GET", TASK_FORCE + "workspace/", name="workspace")
        found = THREAD.search(workspace.text)
        self.thread = found.group(1) if found else None
        # An observer reads the thread without a reply form, and does not post.
        if self.thread and 'name="body"' not in self.send("GET", self.thread, name="thread").text:
            self.writer = False

    @task(3)
    def home(self):
        self.send("GET", "/", name="/ (member)")

    @task(2)
    def workspace(self):
        self.send("GET", TASK_FORCE + "workspace/", name="workspace")

    @task(3)
    def read_thread(self):
        if self.thread:
            self.send("GET", self.thread, name="thread")

    @task(1)
    def notifications(self):
        self.send("GET", "/my/notifications/", name="notifications")

    @task(1)
    def post(self):
        if not (self.thread and self.writer):
            return
        page = self.send("GET", self.thread, name="thread")
        token = CSRF.search(page.text)
        self.send(
            "POST",
            self.thread,
            data={
                "body": f"Load test post {uuid.uuid4().hex[:8]}: how do your offices do this?",
                "client_key": uuid.uuid4().hex,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": page.url},
            name="thread (post)",
        )

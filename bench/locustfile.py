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
from http.cookiejar import DefaultCookiePolicy

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


class LoopbackCookies(DefaultCookiePolicy):
    """Sends Secure cookies back over plain HTTP: production marks them Secure, and this
    traffic stays on loopback."""

    def return_ok_secure(self, cookie, request):
        return True


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

    def on_start(self):
        self.client.cookies.set_policy(LoopbackCookies())
        page = self.client.get("/accounts/login/", name="/accounts/login/")
        token = CSRF.search(page.text)
        with self.client.post(
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
        workspace = self.client.get(TASK_FORCE + "workspace/", name="workspace")
        found = THREAD.search(workspace.text)
        self.thread = found.group(1) if found else None

    @task(3)
    def home(self):
        self.client.get("/", name="/ (member)")

    @task(2)
    def workspace(self):
        self.client.get(TASK_FORCE + "workspace/", name="workspace")

    @task(3)
    def read_thread(self):
        if self.thread:
            self.client.get(self.thread, name="thread")

    @task(1)
    def notifications(self):
        self.client.get("/my/notifications/", name="notifications")

    @task(1)
    def post(self):
        if not self.thread:
            return
        page = self.client.get(self.thread, name="thread")
        token = CSRF.search(page.text)
        self.client.post(
            self.thread,
            data={
                "body": f"Load test post {uuid.uuid4().hex[:8]}: how do your offices do this?",
                "client_key": uuid.uuid4().hex,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": page.url},
            name="thread (post)",
        )

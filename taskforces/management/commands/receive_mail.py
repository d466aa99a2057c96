"""Receive e-mail replies to notifications over SMTP and post them (docs/taskforces.md)."""

import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from taskforces.mail_receiver import reply_mail_server
from taskforces.reply_addresses import reply_domain


class Command(BaseCommand):
    help = (
        "Listen for SMTP mail to the reply addresses of notification e-mails "
        "(reply+…@REPLY_DOMAIN) and post each reply in its thread, or send its person a "
        "notice saying why not. Runs until stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=settings.TASKFORCES_REPLY_SMTP_HOST)
        parser.add_argument("--port", type=int, default=settings.TASKFORCES_REPLY_SMTP_PORT)

    def handle(self, *args, host: str, port: int, **options):
        if not reply_domain():
            raise CommandError("Set REPLY_DOMAIN first: replies by e-mail are off without it.")
        server = reply_mail_server(host=host, port=port)
        stopping = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_args: stopping.set())
        server.start()
        self.stdout.write(f"Receiving replies for @{reply_domain()} on {host}:{port}.")
        try:
            while not stopping.wait(1):
                pass
        except KeyboardInterrupt:
            pass
        finally:
            server.stop()
        self.stdout.write("Stopped.")

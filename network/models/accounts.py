"""Accounts, identified by e-mail address, and the invitations that create them."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .roles import MemberRole, Seat

# The group of the secretariat's accounts (network.permissions.SECRETARIAT_GROUP).
SECRETARIAT_GROUP = "Secretariat"


class AccountManager(UserManager):
    """Accounts are identified by e-mail address; there are no user names."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def with_reader_facts(self) -> models.QuerySet:
        """Accounts with what every page asks of a signed-in reader, read in the same query:
        their office and its time zone (ReaderTimeZoneMiddleware), whether they belong to the
        secretariat and to the network and which office seat they hold
        (network.permissions), and whether they may use Wagtail's admin (the userbar,
        portal_tags.editor_userbar). The sign-in backends (network.backends) load the
        reader this way, so a page spends no query on them."""
        from django.contrib.auth.models import Group, Permission

        from .members import Member, SeatTerm

        office_zone = Member.objects.filter(user=OuterRef("pk"), office__isnull=False)
        seats = SeatTerm.objects.current().filter(user=OuterRef("pk"))
        # Wagtail's own test for the admin, granted to the person or to one of their groups.
        admin_access = Permission.objects.filter(
            models.Q(user=OuterRef("pk")) | models.Q(group__user=OuterRef("pk")),
            content_type__app_label="wagtailadmin",
            codename="access_admin",
        )
        return self.annotate(
            reader_time_zone=Subquery(office_zone.values("office__time_zone")[:1]),
            reader_office_id=Subquery(office_zone.values("office_id")[:1]),
            reader_in_secretariat=Exists(
                Group.objects.filter(user=OuterRef("pk"), name=SECRETARIAT_GROUP)
            ),
            reader_has_profile=Exists(Member.objects.filter(user=OuterRef("pk"))),
            reader_may_use_admin=Exists(admin_access),
            # The office seat they hold (network.permissions): one at most, nearly always.
            reader_seat_office=Subquery(seats.values("office_id")[:1]),
            reader_seat=Subquery(seats.values("seat")[:1]),
            reader_seats=Subquery(
                seats.order_by().values("user").annotate(n=models.Count("pk")).values("n")
            ),
        )


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    # Part of every session's signature: raising it signs the person out everywhere.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)
    # What e-mails and notifications are written in: chosen on "My profile", else the
    # language the person last signed in with (empty: English).
    language = models.CharField(
        _("language for e-mails"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("E-mails and notifications from the portal are written in this language."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = AccountManager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def preferred_language(self) -> str:
        return self.language or settings.LANGUAGE_CODE

    @property
    def preferred_time_zone(self) -> str | None:
        """The time zone of the person's office, if the portal knows it (read once)."""
        if not hasattr(self, "_preferred_time_zone"):
            self._read_reader_facts()
        return self._preferred_time_zone

    @property
    def member_office_id(self) -> int | None:
        """The id of the office the person works for as a member of the network (read once)."""
        if not hasattr(self, "_member_office_id"):
            self._read_reader_facts()
        return self._member_office_id

    def _read_reader_facts(self) -> None:
        """Read what every page asks of a signed-in reader, when the account was not loaded
        with it (AccountManager.with_reader_facts, as the sign-in backends load it)."""
        facts = None
        if self.pk:
            facts = type(self).objects.with_reader_facts().filter(pk=self.pk).first()
        self._keep_reader_facts(facts)

    def _keep_reader_facts(self, facts: "User | None") -> None:
        self._preferred_time_zone = getattr(facts, "reader_time_zone", None) or None
        self._member_office_id = getattr(facts, "reader_office_id", None)
        self._portal_is_secretariat = bool(getattr(facts, "reader_in_secretariat", False))
        self._portal_is_member = bool(getattr(facts, "reader_has_profile", False))
        self._portal_may_use_admin = bool(getattr(facts, "reader_may_use_admin", False))
        seats = getattr(facts, "reader_seats", None) or 0
        if seats <= 1:
            # More than one is read apart when asked for (network.permissions).
            self._portal_seats = {facts.reader_seat_office: facts.reader_seat} if seats else {}

    def _get_session_auth_hash(self, secret=None):
        # Django signs each session with a hash of the password; adding the epoch lets
        # signing out end every session of the account, on every device, at once.
        key_salt = "network.User.get_session_auth_hash"
        return salted_hmac(
            key_salt, f"{self.password}:{self.session_epoch}", secret=secret, algorithm="sha256"
        ).hexdigest()


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Replaced by a newer invitation")


def hash_token(token: str) -> str:
    """Invitation links are stored hashed, so the database never holds a usable link."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """A single-use link that lets one person create their account."""

    VALID_FOR = timezone.timedelta(days=14)

    email = models.EmailField(_("e-mail address"))
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    office = models.ForeignKey(
        "network.OfficePage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("office"),
        help_text=_("Leave empty for secretariat staff."),
    )
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices)
    # When the invitation comes from a confirmed nomination, accepting it takes the seat.
    seat = models.CharField(_("seat"), max_length=20, blank=True, choices=Seat.choices)
    # The invitation is written in it, and the account it creates starts with it.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation",
        verbose_name=_("account"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} ({self.get_status_display()})"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.revoked_at:
            return InvitationStatus.REVOKED
        if timezone.now() >= self.expires_at:
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    def get_status_display(self) -> str:
        return InvitationStatus(self.status).label

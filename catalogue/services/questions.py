"""Questions to providers: asking, answering, and sharing an answer with every member.

Sharing needs both sides: the asker agrees (when asking, or later when the provider asks
them), and the provider publishes. Either may withdraw it again.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue import permissions
from catalogue.models import CatalogueEntryPage, Question
from network.models import Seat, SeatTerm, User
from portal.emails import send_templated_email

# Asking providers: at most this many questions per person in any hour.
QUESTIONS_PER_HOUR = 5

NO_CONSENT = gettext_lazy(
    "The person who asked has not agreed to share this question. Ask them to agree first: "
    "the answer is published once they do."
)


def provider_contacts(entry: CatalogueEntryPage) -> list[User]:
    """Who answers for an entry: its contact, or the provider offices' heads of ICT."""
    contact = entry.contact_member
    if contact is not None and contact.user.is_active:
        return [contact.user]
    heads = SeatTerm.objects.current().filter(
        office__in=entry.provider_offices.all(), seat=Seat.PRINCIPAL, user__is_active=True
    )
    return list(User.objects.filter(pk__in=heads.values("user")).order_by("pk"))


def questions_left_this_hour(user: User) -> int:
    since = timezone.now() - datetime.timedelta(hours=1)
    asked = Question.objects.filter(asked_by=user, created_at__gte=since).count()
    return max(0, QUESTIONS_PER_HOUR - asked)


def question_ask(
    *,
    entry: CatalogueEntryPage,
    user: User,
    body: str,
    may_share: bool = False,
    share_anonymously: bool = False,
) -> Question:
    if not permissions.can_ask(user):
        raise PermissionDenied(_("Sign in as a member of the network to ask the provider."))
    body = body.strip()
    if len(body) < 10:
        raise ValidationError({"body": _("Write your question in a sentence or more.")})
    with transaction.atomic():
        # Serialise one person's questions so two at once cannot both pass the limit.
        User.objects.select_for_update().filter(pk=user.pk).first()
        if questions_left_this_hour(user) <= 0:
            raise ValidationError(
                _(
                    "You have asked %(limit)d questions in the last hour, the most we accept. "
                    "Please wait a little before asking another."
                )
                % {"limit": QUESTIONS_PER_HOUR}
            )
        question = Question.objects.create(
            entry=entry,
            asked_by=user,
            body=body,
            share_consent_at=timezone.now() if may_share else None,
            share_anonymously=may_share and share_anonymously,
        )
        recipients = [person.email for person in provider_contacts(entry) if person.email]
        if recipients:
            send_templated_email(
                "catalogue/emails/question_asked",
                {"question": question, "entry": entry, "asker": user},
                to=recipients,
            )
    return question


def question_answer(*, question: Question, user: User, answer: str) -> Question:
    if not permissions.can_answer(user, question):
        raise PermissionDenied(_("Only the entry's provider can answer."))
    answer = answer.strip()
    if len(answer) < 2:
        raise ValidationError({"answer": _("Write an answer.")})
    with transaction.atomic():
        question.answer = answer
        question.answered_by = user
        question.answered_at = timezone.now()
        question.save(update_fields=["answer", "answered_by", "answered_at"])
        if question.asked_by.email:
            send_templated_email(
                "catalogue/emails/question_answered",
                {"question": question, "entry": question.entry, "answerer": user},
                to=[question.asked_by.email],
            )
    return question


# Sharing an answer with every member ------------------------------------------------------


def _share_url(question: Question) -> str:
    index = question.entry.get_parent()
    return index.url + index.specific.reverse_subpage("my_questions") + f"#question-{question.pk}"


def question_publish(*, question: Question, user: User) -> Question:
    """The provider publishes the answer for every member; the asker must have agreed.

    Refused, with nothing stored, when the asker has not agreed or there is no answer."""
    if not permissions.can_answer(user, question):
        raise PermissionDenied(_("Only the entry's provider can publish its answers."))
    if not question.is_answered:
        raise ValidationError(_("Answer the question before publishing it."))
    if not question.has_share_consent:
        raise ValidationError(NO_CONSENT)
    with transaction.atomic():
        question.published_at = question.published_at or timezone.now()
        question.published_by = user
        question.share_requested_at = None
        question.save(update_fields=["published_at", "published_by", "share_requested_at"])
    return question


def question_share_request(*, question: Question, user: User) -> Question:
    """The provider wants to publish an answer the asker has not agreed to share: the
    asker is e-mailed, and the answer is published when they agree."""
    if not permissions.can_answer(user, question):
        raise PermissionDenied(_("Only the entry's provider can publish its answers."))
    if not question.is_answered:
        raise ValidationError(_("Answer the question before publishing it."))
    if question.has_share_consent:
        return question_publish(question=question, user=user)
    with transaction.atomic():
        question.share_requested_at = timezone.now()
        question.published_by = user
        question.save(update_fields=["share_requested_at", "published_by"])
        if question.asked_by.email:
            send_templated_email(
                "catalogue/emails/question_share_request",
                {"question": question, "entry": question.entry, "url": _share_url(question)},
                to=[question.asked_by.email],
            )
    return question


def question_share_consent(*, question: Question, user: User, anonymously: bool) -> Question:
    """The asker agrees to share their question and its answer with every member; if the
    provider asked for it, the answer is published now."""
    if not permissions.can_consent_to_share(user, question):
        raise PermissionDenied(_("Only the person who asked can agree to share the question."))
    now = timezone.now()
    with transaction.atomic():
        question.share_consent_at = question.share_consent_at or now
        question.share_anonymously = anonymously
        fields = ["share_consent_at", "share_anonymously"]
        if question.share_requested_at and question.is_answered and not question.is_published:
            question.published_at = now
            question.share_requested_at = None
            fields += ["published_at", "share_requested_at"]
        question.save(update_fields=fields)
    return question


def question_withdraw(*, question: Question, user: User) -> Question:
    """Back to private: the provider unpublishes, or the asker takes back their consent."""
    is_asker = permissions.can_consent_to_share(user, question)
    if not (is_asker or permissions.can_answer(user, question)):
        raise PermissionDenied(_("Only the person who asked or the provider can withdraw it."))
    question.published_at = None
    question.share_requested_at = None
    fields = ["published_at", "share_requested_at"]
    if is_asker:
        question.share_consent_at = None
        question.share_anonymously = False
        fields += ["share_consent_at", "share_anonymously"]
    question.save(update_fields=fields)
    return question

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

import factory
import wagtail_factories

from taskforces import models
from taskforces.markup import render_markdown
from tests.factories.network import UserFactory


class TaskForceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Task forces"
    slug = "task-forces"

    class Meta:
        model = models.TaskForceIndexPage


class TaskForcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Task force {n}")
    summary = "Offices working together."
    mandate = "<p>Share what works.</p>"

    class Meta:
        model = models.TaskForcePage


class ForumPageFactory(wagtail_factories.PageFactory):
    title = "Forum"
    slug = "forum"
    summary = "Where every member of the network asks and answers."
    mandate = "<p>Be kind; no confidential information.</p>"
    show_in_menus = True

    class Meta:
        model = models.ForumPage


class ForumCategoryFactory(factory.django.DjangoModelFactory):
    forum = factory.SubFactory(ForumPageFactory)
    name = factory.Sequence(lambda n: f"Category {n}")

    class Meta:
        model = models.ForumCategory


class MembershipFactory(factory.django.DjangoModelFactory):
    taskforce = factory.SubFactory(TaskForcePageFactory)
    user = factory.SubFactory(UserFactory)
    role = models.MembershipRole.MEMBER

    class Meta:
        model = models.Membership


class ThreadFactory(factory.django.DjangoModelFactory):
    taskforce = factory.SubFactory(TaskForcePageFactory)
    title = factory.Sequence(lambda n: f"Thread {n}")
    author = factory.SubFactory(UserFactory)

    class Meta:
        model = models.Thread


class PostFactory(factory.django.DjangoModelFactory):
    """A post stored as the services store it, with its cleaned HTML (no event, no notice)."""

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    body = "A thought on **classification**."
    body_html = factory.LazyAttribute(lambda post: render_markdown(post.body))

    class Meta:
        model = models.Post


class AttachmentFactory(factory.django.DjangoModelFactory):
    post = factory.SubFactory(PostFactory)
    name = "figures.csv"
    size = 14
    content_type = "text/csv"
    file = factory.LazyAttribute(lambda a: ContentFile(b"office,score\n", name=a.name))

    class Meta:
        model = models.Attachment


class DocumentFactory(factory.django.DjangoModelFactory):
    taskforce = factory.SubFactory(TaskForcePageFactory)
    title = factory.Sequence(lambda n: f"Document {n}")
    created_by = factory.SubFactory(UserFactory)

    class Meta:
        model = models.Document


class DocumentVersionFactory(factory.django.DjangoModelFactory):
    document = factory.SubFactory(DocumentFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = "notes.txt"
    size = 11
    content_type = "text/plain"
    uploaded_by = factory.SelfAttribute("document.created_by")
    file = factory.LazyAttribute(lambda v: ContentFile(b"draft notes", name=v.name))

    class Meta:
        model = models.DocumentVersion


class MeetingFactory(factory.django.DjangoModelFactory):
    taskforce = factory.SubFactory(TaskForcePageFactory)
    title = factory.Sequence(lambda n: f"Meeting {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=3))
    agenda = "1. Welcome"
    created_by = factory.SubFactory(UserFactory)

    class Meta:
        model = models.Meeting


class ProposalFactory(factory.django.DjangoModelFactory):
    taskforce = factory.SubFactory(TaskForcePageFactory)
    title = factory.Sequence(lambda n: f"Proposal {n}")
    text = "We share accuracy figures in one template."
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    quorum = 2
    created_by = factory.SubFactory(UserFactory)

    class Meta:
        model = models.Proposal


class ActionItemFactory(factory.django.DjangoModelFactory):
    taskforce = factory.SubFactory(TaskForcePageFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.SubFactory(UserFactory)
    created_by = factory.SubFactory(UserFactory)

    class Meta:
        model = models.ActionItem

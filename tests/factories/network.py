import factory
import wagtail_factories

from network import models
from tests.factories.portal import RegionFactory


class UserFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("a-test-password")

    class Meta:
        model = models.User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Accounts come with a verified e-mail address, as invitations make them."""
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class OfficeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Network"
    slug = "network"

    class Meta:
        model = models.OfficeIndexPage


class OfficePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Office {n}")
    code = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    slug = factory.LazyAttribute(lambda o: o.code.lower())
    kind = models.OfficeKind.NATIONAL
    country = "CH"
    region = factory.SubFactory(RegionFactory)

    class Meta:
        model = models.OfficePage


class MemberFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    role = models.MemberRole.CIO
    job_title = "Chief Information Officer"

    class Meta:
        model = models.Member

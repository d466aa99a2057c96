"""The demo's fictional people: accounts, member profiles and office seats."""

from django.contrib.auth.models import Group

from allauth.account.models import EmailAddress

from network import permissions, services
from network.models import Member, MemberRole, User
from portal.demo.loading import DEMO_PASSWORD, DemoRun, by_key, read_data
from portal.models import Language


def load(run: DemoRun) -> None:
    tally = run.step("People")
    languages = by_key(Language, "code")
    for person in read_data("people")["person"]:
        user = User.objects.filter(email=person["email"]).first()
        created = user is None
        if created:
            user = create_person(run, person, languages)
        run.users[person["email"]] = user
        tally.add(created)
    run.done(tally)


def create_person(run: DemoRun, person: dict, languages: dict[str, Language]) -> User:
    """The account with a verified address, its groups, member profile and seat."""
    is_secretariat = person["role"] == MemberRole.SECRETARIAT
    user = User.objects.create_user(
        email=person["email"],
        password=DEMO_PASSWORD,
        first_name=person["first_name"],
        last_name=person["last_name"],
        is_staff=is_secretariat,
        is_superuser=is_secretariat,
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    user.groups.add(Group.objects.get(name=permissions.MEMBERS_GROUP))
    if is_secretariat:
        user.groups.add(Group.objects.get(name=permissions.SECRETARIAT_GROUP))
    office = run.offices.get(person["office"])
    member = Member.objects.create(
        user=user,
        office=office,
        role=person["role"],
        job_title=person["job_title"],
        bio=person.get("bio", ""),
        phone=person.get("phone", ""),
    )
    member.languages.set([languages[code] for code in person["languages"]])
    member.expertise.add(*person["expertise"])
    if person.get("seat") and office:
        services.seat_assign(office=office, user=user, seat=person["seat"], confirmed_by=None)
    return user

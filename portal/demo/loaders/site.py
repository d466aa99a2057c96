"""The sections under the home page, the About page, the footer's pages and the
secretariat's details."""

from wagtail.models import Locale

from catalogue.models import CatalogueIndexPage
from network.models import OfficeIndexPage
from portal.demo.loading import DemoRun, SiteSections, ensure_page, heading, paragraph, read_data
from portal.models import HomePage, NewsIndexPage, Secretariat, StandardPage
from portal.workshops.models import WorkshopIndexPage
from taskforces.models import TaskForceIndexPage

SECTION_MODELS = {
    "about": StandardPage,
    "network": OfficeIndexPage,
    "catalogue": CatalogueIndexPage,
    "taskforces": TaskForceIndexPage,
    "workshops": WorkshopIndexPage,
    "news": NewsIndexPage,
}


def load(run: DemoRun) -> None:
    data = read_data("site")
    tally = run.step("Site sections")
    home = HomePage.objects.get(locale=Locale.get_default())
    pages = {}
    for row in data["section"]:
        model = SECTION_MODELS[row["key"]]
        extra = {"body": about_body(data["about"])} if model is StandardPage else {}
        pages[row["key"]], created = ensure_page(
            home,
            model,
            slug=row["slug"],
            title=row["title"],
            intro=row["intro"],
            show_in_menus=True,
            **extra,
        )
        tally.add(created)
    for row in data["footer_page"]:
        _page, created = ensure_page(
            home,
            StandardPage,
            slug=row["slug"],
            title=row["title"],
            intro=row["intro"],
            body=[paragraph(row["body"])],
        )
        tally.add(created)
    run.done(tally)
    secretariat = Secretariat.load()
    if not secretariat.email:
        for name, value in data["secretariat"].items():
            setattr(secretariat, name, value)
        secretariat.save()
    del pages["about"]
    run.sections = SiteSections(home=home, **pages)


def about_body(blocks: list[dict]) -> list[tuple]:
    return [
        heading(block["heading"]) if "heading" in block else paragraph(block["paragraph"])
        for block in blocks
    ]

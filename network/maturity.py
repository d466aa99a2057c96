"""The ICT maturity self-assessment: its eight dimensions and the rubric of each level.

The dimensions follow the themes of the first High-Level Dialogue on ICT. Like the World
Bank's GovTech Maturity Index, the assessment is a mirror for an office, not a ranking.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

LEVELS = range(1, 6)
LEVEL_NAMES = {
    1: _("Initial"),
    2: _("Developing"),
    3: _("Defined"),
    4: _("Managed"),
    5: _("Optimising"),
}
# Aggregates are shown only when this many offices have submitted for the year,
# so that no single office's answers can be read off them.
MINIMUM_OFFICES_FOR_AGGREGATES = 5
# Partner matching pairs a low score with a high one.
LOW_SCORES = (1, 2)
HIGH_SCORES = (4, 5)


def office_needs(scores: dict[str, int | None]) -> dict[str, int]:
    """The dimensions an office needs help in, with its score there. Offices state no needs
    of their own: they are the dimensions scored 1 or 2, or when none is, those at the
    office's lowest score if it is below the top band."""
    scored = {dimension: score for dimension, score in scores.items() if score is not None}
    weak = {dimension: score for dimension, score in scored.items() if score in LOW_SCORES}
    if weak or not scored:
        return weak
    lowest = min(scored.values())
    if lowest in HIGH_SCORES:
        return {}
    return {dimension: score for dimension, score in scored.items() if score == lowest}


class Dimension(models.TextChoices):
    STRATEGY = "strategy", _("Digital strategy and governance")
    ONLINE_SERVICES = "online_services", _("Online services to users")
    DATA = "data", _("Data governance and quality")
    CYBER = "cyber", _("Cyber resilience")
    CLOUD = "cloud", _("Cloud and infrastructure")
    AI = "ai", _("AI and emerging technologies")
    STANDARDS = "standards", _("WIPO standards and data exchange")
    SKILLS = "skills", _("Skills and change management")


@dataclass(frozen=True)
class DimensionRubric:
    dimension: Dimension
    question: str
    levels: dict[int, str]

    @property
    def label(self) -> str:
        return self.dimension.label


RUBRICS = [
    DimensionRubric(
        Dimension.STRATEGY,
        _("Does the office have a digital strategy, and who steers it?"),
        {
            1: _("No written digital strategy; ICT projects start as needs arise."),
            2: _("A strategy exists but is not linked to budgets or the office's plans."),
            3: _("A strategy with priorities and budgets, reviewed by management."),
            4: _("Business and ICT plan together; progress is measured and reported."),
            5: _("The strategy is revised from results and shared with other offices."),
        },
    ),
    DimensionRubric(
        Dimension.ONLINE_SERVICES,
        _("How do applicants and the public deal with the office?"),
        {
            1: _("Mostly on paper or by e-mail."),
            2: _("Some forms online; payments and documents still on paper."),
            3: _("Filing and payment online for the main rights."),
            4: _("Every procedure online end to end, with status tracking for users."),
            5: _("Services designed with users, measured, and open through APIs."),
        },
    ),
    DimensionRubric(
        Dimension.DATA,
        _("How well are the office's data kept and governed?"),
        {
            1: _("Data in scattered systems and paper files; quality unknown."),
            2: _("Main registers digitised; known gaps and errors."),
            3: _("Data owners named; quality checks on entry."),
            4: _("Data quality measured and reported; a data catalogue is kept."),
            5: _("High-quality data published and reused inside and outside the office."),
        },
    ),
    DimensionRubric(
        Dimension.CYBER,
        _("How ready is the office for a cyber incident?"),
        {
            1: _("No security plan; incidents handled as they come."),
            2: _("Basic controls (antivirus, backups) without a tested plan."),
            3: _("A risk plan, user awareness and an incident response procedure."),
            4: _("Regular audits and drills; zero-trust principles applied."),
            5: _("Security built into every system; lessons shared with other offices."),
        },
    ),
    DimensionRubric(
        Dimension.CLOUD,
        _("How are the office's systems hosted and run?"),
        {
            1: _("Ageing servers on premises, with frequent outages."),
            2: _("Servers renewed; little automation or monitoring."),
            3: _("Virtualised or hosted infrastructure, monitored, with backups tested."),
            4: _("Cloud or containers with automated deployment and cost control."),
            5: _("Multi-cloud or hybrid by design, scaling on demand."),
        },
    ),
    DimensionRubric(
        Dimension.AI,
        _("How does the office use AI and emerging technologies?"),
        {
            1: _("Not used and not planned."),
            2: _("Being explored; no tool in use."),
            3: _("A pilot in one process (e.g. classification or translation)."),
            4: _("AI tools in production, with measured accuracy and governance."),
            5: _("Several AI tools in production, built or shared with other offices."),
        },
    ),
    DimensionRubric(
        Dimension.STANDARDS,
        _("How far does the office apply WIPO standards and exchange data?"),
        {
            1: _("No WIPO data standards in use."),
            2: _("Some standards for publication only."),
            3: _("ST.36/ST.66/ST.86 or ST.96 used for exchange with WIPO."),
            4: _("ST.96 or ST.97 across systems; data exchanged with several offices."),
            5: _("Standards-based APIs (ST.90) open to offices and users."),
        },
    ),
    DimensionRubric(
        Dimension.SKILLS,
        _("Does the office have the skills and the means to change?"),
        {
            1: _("Few ICT staff; change depends on individuals."),
            2: _("Training on request; change projects often stall."),
            3: _("A training plan and change management in major projects."),
            4: _("Skills planned with the strategy; staff upskilled in new technologies."),
            5: _("A learning organisation that trains others in the network."),
        },
    ),
]

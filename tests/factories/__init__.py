"""factory_boy factories, one module per app; import them from here."""

from tests.factories.catalogue import (
    CatalogueEntryPageFactory,
    CatalogueIndexPageFactory,
    CategoryFactory,
    WipoStandardFactory,
    bulk_entries,
)
from tests.factories.consultations import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.factories.network import (
    MemberFactory,
    OfficeIndexPageFactory,
    OfficePageFactory,
    UserFactory,
)
from tests.factories.portal import (
    LanguageFactory,
    NewsArticlePageFactory,
    NewsIndexPageFactory,
    RegionFactory,
    StandardPageFactory,
)
from tests.factories.surveys import SurveyIndexPageFactory, SurveyPageFactory
from tests.factories.taskforces import (
    ActionItemFactory,
    AttachmentFactory,
    DocumentFactory,
    DocumentVersionFactory,
    ForumCategoryFactory,
    ForumPageFactory,
    MeetingFactory,
    MembershipFactory,
    PostFactory,
    ProposalFactory,
    TaskForceIndexPageFactory,
    TaskForcePageFactory,
    ThreadFactory,
)
from tests.factories.workshops import (
    HackathonChallengeFactory,
    RegistrationQuestionFactory,
    SpeakerFactory,
    WorkshopIndexPageFactory,
    WorkshopPageFactory,
)

__all__ = [
    "SurveyIndexPageFactory",
    "SurveyPageFactory",
    "ConsultationIndexPageFactory",
    "ConsultationPageFactory",
    "bulk_entries",
    "ActionItemFactory",
    "AttachmentFactory",
    "DocumentFactory",
    "DocumentVersionFactory",
    "ForumCategoryFactory",
    "ForumPageFactory",
    "MeetingFactory",
    "ProposalFactory",
    "CatalogueEntryPageFactory",
    "CatalogueIndexPageFactory",
    "CategoryFactory",
    "HackathonChallengeFactory",
    "LanguageFactory",
    "MemberFactory",
    "MembershipFactory",
    "NewsArticlePageFactory",
    "NewsIndexPageFactory",
    "OfficeIndexPageFactory",
    "OfficePageFactory",
    "PostFactory",
    "RegionFactory",
    "RegistrationQuestionFactory",
    "SpeakerFactory",
    "StandardPageFactory",
    "TaskForceIndexPageFactory",
    "TaskForcePageFactory",
    "ThreadFactory",
    "UserFactory",
    "WipoStandardFactory",
    "WorkshopIndexPageFactory",
    "WorkshopPageFactory",
]

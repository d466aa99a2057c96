"""Who may read the network health report: members of the network (the secretariat among
them); visitors are sent to sign in and see no figure."""

from django.utils.translation import gettext_lazy as _

MEMBERS_ONLY = _("The network health report is for members of the network.")

"""An admin panel that shows an entry's review decisions beside the entry itself."""

from wagtail.admin.panels import Panel


class ReviewHistoryPanel(Panel):
    """The secretariat's decisions on this entry, newest first, with their checklists."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalogue/admin/review_history_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            context["reviews"] = (
                list(instance.reviews.select_related("reviewer")) if instance.pk else []
            )
            return context

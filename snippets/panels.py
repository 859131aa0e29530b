"""A read-only panel on the organisation's edit view: its latest automated checks."""

from wagtail.admin.panels import Panel


class LatestChecksPanel(Panel):
    """The latest website and email checks (snippets/checks.py), shown, never edited."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "snippets/verification/checks_panel.html"

        def get_context_data(self, parent_context=None):
            from .checks import describe_latest  # checks imports the models

            context = super().get_context_data(parent_context)
            organisation = self.instance
            if organisation.pk is None:
                context["checks"] = []
                return context
            context["checks"] = [
                ("Website", describe_latest(organisation, "website", bool(organisation.website))),
                ("Email", describe_latest(organisation, "email", bool(organisation.email))),
            ]
            return context

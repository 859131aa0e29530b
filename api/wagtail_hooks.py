"""API tokens in the admin (Settings → API tokens), for users with the ApiToken model's
permissions: create (the secret is shown once, on the page that answers the creation, and never
stored), rename or change the expiry, revoke, delete. Each token's history lists its uses
(``api.token_used``, at most one entry a minute) and its revocation."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem
from wagtail.log_actions import log

from .core.tokens import REVOKED_ACTION, USED_ACTION
from .models import ApiToken


@hooks.register("register_log_actions")
def register_token_actions(actions):
    actions.register_action(USED_ACTION, "Use API token", "API token used")
    actions.register_action(REVOKED_ACTION, "Revoke API token", "API token revoked")


class TokenCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        self.secret = self.form.instance.set_new_token()
        return super().save_instance()

    def save_action(self):
        # The only time the secret exists outside the client that will use it: rendered here,
        # not put in a message (messages are stored in the session) nor in a URL; the admin's
        # responses are never cached.
        return TemplateResponse(
            self.request,
            "api/tokens/created.html",
            {
                "token": self.object,
                "secret": self.secret,
                "index_url": reverse(self.index_url_name),
                "page_title": "API token created",
                "header_icon": "key",
            },
        )


class TokenIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.revoked_at is None and self.user_has_permission("change"):
            buttons.append(
                MenuItem(
                    "Revoke",
                    url=reverse("api_tokens:revoke", args=(instance.pk,)),
                    icon_name="cross",
                    priority=25,
                )
            )
        return buttons


class RevokeTokenView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Asks for confirmation (GET), then revokes (POST): the token stops working at once."""

    model = ApiToken
    permission_required = "change"
    template_name = "api/tokens/confirm_revoke.html"
    page_title = "Revoke API token"
    header_icon = "key"
    index_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(ApiToken, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.object.revoked_at is None:
            self.object.revoked_at = timezone.now()
            self.object.save(update_fields=["revoked_at"])
            log(instance=self.object, action=REVOKED_ACTION, user=request.user)
        messages.success(request, f"API token “{self.object.name}” revoked.")
        return redirect(self.index_url_name)


class ApiTokenViewSet(ModelViewSet):
    model = ApiToken
    icon = "key"
    menu_label = "API tokens"
    add_to_settings_menu = True
    name = "api_tokens"
    form_fields = ["name", "expires_at"]
    list_display = [
        "name",
        "prefix",
        "status",
        "created_by",
        "created_at",
        "expires_at",
        "last_used_at",
    ]
    copy_view_enabled = False
    index_view_class = TokenIndexView
    add_view_class = TokenCreateView

    @property
    def revoke_view(self):
        return self.construct_view(RevokeTokenView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("revoke/<int:pk>/", self.revoke_view, name="revoke"),
        ]


@hooks.register("register_admin_viewset")
def register_api_token_viewset():
    return ApiTokenViewSet()

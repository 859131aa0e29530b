"""Webhooks in the admin, under Settings: "Webhooks" (endpoints: create, edit, delete; the
signing secret is shown once, on creation) and "Webhook deliveries" (the log, with a
redeliver action). Both need the endpoint permissions: managing endpoints needs add / change /
delete endpoint; the log is for those who may change endpoints."""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views import View
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from . import events
from .delivery import MANAGE_PERMISSION
from .forms import EndpointForm
from .models import Delivery, Endpoint, new_secret


def can_manage(user) -> bool:
    return user.is_active and user.has_perm(MANAGE_PERMISSION)


class EndpointIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if can_manage(self.request.user):
            buttons.append(
                ListingButton(
                    "New signing secret",
                    icon_name="key",
                    priority=50,
                    attrs={
                        "data-controller": "w-action",
                        "data-action": "w-action#post",
                        "data-w-action-url-value": reverse(
                            "webhooks_endpoint:rotate_secret", args=(instance.pk,)
                        ),
                    },
                )
            )
        return buttons

    def get(self, request, *args, **kwargs):
        for endpoint in Endpoint.objects.exclude(disabled_reason="").filter(active=False):
            messages.warning(request, f"“{endpoint.name}”: {endpoint.disabled_reason}")
        return super().get(request, *args, **kwargs)


def show_secret(request, endpoint: Endpoint, done: str):
    """The only page that shows an endpoint's secret: the answer to the POST that made it
    (never a redirect to a page that could be shown again)."""
    return TemplateResponse(
        request,
        "webhooks/endpoint_secret.html",
        {
            "endpoint": endpoint,
            "header_title": f"Webhook “{endpoint.name}” {done}",
            "page_title": f"Webhook “{endpoint.name}” {done}",
            "header_icon": "link",
            "index_url": reverse("webhooks_endpoint:index"),
            "edit_url": reverse("webhooks_endpoint:edit", args=(endpoint.pk,)),
        },
    )


class EndpointCreateView(generic.CreateView):
    def save_action(self):
        return show_secret(self.request, self.object, "created")


class RotateSecretView(View):
    """POST: replace the endpoint's signing secret (the old one stops verifying at once) and
    show the new one, once."""

    http_method_names = ["post"]

    def post(self, request, pk):
        if not can_manage(request.user):
            raise PermissionDenied
        endpoint = get_object_or_404(Endpoint, pk=pk)
        endpoint.secret = new_secret()
        endpoint.save(update_fields=["secret"])
        return show_secret(request, endpoint, "has a new secret")


class EndpointEditView(generic.EditView):
    def save_instance(self):
        instance = super().save_instance()
        if instance.active and (instance.disabled_reason or instance.consecutive_failures):
            # Re-activated by its manager: a fresh start.
            instance.disabled_reason, instance.consecutive_failures = "", 0
            instance.save(update_fields=["disabled_reason", "consecutive_failures"])
        return instance


class EndpointViewSet(ModelViewSet):
    model = Endpoint
    form_class = EndpointForm
    icon = "link"
    menu_label = "Webhooks"
    name = "webhooks_endpoint"
    url_prefix = "webhooks/endpoints"
    add_to_settings_menu = True
    copy_view_enabled = False
    index_view_class = EndpointIndexView
    add_view_class = EndpointCreateView
    edit_view_class = EndpointEditView
    list_display = [
        "name",
        "url",
        Column("events_label", label="Events", accessor=lambda e: ", ".join(e.events)),
        StatusTagColumn(
            "active",
            label="Status",
            accessor=lambda e: "Active" if e.active else "Inactive",
            primary=lambda e: e.active,
        ),
    ]

    def get_form_class(self, for_update=False):
        return EndpointForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/rotate-secret/", RotateSecretView.as_view(), name="rotate_secret"),
        ]


class DeliveryPermissionPolicy(BasePermissionPolicy):
    """The log is read (and redelivered from) by whoever may change endpoints; no one adds,
    edits or deletes its rows in the admin."""

    def __init__(self):
        super().__init__(Delivery)

    def user_has_permission(self, user, action):
        return action == "view" and can_manage(user)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        if "view" not in actions:
            return get_user_model().objects.none()
        return get_user_model().objects.with_perm(
            MANAGE_PERMISSION, backend="django.contrib.auth.backends.ModelBackend"
        )


register_permission_policy(Delivery, DeliveryPermissionPolicy())


class DeliveryIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("endpoint")

    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            ListingButton(
                "Redeliver",
                icon_name="resubmit",
                priority=5,
                attrs={
                    "data-controller": "w-action",
                    "data-action": "w-action#post",
                    "data-w-action-url-value": reverse(
                        "webhooks_delivery:redeliver", args=(instance.pk,)
                    ),
                },
            ),
        ]

    def get_header_buttons(self):
        return [
            *super().get_header_buttons(),
            HeaderButton("Endpoints", url=reverse("webhooks_endpoint:index"), icon_name="link"),
        ]


class RedeliverView(View):
    http_method_names = ["post"]

    def post(self, request, pk):
        if not can_manage(request.user):
            raise PermissionDenied
        delivery = get_object_or_404(Delivery.objects.select_related("endpoint"), pk=pk)
        if not delivery.endpoint.active:
            messages.error(
                request,
                f"“{delivery.endpoint}” is inactive: activate it before redelivering.",
            )
        else:
            again = events.redeliver(delivery)
            messages.success(request, f"{again.event} queued for redelivery to {again.endpoint}.")
        return redirect("webhooks_delivery:index")


class DeliveryViewSet(ModelViewSet):
    model = Delivery
    icon = "history"
    menu_label = "Webhook deliveries"
    name = "webhooks_delivery"
    url_prefix = "webhooks/deliveries"
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = DeliveryIndexView
    form_fields = []
    list_display = [
        "event",
        "endpoint",
        StatusTagColumn(
            "status",
            label="Status",
            accessor="get_status_display",
            primary=lambda d: d.status == Delivery.Status.SUCCEEDED,
        ),
        Column("response_code", label="Response"),
        Column("duration_ms", label="ms"),
        Column("attempt", label="Attempt"),
        DateColumn("next_retry_at", label="Next retry"),
        DateColumn("created_at", label="Created"),
    ]
    list_filter = ["status", "event", "endpoint"]
    inspect_view_fields = [
        "endpoint",
        "event",
        "message_id",
        "status",
        "attempt",
        "response_code",
        "duration_ms",
        "error",
        "response_excerpt",
        "next_retry_at",
        "last_attempt_at",
        "created_at",
        "payload",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/redeliver/", RedeliverView.as_view(), name="redeliver"),
        ]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [EndpointViewSet(), DeliveryViewSet()]


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(
        content_type__app_label="webhooks",
        codename__in=["add_endpoint", "change_endpoint", "delete_endpoint"],
    )

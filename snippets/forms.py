"""Admin forms of the directory's snippets."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from .phone import display_phone

NO_NUMBER = (
    "Give a number to call or to text: a crisis line readers cannot reach is no use to them."
)
NO_CONTACT = (
    "Give readers at least one way to reach this organisation: a phone number, an email, a "
    "website or a contact note."
)


class OrganisationForm(WagtailAdminModelForm):
    """An organisation offers services in its own language: the services field lists those
    only (and any service of another language it already has, labelled with its language, so
    that saving does not drop it silently)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.phone:
            # The editor sees the number as they would write it, "(215) 634-5272 ext. 12", not
            # its stored form "+12156345272;ext=12" (which saving would give back anyway).
            self.initial["phone"] = self.instance.phone_display
        field = self.fields.get("services")
        locale_id = self.instance.locale_id
        if field is None or locale_id is None:
            return
        chosen = list(self.instance.services.all()) if self.instance.pk else []
        other = [service.pk for service in chosen if service.locale_id != locale_id]
        queryset = field.queryset.filter(locale_id=locale_id)
        if other:
            queryset = field.queryset.filter(pk__in=other) | queryset
        field.queryset = queryset.select_related("locale").order_by("name")

        def label(service):
            if service.locale_id == locale_id:
                return str(service)
            return f"{service} ({service.locale.get_display_name()})"

        field.label_from_instance = label

    def _post_clean(self):
        super()._post_clean()
        # A draft may be saved half-filled (Wagtail defers what publishing requires), so that an
        # editor never loses what they typed; publishing needs a way to reach the organisation.
        if not self.is_deferred_validation and not self.instance.has_contact():
            self.add_error(
                "contact_note" if "contact_note" in self.fields else None,
                ValidationError(NO_CONTACT, code="no_contact"),
            )


class CrisisLineForm(WagtailAdminModelForm):
    """A draft may be saved without its numbers (Wagtail defers what publishing requires);
    publishing needs a number to call or to text. Numbers are shown as an editor writes them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            for name in ("phone", "sms"):
                stored = getattr(self.instance, name)
                if stored and name in self.fields:
                    self.initial[name] = display_phone(stored, self.instance.country)

    def _post_clean(self):
        super()._post_clean()
        instance = self.instance
        if not self.is_deferred_validation and not (instance.phone or instance.sms):
            self.add_error(
                "phone" if "phone" in self.fields else None,
                ValidationError(NO_NUMBER, code="no_number"),
            )

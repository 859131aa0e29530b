from __future__ import annotations

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Endpoint, Event, ObjectType
from .targets import RefusedTarget, resolve


class EndpointForm(WagtailAdminModelForm):
    url = forms.URLField(
        label="URL",
        max_length=500,
        assume_scheme="https",
        help_text=Endpoint._meta.get_field("url").help_text,
    )
    events = forms.MultipleChoiceField(
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=Endpoint._meta.get_field("events").help_text,
    )
    object_types = forms.MultipleChoiceField(
        label="Content types",
        choices=ObjectType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=Endpoint._meta.get_field("object_types").help_text,
    )

    class Meta:
        model = Endpoint
        fields = ["name", "url", "events", "locale", "object_types", "active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            resolve(url)
        except RefusedTarget as error:
            raise forms.ValidationError(str(error)) from error
        return url

"""Crisis lines in the admin (issue #18, point 4): editors add them with numbers as they are
written, get messages they can act on, and publish them; readers get the E.164 form."""

import pytest
from django.urls import reverse

from snippets.models import CrisisLine

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_snippets_crisisline:add"


def line_form(**overrides) -> dict:
    form = {
        "name": "SAMHSA National Helpline",
        "description": "Treatment referral and information.",
        "hours": "24 hours a day, 365 days a year",
        "phone": "1-800-662-4357",
        "phone_display": "1-800-662-HELP (4357)",
        "sms": "",
        "sms_keyword": "",
        "website": "https://www.samhsa.gov/find-help/helplines/national-helpline",
        "region": "",
        "country": "us",
        "coverage": "national",
        "languages": "EN, es es",
        "show_in_footer": "on",
        "footer_order": "1",
    }
    form.update(overrides)
    return form


def errors_of(response) -> dict:
    form = response.context["form"]
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


def test_an_editor_adds_and_publishes_a_crisis_line(admin_client, gql):
    response = admin_client.post(reverse(ADD), line_form(**{"action-publish": "action-publish"}))
    assert response.status_code == 302, errors_of(response)
    line = CrisisLine.objects.get()
    assert line.live
    assert (line.phone, line.country, line.languages) == ("+18006624357", "US", "en, es")
    [served] = gql("{ crisisLines { name phone phoneUri phoneDisplay languages } }")["data"][
        "crisisLines"
    ]
    assert served == {
        "name": "SAMHSA National Helpline",
        "phone": "+18006624357",
        "phoneUri": "tel:+18006624357",
        "phoneDisplay": "1-800-662-HELP (4357)",
        "languages": ["en", "es"],
    }
    listing = admin_client.get(reverse("wagtailsnippets_snippets_crisisline:list"))
    assert "SAMHSA National Helpline" in listing.content.decode()


def test_a_draft_is_not_served_and_may_be_unfinished(admin_client, gql):
    response = admin_client.post(reverse(ADD), line_form(phone="", hours=""))
    assert response.status_code == 302, errors_of(response)
    assert not CrisisLine.objects.get().live
    assert gql("{ crisisLines { name } }")["data"]["crisisLines"] == []


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"phone": "555-12"}, "phone", "not a valid phone number"),
        ({"phone": "(215) 634-5272 ext. 12"}, "phone", "without an extension"),
        ({"phone": "", "sms": ""}, "phone", "Give a number to call or to text"),
        ({"hours": ""}, "hours", "required"),
        ({"sms_keyword": "HOME"}, "sms_keyword", "needs a number to text it to"),
        ({"languages": "en, klingon"}, "languages", "Not language codes: klingon"),
        ({"country": "XX"}, "country", "two-letter ISO country code"),
        ({"region": "PENN"}, "region", "at most 3 characters"),
        ({"region": "P-A"}, "region", "postal subdivision code"),
    ],
)
def test_mistakes_get_a_message_and_lose_nothing(admin_client, overrides, field, message):
    form = line_form(**overrides, **{"action-publish": "action-publish"})
    response = admin_client.post(reverse(ADD), form)
    assert response.status_code == 200
    assert any(message in text for text in errors_of(response)[field]), errors_of(response)
    assert not CrisisLine.objects.exists()
    # What the editor typed is still in the form.
    assert response.context["form"].data["name"] == form["name"]


def test_texting_lines_get_an_sms_link_with_their_keyword(db, gql):
    line = CrisisLine(
        name="Crisis Text Line", hours="24/7", sms="741741", sms_keyword="HOME", languages="en"
    )
    line.full_clean()
    line.save()
    line.save_revision().publish()
    [served] = gql("{ crisisLines { phone sms smsUri smsDisplay smsKeyword } }")["data"][
        "crisisLines"
    ]
    assert served == {
        "phone": "",
        "sms": "741741",
        "smsUri": "sms:741741?body=HOME",
        "smsDisplay": "741741",
        "smsKeyword": "HOME",
    }

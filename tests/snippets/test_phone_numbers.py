"""Phone numbers keep what editors type (#20 point 8): extensions are kept, national short codes
accepted where the country has them, the edit form shows the number as written, and the API
keeps E.164."""

import pytest
from django.urls import reverse

from snippets.models import Organisation
from snippets.phone import normalise_phone
from tests.snippets.test_admin_organisations import ADD, EDIT, org_form

pytestmark = pytest.mark.django_db

PHONES = """
{ organisations(perPage: 10) { items { name phone phoneExtension phoneUri phoneDisplay } } }
"""


def publish(admin_client, **overrides) -> Organisation:
    response = admin_client.post(reverse(ADD), org_form(publish=True, **overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Organisation.objects.get(name=overrides.get("name", "Prevention Point Philadelphia"))


@pytest.mark.parametrize(
    "typed", ["215.634.5272 x12", "(215) 634-5272 ext. 12", "+1 215 634 5272;ext=12"]
)
def test_an_extension_is_kept_and_served(admin_client, gql, typed):
    org = publish(admin_client, phone=typed)
    assert org.phone == "+12156345272;ext=12"
    item = gql(PHONES)["data"]["organisations"]["items"][0]
    assert item == {
        "name": "Prevention Point Philadelphia",
        "phone": "+12156345272",
        "phoneExtension": "12",
        "phoneUri": "tel:+12156345272;ext=12",
        "phoneDisplay": "(215) 634-5272 ext. 12",
    }


@pytest.mark.parametrize("code", ["988", "741741"])
def test_a_national_short_code_is_accepted_where_the_country_has_it(admin_client, gql, code):
    org = publish(admin_client, phone=code)
    assert org.phone == code
    item = gql(PHONES)["data"]["organisations"]["items"][0]
    assert (item["phone"], item["phoneExtension"], item["phoneUri"], item["phoneDisplay"]) == (
        code,
        "",
        f"tel:{code}",
        code,
    )


def test_a_short_code_another_country_lacks_is_refused(admin_client):
    response = admin_client.post(reverse(ADD), org_form(publish=True, phone="12", country="US"))
    assert response.status_code == 200
    assert "not a valid phone number for US" in response.content.decode()
    assert not Organisation.objects.exists()


def test_the_edit_form_shows_the_number_as_written_and_saving_it_again_changes_nothing(
    admin_client,
):
    org = publish(admin_client, phone="215.634.5272 x12")
    page = admin_client.get(reverse(EDIT, args=[org.pk])).content.decode()
    assert 'value="(215) 634-5272 ext. 12"' in page
    assert "+12156345272" not in page.split('name="phone"')[1].split(">")[0]

    # Saving the form as shown keeps the number and its extension.
    response = admin_client.post(
        reverse(EDIT, args=[org.pk]), org_form(publish=True, phone="(215) 634-5272 ext. 12")
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.phone == "+12156345272;ext=12"


def test_a_number_of_another_country_shows_in_international_form(admin_client):
    org = publish(admin_client, phone="+44 20 7946 0018")
    assert org.phone == "+442079460018"
    assert org.phone_display == "+44 20 7946 0018"


@pytest.mark.parametrize("stored", ["+12156345272", "+12156345272;ext=12", "988", "+442079460018"])
def test_cleaning_a_stored_number_again_gives_it_back(stored):
    assert normalise_phone(stored, "US") == stored


def test_a_mistyped_number_is_not_taken_for_a_short_code():
    with pytest.raises(Exception, match="not a valid phone number"):
        normalise_phone("555-12", "US")

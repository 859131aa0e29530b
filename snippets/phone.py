"""Phone numbers: validated with `phonenumbers`, stored in E.164, displayed in national form."""

import phonenumbers
from django.core.exceptions import ValidationError


def normalise_phone(raw: str, country: str) -> str:
    """Return ``raw`` in E.164 (``+12122136376``), or raise a ValidationError an editor can act on.

    ``country`` (ISO 3166 alpha-2) is the region used to read numbers written without ``+``.
    """
    raw = (raw or "").strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, (country or "US").upper())
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            "“%(raw)s” is not a phone number. Write it as on a letterhead, e.g. (212) 213-6376, "
            "or in international form, e.g. +1 212 213 6376.",
            code="invalid_phone",
            params={"raw": raw},
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            "“%(raw)s” is not a valid phone number for %(country)s. Check the digits, or give the "
            "number in international form starting with + and the country code.",
            code="invalid_phone",
            params={"raw": raw, "country": (country or "US").upper()},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str, country: str) -> str:
    """National form for readers in the organisation's country, international form otherwise."""
    if not e164:
        return ""
    number = phonenumbers.parse(e164, None)
    if phonenumbers.region_code_for_number(number) == (country or "").upper():
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

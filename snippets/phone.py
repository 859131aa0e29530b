"""Phone numbers: validated with `phonenumbers`, stored in E.164 (with the extension, if any),
shown in national form.

Stored forms (``Organisation.phone``):

* ``+12156345272``: E.164;
* ``+12156345272;ext=12``: E.164 and an extension (RFC 3966's ``ext`` parameter), from
  "215.634.5272 x12" or "(215) 634-5272 ext. 12";
* ``988``: a national short code (crisis lines, "988", "741741"), accepted where the
  organisation's country has it (libphonenumber's short-number data); it has no E.164 form and
  is dialled as written, in its country only.

Each is idempotent: cleaning a stored value again gives it back unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from django.core.exceptions import ValidationError
from phonenumbers import shortnumberinfo

EXTENSION = ";ext="


@dataclass(frozen=True)
class Phone:
    """A stored phone number, read back: the number to dial and the extension."""

    number: str  # E.164, or a short code's digits
    extension: str = ""
    country: str = "US"

    @classmethod
    def stored(cls, value: str, country: str) -> Phone | None:
        if not value:
            return None
        number, _sep, extension = value.partition(EXTENSION)
        return cls(number, extension, (country or "US").upper())

    @property
    def is_short_code(self) -> bool:
        return not self.number.startswith("+")

    @property
    def value(self) -> str:
        """The stored form."""
        return f"{self.number}{EXTENSION}{self.extension}" if self.extension else self.number

    @property
    def uri(self) -> str:
        """A ``tel:`` URI (RFC 3966): ``tel:+12156345272;ext=12``, or ``tel:988``."""
        return f"tel:{self.value}"

    def display(self) -> str:
        """National form for readers in the organisation's country, international form
        otherwise, with the extension: "(215) 634-5272 ext. 12"; a short code as it is."""
        if self.is_short_code:
            return self.number
        parsed = phonenumbers.parse(self.number, None)
        if self.extension:
            parsed.extension = self.extension
        if phonenumbers.region_code_for_number(parsed) == self.country:
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def normalise_phone(raw: str, country: str) -> str:
    """The stored form of ``raw`` (see the module docstring), or a ValidationError an editor can
    act on. ``country`` (ISO 3166 alpha-2) is the region used to read numbers written without
    ``+``, and whose short codes are accepted."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    country = (country or "US").upper()
    try:
        number = phonenumbers.parse(raw, country)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            "“%(raw)s” is not a phone number. Write it as on a letterhead, e.g. (212) 213-6376 "
            "or (215) 634-5272 ext. 12, in international form, e.g. +1 212 213 6376, or as a "
            "short code such as 988.",
            code="invalid_phone",
            params={"raw": raw},
        ) from exc
    if phonenumbers.is_valid_number(number):
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        return Phone(e164, number.extension or "", country).value
    # A short code is written as its digits alone ("988"): "555-12" is a mistyped number, even
    # though 55512 could be an SMS short code.
    if raw.isdigit() and shortnumberinfo.is_valid_short_number_for_region(number, country):
        return phonenumbers.national_significant_number(number)
    raise ValidationError(
        "“%(raw)s” is not a valid phone number for %(country)s. Check the digits, give the "
        "number in international form starting with + and the country code, or a short code "
        "valid in %(country)s (such as 988 in the US).",
        code="invalid_phone",
        params={"raw": raw, "country": country},
    )


def display_phone(stored: str, country: str) -> str:
    phone = Phone.stored(stored, country)
    return phone.display() if phone else ""

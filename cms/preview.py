"""Headless previews: an editor's Preview opens the frontend with a short-lived token.

Built on wagtail-headless-preview. Besides Wagtail's own server-rendered preview ("Page"), pages
and organisations get a "Frontend" preview mode: Wagtail stores the unsaved draft under a
signed token and shows the configured frontend (``WAGTAIL_HEADLESS_PREVIEW["CLIENT_URLS"]``)
with ``?content_type=...&token=...``; the frontend asks the API for the draft with that token.
Tokens expire after ``PREVIEW_TOKEN_MAX_AGE`` seconds (default one hour).
"""

import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview

FRONTEND_MODE = "frontend"


def token_max_age() -> int:
    return int(getattr(settings, "PREVIEW_TOKEN_MAX_AGE", 3600))


class FrontendPreviewMixin(HeadlessPreviewMixin):
    """Adds the "Frontend" preview mode, with expiring tokens, beside Wagtail's own."""

    @property
    def preview_modes(self):
        return [*super().preview_modes, (FRONTEND_MODE, "Frontend")]

    def serve_preview(self, request, mode_name):
        if mode_name == FRONTEND_MODE:
            return HeadlessPreviewMixin.serve_preview(self, request, mode_name)
        return super(HeadlessPreviewMixin, self).serve_preview(request, mode_name)

    @classmethod
    def get_page_from_preview_token(cls, token: str):
        """The previewed draft (page or snippet), or None when the token is forged, expired
        or unknown."""
        try:
            cls.get_preview_signer().unsign(token or "", max_age=token_max_age())
        except signing.BadSignature:  # includes SignatureExpired
            return None
        preview = PagePreview.objects.filter(
            content_type=ContentType.objects.get_for_model(cls), token=token
        ).first()
        if preview is None:
            return None
        draft = cls.from_json(preview.content_json)
        draft.pk = json.loads(preview.content_json).get("pk")
        # The token is the editor's permission to see this draft: api/visibility.py lets it
        # through where it would hide an unpublished page.
        draft._cms_preview = True
        return draft

    @property
    def is_preview_draft(self) -> bool:
        """Whether this object is a draft served through a preview token."""
        return getattr(self, "_cms_preview", False)

    def update_page_preview(self, token: str):
        # wagtail-headless-preview reads self.content_type, which only pages have.
        return PagePreview.objects.update_or_create(
            token=token,
            defaults={
                "content_type": ContentType.objects.get_for_model(type(self)),
                "content_json": self.to_json(),
            },
        )

    def create_page_preview(self):
        if self.pk is None and not hasattr(self, "get_parent"):
            # A snippet being created has no parent page to identify it by.
            preview, _ = self.update_page_preview(
                self.get_preview_signer().sign(f"new={self._meta.label}")
            )
            return preview
        return super().create_page_preview()

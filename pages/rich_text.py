"""Rich-text links to pages, served only when the target may be seen.

Wagtail stores a page link as ``<a linktype="page" id="...">`` and, when the text is served,
writes the page's URL in, whatever the page's state. A link to a draft, scheduled or private
page would give away its address (and title, through the slug). Such a link keeps its text
and loses its ``href`` until the page is visible (pages/visibility.py).
"""

from django.db.models import Model
from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from .visibility import visible


class PublicPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Model]:
        ids = [attrs.get("id") for attrs in attrs_list]
        # Any site's: a link to another site's page is served as an absolute URL.
        pages = visible(Page.objects.filter(id__in=ids)).defer_streamfields().specific()
        by_id = {str(page.id): page for page in pages}
        return [by_id.get(str(id_)) for id_ in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        return [
            f'<a href="{escape(page.localized.url)}">' if page else "<a>"
            for page in cls.get_many(attrs_list)
        ]

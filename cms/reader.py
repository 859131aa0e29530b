"""Serves the reference reader (``frontend_contract/reader/``) from Django in development.

The reader is static files and needs no server of its own: in production any static host
serves the folder. With ``SERVE_READER`` on (development and tests), ``/`` is the reader's
``index.html`` and ``/reader/<file>`` its files, so that ``make run`` shows the seed article at
``http://127.0.0.1:8000/`` and the admin's Frontend preview opens it on the same origin.
"""

from pathlib import Path

from django.http import Http404, HttpResponse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe
from django.views.static import serve

READER_DIR = Path(__file__).resolve().parent.parent / "frontend_contract" / "reader"
ASSETS_URL = "/reader/"


# The admin's Frontend preview shows the reader inside its preview panel (an iframe on the same
# origin); Django's default X-Frame-Options: DENY would leave the panel blank.
@xframe_options_sameorigin
@require_safe
def reader_index(request):
    """``index.html`` refers to its files relatively, as on a static host where the folder is
    the site's root; here it is served at ``/`` while its files live under ``/reader/``."""
    try:
        html = (READER_DIR / "index.html").read_text(encoding="utf-8")
    except FileNotFoundError as missing:
        raise Http404("The reader is not there.") from missing
    html = html.replace("<head>", f'<head>\n    <base href="{ASSETS_URL}">', 1)
    return HttpResponse(html, content_type="text/html; charset=utf-8")


@require_safe
def reader_file(request, path: str):
    response = serve(request, path, document_root=READER_DIR)
    if path == "sw.js":
        # The reader's pages are at / here, above the folder sw.js is served from: let its
        # service worker control them.
        response["Service-Worker-Allowed"] = "/"
    return response

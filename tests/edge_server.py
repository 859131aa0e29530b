"""An edge cache's purge listener on loopback, for the tests of api/core/edge.py: records every
PURGE it receives, answers 404 for paths containing "missing" (nothing cached there), and 502
while ``failing`` is set."""

import contextlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread


class PurgeRecorder(BaseHTTPRequestHandler):
    purged: list = []  # (Host header, path) of each PURGE, in order
    tag_purges: list = []  # the xkey-purge header of each PURGE by tag (Varnish), in order
    failing = False

    def do_PURGE(self):
        if PurgeRecorder.failing:
            self.send_response(502)
        elif self.headers["xkey-purge"] is not None:
            PurgeRecorder.tag_purges.append(self.headers["xkey-purge"])
            self.send_response(200)
        else:
            PurgeRecorder.purged.append((self.headers["Host"], self.path))
            self.send_response(404 if "missing" in self.path else 200)
        self.end_headers()

    def log_message(self, *args):
        pass

    @classmethod
    def paths(cls) -> list[str]:
        return [path for _host, path in cls.purged]

    @classmethod
    def keys(cls) -> list[str]:
        return list(cls.tag_purges)


@contextlib.contextmanager
def purge_listener(settings):
    """Start the listener and point ``WAGTAILFRONTENDCACHE`` at it, as production's
    ``EDGE_PURGE_LOCATION`` does; yield the recorder class."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    Thread(target=server.serve_forever, daemon=True).start()
    PurgeRecorder.purged, PurgeRecorder.tag_purges, PurgeRecorder.failing = [], [], False
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "api.core.edge.NginxPurgeBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    try:
        yield PurgeRecorder
    finally:
        server.shutdown()
        server.server_close()

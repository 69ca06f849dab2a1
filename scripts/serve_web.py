"""Serve web/ (the widget and its demo page) on 127.0.0.1:WIDGET_PORT (default 8080).

The demo page's placeholders are filled from the environment: RASA_URL, API_URL, EXIT_URL, WIDGET_LANG.
No cookies, no logging of requests, and headers that keep pages out of caches and referrers.
"""
from __future__ import annotations

import functools
import os
import pathlib
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

ROOT = pathlib.Path(__file__).resolve().parent.parent
WEB = ROOT / "web"


class Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # no access log
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802
        if self.path.split("?")[0] in ("/", "/index.html"):
            port = os.environ.get("WIDGET_PORT", "8080")
            values = {
                "{{RASA_URL}}": os.environ.get("RASA_URL", f"http://localhost:{os.environ.get('RASA_PORT', '5005')}"),
                "{{API_URL}}": os.environ.get("API_URL", f"http://localhost:{os.environ.get('ACTION_PORT', '5055')}"),
                "{{EXIT_URL}}": os.environ.get("EXIT_URL", "https://www.google.com/search?q=weerbericht"),
                "{{WIDGET_URL}}": os.environ.get("WIDGET_URL", f"http://localhost:{port}"),
                "{{LANG}}": os.environ.get("WIDGET_LANG", "auto"),
            }
            page = (WEB / "index.html").read_text(encoding="utf-8")
            for key, value in values.items():
                page = page.replace(key, value)
            data = page.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        super().do_GET()


def main() -> None:
    port = int(os.environ.get("WIDGET_PORT", "8080"))
    server = ThreadingHTTPServer((os.environ.get("WIDGET_HOST", "127.0.0.1"), port),
                                 functools.partial(Handler, directory=str(WEB)))
    server.serve_forever()


if __name__ == "__main__":
    main()

"""The action server process: rasa-sdk's action endpoint plus the directory API (/api/desks).

    python -m actions.server --port 5055

Binds to 127.0.0.1 unless ACTION_HOST says otherwise; no CORS on the action webhook (only Rasa calls it).
"""
from __future__ import annotations

import argparse
import logging
import os
from functools import partial

from rasa_sdk.endpoint import create_app_for_serve
from rasa_sdk.executor import ActionExecutor
from sanic import Sanic
from sanic.worker.loader import AppLoader

from directory.api import blueprint as directory_api
from privacy import conversations
from privacy.api import blueprint as privacy_api

log = logging.getLogger(__name__)


def create_server_app(action_package: str) -> Sanic:
    executor = ActionExecutor()
    executor.register_package(action_package)
    app = create_app_for_serve(executor, cors_origins=None)
    app.blueprint(directory_api)
    app.blueprint(privacy_api)

    @app.after_server_start
    async def start_retention(app_: Sanic) -> None:
        app_.add_task(conversations.retention_job(), name="retention")

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTION_PORT", "5055")))
    parser.add_argument("--host", default=os.environ.get("ACTION_HOST", "127.0.0.1"))
    parser.add_argument("--actions", default="actions")
    args = parser.parse_args()
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "WARNING"),
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    loader = AppLoader(factory=partial(create_server_app, args.actions))
    app = loader.load()
    app.prepare(host=args.host, port=args.port, workers=1, single_process=True, access_log=False,
                motd=False)
    Sanic.serve(primary=app, app_loader=loader)


if __name__ == "__main__":
    main()

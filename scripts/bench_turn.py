"""Where the time of a turn goes, measured inside the Rasa process (run with .venv-rasa, action server running).

    .venv-rasa/bin/python scripts/bench_turn.py --model models/x.tar.gz --conversations 20 --json out.json

Loads the model with endpoints.yml (action server, CatalogNLG, SQL tracker store from the environment), holds
`--conversations` scripted conversations in process (one turn at a time, so timings do not overlap) and
attributes the wall time of every turn to: each graph node (NLU components, policies), the action server
round trip (RemoteAction.run, including its directory queries), NLG (CatalogNLG.generate) and the tracker store
(SQLTrackerStore.retrieve/save). Times are exclusive: a nested call is not counted twice.
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import functools
import json
import os
import pathlib
import sys
import time
import uuid

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from conversations import SCRIPT  # noqa: E402

totals: collections.Counter = collections.Counter()
stack: list[list] = []  # [category, start, time spent in nested timed calls]


def _enter(category: str) -> None:
    stack.append([category, time.perf_counter(), 0.0])


def _exit() -> None:
    category, start, nested = stack.pop()
    elapsed = time.perf_counter() - start
    totals[category] += elapsed - nested
    if stack:
        stack[-1][2] += elapsed


def timed_async(category, fn):  # noqa: ANN001
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003
        _enter(category(args) if callable(category) else category)
        try:
            return await fn(*args, **kwargs)
        finally:
            _exit()
    return wrapper


def timed_sync(category, fn):  # noqa: ANN001
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003
        _enter(category(args) if callable(category) else category)
        try:
            return fn(*args, **kwargs)
        finally:
            _exit()
    return wrapper


def _node_category(args: tuple) -> str:
    name = getattr(args[0], "_node_name", "graph")
    return "graph: " + name.split("_", 1)[-1] if name.startswith(("run_", "train_")) else "graph: " + name


def instrument() -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.engine.graph import GraphNode

    from infopunt.rasa_ext.nlg import CatalogNLG

    GraphNode.__call__ = timed_sync(_node_category, GraphNode.__call__)
    RemoteAction.run = timed_async("action server (HTTP round trip, incl. directory DB)", RemoteAction.run)
    CatalogNLG.generate = timed_async("NLG (catalogs)", CatalogNLG.generate)
    SQLTrackerStore.retrieve = timed_async("tracker store (SQL)", SQLTrackerStore.retrieve)
    SQLTrackerStore.save = timed_async("tracker store (SQL)", SQLTrackerStore.save)


async def run(model: str, conversations: int) -> dict:
    from rasa.core.agent import load_agent
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.core.utils import AvailableEndpoints

    agent = await load_agent(model_path=model, endpoints=AvailableEndpoints.read_endpoints(str(ROOT / "endpoints.yml")))
    for text in SCRIPT[:3]:  # warm up (first calls load catalogs, open connections)
        await agent.handle_message(UserMessage(text, CollectingOutputChannel(), f"warmup-{uuid.uuid4().hex}"))
    instrument()
    totals.clear()
    turns, wall = 0, 0.0
    for _ in range(conversations):
        sender = f"bench-{uuid.uuid4().hex[:16]}"
        for text in SCRIPT:
            started = time.perf_counter()
            await agent.handle_message(UserMessage(text, CollectingOutputChannel(), sender))
            wall += time.perf_counter() - started
            turns += 1
    parts = {k: round(v / turns * 1000, 3) for k, v in totals.most_common()}
    parts["other (Rasa processor, events, serialisation)"] = round((wall - sum(totals.values())) / turns * 1000, 3)
    return {"turns": turns, "mean_turn_ms": round(wall / turns * 1000, 3), "parts_ms": parts}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", required=True)
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--json", required=True)
    args = parser.parse_args()
    import logging

    from rasa.utils.log_utils import configure_structlog

    logging.basicConfig(level=logging.ERROR)
    configure_structlog(logging.ERROR)  # as `rasa run` at its default level: no debug output in the timings
    result = asyncio.run(run(args.model, args.conversations))
    pathlib.Path(args.json).write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

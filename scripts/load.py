"""Bounded load on a local stack: N concurrent conversations for D seconds through the REST channel.

    .venv/bin/python scripts/load.py --url http://127.0.0.1:5005/webhooks/rest/webhook --conversations 10 \
        --seconds 600 [--pids 123,456] [--json out.json]

Only loopback URLs are accepted. Reports turns, failures (HTTP error, empty reply, degraded reply), p50/p95/p99
latency, messages per second, and the resident memory of the given processes at the start and the end.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import pathlib
import statistics
import sys
import time
import urllib.parse
import uuid

import httpx

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from conversations import SCRIPT  # noqa: E402
from infopunt import i18n  # noqa: E402
from infopunt.languages import supported  # noqa: E402

# A turn answered with the degraded reply (something failed inside the stack) counts as failed.
DEGRADED = tuple(i18n.text(code, "utter_degraded")[:25] for code in supported())


def rss_kb(pid: int) -> int:
    try:
        for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def conversation(client: httpx.AsyncClient, url: str, deadline: float, stats: dict,
                       script: list[str], turns_per_conversation: int = 0) -> None:
    """One simulated user; with `turns_per_conversation`, the user starts a new conversation (new sender id) after
    that many turns, as people do, instead of one conversation growing for the whole run."""
    sender = f"load-{uuid.uuid4().hex[:16]}"
    i = 0
    while time.monotonic() < deadline:
        if turns_per_conversation and i and i % turns_per_conversation == 0:
            sender = f"load-{uuid.uuid4().hex[:16]}"
        text = script[i % len(script)]
        i += 1
        started = time.monotonic()
        try:
            reply = await client.post(url, json={"sender": sender, "message": text})
            elapsed = time.monotonic() - started
            body = reply.json() if reply.status_code == 200 else None
            ok = bool(body) and not any(m.get("text", "").startswith(DEGRADED) for m in body)
        except (httpx.HTTPError, ValueError):
            elapsed, ok = time.monotonic() - started, False
        stats["latencies"].append(elapsed)
        stats["turns"] += 1
        if not ok:
            stats["failures"] += 1


async def run(url: str, conversations: int, seconds: float, pids: list[int], script: list[str] = SCRIPT,
              turns_per_conversation: int = 0, warmup: float = 0.0) -> dict:
    host = urllib.parse.urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("load tests only target this machine (loopback)")
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=conversations + 2)) as client:
        if warmup:  # the same load, not counted: memory is measured from here (caches and lazy imports filled)
            ignored = {"turns": 0, "failures": 0, "latencies": []}
            await asyncio.gather(*(conversation(client, url, time.monotonic() + warmup, ignored, script,
                                                turns_per_conversation) for _ in range(conversations)))
        stats = {"turns": 0, "failures": 0, "latencies": []}
        memory_start = {pid: rss_kb(pid) for pid in pids}
        started = time.monotonic()
        await asyncio.gather(*(conversation(client, url, started + seconds, stats, script, turns_per_conversation)
                               for _ in range(conversations)))
    wall = time.monotonic() - started
    lat = stats["latencies"]
    memory_end = {pid: rss_kb(pid) for pid in pids}
    return {
        "conversations": conversations, "seconds": round(wall, 1), "turns": stats["turns"],
        "failures": stats["failures"], "messages_per_second": round(stats["turns"] / wall, 2),
        "p50_ms": round(percentile(lat, 0.50) * 1000), "p95_ms": round(percentile(lat, 0.95) * 1000),
        "p99_ms": round(percentile(lat, 0.99) * 1000), "mean_ms": round(statistics.mean(lat) * 1000) if lat else 0,
        "memory_kb": {str(pid): {"start": memory_start[pid], "end": memory_end[pid]} for pid in pids},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:5005/webhooks/rest/webhook")
    parser.add_argument("--conversations", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--pids", default="")
    parser.add_argument("--turns-per-conversation", type=int, default=0, help="0: one conversation per user")
    parser.add_argument("--warmup", type=float, default=0.0, help="seconds of uncounted load first")
    parser.add_argument("--json")
    args = parser.parse_args()
    pids = [int(p) for p in args.pids.split(",") if p]
    result = asyncio.run(run(args.url, args.conversations, args.seconds, pids, SCRIPT, args.turns_per_conversation,
                             args.warmup))
    print(json.dumps(result, indent=1))
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(result, indent=1))
    return 0 if result["failures"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

"""`make scale-demo`: two Rasa servers behind nginx, sharing a PostgreSQL tracker store and a Redis lock store.

    .venv/bin/python scripts/scale_demo.py [--conversations 20] [--turns 12] [--no-control]

Starts (loopback only) one action server, two Rasa server processes with deploy/endpoints.yml, and nginx
round-robin in front of them; installs nginx from Debian's packages and starts PostgreSQL / Redis if they are
missing. Then:
1. interleaved: every conversation sends its messages one after the other, alternately to replica A and
   replica B (and a second round through nginx);
2. burst: every conversation sends several messages at once, to both replicas, without waiting.
Checks, from the PostgreSQL tracker store: every message is there exactly once, in the order it was sent (for
the interleaved round), each user message is followed by its own answer before the next user message starts
(turns never interleave), and the HTTP reply of each message is the answer the tracker recorded for it.
Control (unless --no-control): the burst again with each replica on its own in-memory lock store, to show that
the check catches what the shared lock store prevents. Results: docs/scale-out-check.md.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import httpx  # noqa: E402

from bench import ENV, PY, RASA_PY, Processes, free_port, our_model, wait_for  # noqa: E402

PG = "postgresql://postgres@127.0.0.1:5432"
DB = "infopunt_scale_demo"
MESSAGES = ["/greet", "/ask_privacy", "/ask_rights/legal_aid", "/ask_report", "/ask_human", "/thank",
            "/ask_shelter/general", "/ask_compensation/unpaid_wages", "/bot_challenge", "/goodbye"]


def sh(cmd: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, shell=True, check=check, capture_output=True, text=True)


def ensure_services() -> None:
    if not shutil.which("nginx"):
        print("installing nginx (Debian package) ...", flush=True)
        sh("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light "
           "|| DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx")
    if sh("pg_isready -q -h 127.0.0.1 -p 5432", check=False).returncode != 0:
        sh("pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | sort -V | tail -1) main start")
        for _ in range(30):
            if sh("pg_isready -q -h 127.0.0.1 -p 5432", check=False).returncode == 0:
                break
            time.sleep(1)
    if sh("redis-cli -h 127.0.0.1 -p 6379 ping", check=False).stdout.strip() != "PONG":
        if not shutil.which("redis-server"):
            sh("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server")
        sh('redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no')
        time.sleep(1)


def fresh_database() -> str:
    sh(f'psql {PG}/postgres -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS {DB}" -c "CREATE DATABASE {DB}"')
    return f"{PG}/{DB}"


def nginx_conf(workdir: pathlib.Path, port: int, upstreams: list[int]) -> pathlib.Path:
    servers = "\n".join(f"    server 127.0.0.1:{p};" for p in upstreams)
    conf = workdir / "nginx.conf"
    conf.write_text(f"""worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {workdir}/nginx-body;
  proxy_temp_path {workdir}/nginx-proxy;
  upstream rasa {{
{servers}
  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{ proxy_pass http://rasa; proxy_read_timeout 120s; }}
  }}
}}
""")
    return conf


def start_backend(procs: Processes, workdir: pathlib.Path, db_url: str, redis_db: str) -> tuple[dict, subprocess.Popen]:
    """The seeded directory and one action server; returns the environment the Rasa replicas need and the action
    server's process."""
    action_port = free_port()
    env = dict(ENV, ACTION_SERVER_URL=f"http://127.0.0.1:{action_port}/webhook", TRACKER_STORE_URL=db_url,
               REDIS_HOST="127.0.0.1", REDIS_PORT="6379", REDIS_PASSWORD="", REDIS_DB=redis_db,
               DATABASE_URL=f"sqlite:///{workdir / f'directory-{redis_db}.db'}")
    subprocess.run([PY, "-m", "directory.seed"], cwd=ROOT, env=env, check=True, capture_output=True)
    actions = procs.start(f"actions-{redis_db}", [PY, "-m", "actions.server", "--port", str(action_port)], env)
    wait_for(f"http://127.0.0.1:{action_port}/health", actions)
    return env, actions


def start_rasa(procs: Processes, name: str, env: dict, endpoints: pathlib.Path) -> int:
    port = free_port()
    proc = procs.start(name, [RASA_PY, "-m", "rasa", "run", "--model", str(our_model()), "--endpoints",
                              str(endpoints), "--credentials", "credentials.yml", "--port", str(port),
                              "--interface", "127.0.0.1"], env)
    wait_for(f"http://127.0.0.1:{port}/", proc)
    return port


async def send(client: httpx.AsyncClient, url: str, sender: str, text: str) -> list[str]:
    r = await client.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text})
    r.raise_for_status()
    return [m.get("text", "") for m in r.json()]


async def interleaved(urls: list[str], conversations: int, turns: int) -> dict[str, list[tuple[str, list[str]]]]:
    """Each conversation sends its turns one after the other, replica by replica in turn."""
    sent: dict[str, list[tuple[str, list[str]]]] = {}

    async def one(client: httpx.AsyncClient, sender: str) -> None:
        sent[sender] = []
        for i in range(turns):
            text = MESSAGES[i % len(MESSAGES)]
            sent[sender].append((text, await send(client, urls[i % len(urls)], sender, text)))

    async with httpx.AsyncClient(timeout=120) as client:
        await asyncio.gather(*(one(client, f"scale-{uuid.uuid4().hex[:12]}") for _ in range(conversations)))
    return sent


async def burst(urls: list[str], conversations: int, turns: int) -> dict[str, list[tuple[str, list[str]]]]:
    """Each conversation sends all its turns at once, spread over the replicas, without waiting."""
    sent: dict[str, list[tuple[str, list[str]]]] = {}

    async def one(client: httpx.AsyncClient, sender: str) -> None:
        texts = [MESSAGES[i % len(MESSAGES)] for i in range(turns)]
        replies = await asyncio.gather(*(send(client, urls[i % len(urls)], sender, t) for i, t in enumerate(texts)))
        sent[sender] = list(zip(texts, replies))

    async with httpx.AsyncClient(timeout=120) as client:
        await asyncio.gather(*(one(client, f"burst-{uuid.uuid4().hex[:12]}") for _ in range(conversations)))
    return sent


def recorded_turns(db_url: str, sender: str) -> list[tuple[str, list[str]]]:
    """(user text, bot texts up to the next user message) from the tracker store, in event order."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT type_name, data FROM events WHERE sender_id = :s ORDER BY id"),
                            {"s": sender}).all()
    engine.dispose()
    turns: list[tuple[str, list[str]]] = []
    for type_name, data in rows:
        event = json.loads(data)
        if type_name == "user":
            turns.append((event.get("text"), []))
        elif type_name == "bot" and turns:
            turns[-1][1].append(event.get("text") or "")
    return turns


def check(db_url: str, sent: dict[str, list[tuple[str, list[str]]]], ordered: bool) -> dict:
    lost = misordered = mismatched = 0
    examples: list[dict] = []
    for sender, turns in sent.items():
        recorded = recorded_turns(db_url, sender)
        if sorted(t for t, _ in recorded) != sorted(t for t, _ in turns) or len(recorded) != len(turns):
            lost += 1
            examples.append({"sent": [t for t, _ in turns], "recorded": [t for t, _ in recorded]})
            continue
        if ordered and [t for t, _ in recorded] != [t for t, _ in turns]:
            misordered += 1
        # each HTTP reply must be exactly what the tracker recorded after that message (turns did not interleave)
        remaining = list(recorded)
        for text, reply in turns:
            match = next((r for r in remaining if r[0] == text and r[1] == reply), None)
            if match is None or not reply:
                mismatched += 1
                break
            remaining.remove(match)
    return {"conversations": len(sent), "turns": sum(len(t) for t in sent.values()),
            "conversations_with_lost_or_extra_turns": lost, "conversations_out_of_order": misordered,
            "conversations_with_interleaved_or_wrong_replies": mismatched, "examples": examples[:2]}


def run(args: argparse.Namespace, workdir: pathlib.Path) -> dict:
    ensure_services()
    procs = Processes(workdir)
    results: dict = {}
    try:
        db_url = fresh_database()
        env, _ = start_backend(procs, workdir, db_url, redis_db="7")
        endpoints = ROOT / "deploy" / "endpoints.yml"
        ports = [start_rasa(procs, "rasa-a", env, endpoints)]
        ports.append(start_rasa(procs, "rasa-b", env, endpoints))
        lb_port = free_port()
        conf = nginx_conf(workdir, lb_port, ports)
        nginx = procs.start("nginx", ["nginx", "-c", str(conf), "-p", str(workdir), "-g", "daemon off;"], env)
        wait_for(f"http://127.0.0.1:{lb_port}/", nginx)
        replicas = [f"http://127.0.0.1:{p}" for p in ports]
        balancer = [f"http://127.0.0.1:{lb_port}"]
        print(f"two replicas on {ports}, nginx on {lb_port}, tracker store {DB}, Redis lock store", flush=True)
        started = time.monotonic()
        sent = asyncio.run(interleaved(replicas, args.conversations, args.turns))
        results["interleaved (A, B, A, B, ...)"] = check(db_url, sent, ordered=True)
        sent = asyncio.run(interleaved(balancer, args.conversations, args.turns))
        results["through nginx (round robin)"] = check(db_url, sent, ordered=True)
        sent = asyncio.run(burst(replicas, args.conversations, 4))
        results["burst (4 at once, both replicas)"] = check(db_url, sent, ordered=False)
        results["seconds"] = round(time.monotonic() - started, 1)
        for name in ("rasa-a", "rasa-b"):
            procs.procs.pop(name).terminate()
        if args.control:
            # Same burst, but each replica with its own in-memory lock store (no lock_store in the endpoints).
            control = workdir / "endpoints-no-lock.yml"
            control.write_text(endpoints.read_text().split("lock_store:")[0])
            ports = [start_rasa(procs, "rasa-c", env, control), start_rasa(procs, "rasa-d", env, control)]
            sent = asyncio.run(burst([f"http://127.0.0.1:{p}" for p in ports], args.conversations, 4))
            results["control: burst without the shared lock store"] = check(db_url, sent, ordered=False)
    finally:
        procs.stop_all()
        sh(f'psql {PG}/postgres -c "DROP DATABASE IF EXISTS {DB}"', check=False)
    return results


def report(results: dict, command: str) -> str:
    lines = ["# Scale-out check", "",
             f"Measured {dt.date.today()} on this machine with `make scale-demo`, i.e.:", "", f"    {command}", "",
             "Two Rasa server processes (deploy/endpoints.yml) share a PostgreSQL tracker store and a Redis lock "
             "store; nginx balances round robin in front of them; one action server.", "",
             "| round | conversations | turns | lost or extra | out of order | interleaved or wrong replies |",
             "|---|---|---|---|---|---|"]
    for name, r in results.items():
        if isinstance(r, dict):
            lines.append(f"| {name} | {r['conversations']} | {r['turns']} | {r['conversations_with_lost_or_extra_turns']} "
                         f"| {r['conversations_out_of_order']} | {r['conversations_with_interleaved_or_wrong_replies']} |")
    lines += ["", f"Rounds with the lock store took {results.get('seconds')} s. The control round shows that the "
                  "check can fail: without a shared lock store, two replicas handle the same conversation at the same "
                  "time.", ""]
    return "\n".join(lines)


def passed(results: dict) -> bool:
    return all(
        r["conversations_with_lost_or_extra_turns"] == 0 and r["conversations_out_of_order"] == 0
        and r["conversations_with_interleaved_or_wrong_replies"] == 0
        for name, r in results.items() if isinstance(r, dict) and not name.startswith("control")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--turns", type=int, default=12)
    parser.add_argument("--no-control", dest="control", action="store_false")
    parser.add_argument("--out", default=str(ROOT / "docs" / "scale-out-check.md"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
        results = run(args, pathlib.Path(tmp))
    print(json.dumps(results, indent=1))
    command = "make scale-demo  # .venv/bin/python scripts/scale_demo.py " + " ".join(sys.argv[1:])
    pathlib.Path(args.out).write_text(report(results, command), encoding="utf-8")
    with contextlib.suppress(Exception):
        pass
    ok = passed(results)
    print("scale-out check:", "passed" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""`make bench`: benchmarks of the full stack against a plain Rasa baseline, on this machine, in one run.

    .venv/bin/python scripts/bench.py [--seconds 30] [--levels 1,10,50] [--out docs/benchmarks.md]

1. Throughput and latency through the REST channel at 1, 10 and 50 concurrent conversations, for
   (a) the `rasa init` starter assistant with Rasa's default config (same Rasa, same load client, in memory), and
   (b) our full stack (Rasa + action server + catalog NLG + SQL tracker store + directory database).
2. Where the time of a turn goes (scripts/bench_turn.py, inside the Rasa process) and the processes' memory.
3. How cost grows: latency against tracker length (1 to 200 turns in one conversation) and directory lookup
   time against directory size (150 to 10 000 organisations, synthetic organisations added to the real data).
4. Training time and model size for all languages.
Results: docs/benchmarks.md, docs/bench-concurrency.png, docs/bench-tracker.png, docs/bench-directory.png and
the raw numbers in docs/benchmarks.json. Only loopback; everything it starts is stopped at the end.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import pathlib
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import httpx  # noqa: E402

import load  # noqa: E402
from conversations import BASELINE_SCRIPT, SCRIPT  # noqa: E402

PY = str(ROOT / ".venv" / "bin" / "python")
RASA_PY = str(ROOT / ".venv-rasa" / "bin" / "python")
BASELINE = ROOT / ".cache" / "bench" / "baseline"
ENV = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="3", PYTHONPATH=str(ROOT))


def free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args} exited with {proc.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, timeout=2).status_code < 500:
                return
        time.sleep(0.5)
    raise TimeoutError(url)


class Processes:
    def __init__(self, workdir: pathlib.Path) -> None:
        self.workdir = workdir
        self.procs: dict[str, subprocess.Popen] = {}

    def start(self, name: str, cmd: list[str], env: dict, cwd: pathlib.Path = ROOT) -> subprocess.Popen:
        log = (self.workdir / f"{name}.log").open("wb")
        self.procs[name] = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        return self.procs[name]

    def stop_all(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.procs.clear()


def rss_mb(pid: int) -> float:
    return round(load.rss_kb(pid) / 1024, 1)


# --- models ---------------------------------------------------------------------------------------------------

def baseline_model() -> tuple[pathlib.Path, float | None]:
    """The `rasa init` starter assistant, trained once with Rasa's defaults and cached in .cache/bench/."""
    found = sorted((BASELINE / "models").glob("*.tar.gz"))
    if found:
        return found[-1], None
    shutil.rmtree(BASELINE, ignore_errors=True)
    BASELINE.mkdir(parents=True)
    started = time.monotonic()
    subprocess.run([RASA_PY, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(BASELINE)], cwd=BASELINE,
                   env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return sorted((BASELINE / "models").glob("*.tar.gz"))[-1], time.monotonic() - started


def our_model() -> pathlib.Path:
    if os.environ.get("BENCH_MODEL"):  # another model, e.g. while the data is being edited
        return pathlib.Path(os.environ["BENCH_MODEL"])
    out = subprocess.run([PY, "scripts/model.py", "path"], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit("no trained model for the current data: run `make train`")
    return pathlib.Path(out.stdout.strip())


def training_figures(workdir: pathlib.Path) -> dict:
    """Trains our model once more into a scratch folder, timed (same command as `make train`)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import model as model_script

    out = workdir / "train"
    cmd = [RASA_PY, "-m", "rasa", "train", "--config", "config.yml", "--domain", "domain", "--data",
           *[str(p.relative_to(ROOT)) for p in model_script.data_paths()], "--out", str(out), "--quiet"]
    started = time.monotonic()
    subprocess.run(cmd, cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.monotonic() - started
    size = sum(p.stat().st_size for p in out.glob("*.tar.gz"))
    from infopunt.languages import supported

    return {"seconds": round(seconds, 1), "model_mb": round(size / 1e6, 2), "languages": list(supported())}


# --- load -----------------------------------------------------------------------------------------------------

def run_levels(url: str, levels: list[int], seconds: float, script: list[str], pids: list[int]) -> list[dict]:
    results = []
    for level in levels:
        # Each simulated user holds one scripted conversation after another (as in `make soak`); the growth of a
        # single long conversation is measured separately (tracker_growth).
        r = asyncio.run(load.run(url, conversations=level, seconds=seconds, pids=pids, script=script,
                                 turns_per_conversation=len(script)))
        print(f"  {level:>3} conversations: {r['messages_per_second']} msg/s, p50 {r['p50_ms']} ms, "
              f"p95 {r['p95_ms']} ms, failures {r['failures']}", flush=True)
        results.append(r)
    return results


def baseline_run(procs: Processes, levels: list[int], seconds: float) -> dict:
    model, trained = baseline_model()
    port = free_port()
    rasa = procs.start("baseline-rasa", [RASA_PY, "-m", "rasa", "run", "--model", str(model), "--credentials",
                                         "credentials.yml", "--port", str(port), "--interface", "127.0.0.1"],
                       ENV, cwd=BASELINE)
    wait_for(f"http://127.0.0.1:{port}/", rasa)
    url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    print("baseline (rasa init, default config):", flush=True)
    levels_out = run_levels(url, levels, seconds, BASELINE_SCRIPT, [rasa.pid])
    out = {"levels": levels_out, "memory_mb": {"rasa": rss_mb(rasa.pid)},
           "training_seconds": round(trained, 1) if trained else None,
           "model_mb": round(model.stat().st_size / 1e6, 2)}
    procs.stop_all()
    return out


def stack_env(workdir: pathlib.Path, action_port: int) -> dict:
    return dict(ENV, ACTION_PORT=str(action_port), ACTION_SERVER_URL=f"http://127.0.0.1:{action_port}/webhook",
                TRACKER_DIALECT="sqlite", TRACKER_STORE_URL=f"sqlite:///{workdir / 'conversations.db'}",
                DATABASE_URL=f"sqlite:///{workdir / 'directory.db'}")


def start_stack(procs: Processes, workdir: pathlib.Path) -> tuple[dict, str, subprocess.Popen, subprocess.Popen]:
    action_port, rasa_port = free_port(), free_port()
    env = stack_env(workdir, action_port)
    subprocess.run([PY, "-m", "directory.seed"], cwd=ROOT, env=env, check=True, capture_output=True)
    actions = procs.start("actions", [PY, "-m", "actions.server", "--port", str(action_port)], env)
    wait_for(f"http://127.0.0.1:{action_port}/health", actions)
    rasa = procs.start("rasa", [RASA_PY, "-m", "rasa", "run", "--model", str(our_model()), "--endpoints",
                                "endpoints.yml", "--credentials", "credentials.yml", "--port", str(rasa_port),
                                "--interface", "127.0.0.1"], env)
    wait_for(f"http://127.0.0.1:{rasa_port}/", rasa)
    return env, f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook", rasa, actions


def tracker_growth(url: str, turns: int) -> list[dict]:
    """One conversation of `turns` turns: latency of every turn, as the tracker grows."""
    sender = f"bench-long-{uuid.uuid4().hex[:12]}"
    out = []
    with httpx.Client(timeout=60) as client:
        for i in range(turns):
            started = time.perf_counter()
            client.post(url, json={"sender": sender, "message": SCRIPT[i % len(SCRIPT)]}).raise_for_status()
            out.append({"turn": i + 1, "ms": round((time.perf_counter() - started) * 1000, 2)})
    return out


def stack_run(procs: Processes, workdir: pathlib.Path, levels: list[int], seconds: float, turns: int) -> dict:
    env, url, rasa, actions = start_stack(procs, workdir)
    print("full stack:", flush=True)
    levels_out = run_levels(url, levels, seconds, SCRIPT, [rasa.pid, actions.pid])
    memory = {"rasa": rss_mb(rasa.pid), "action server": rss_mb(actions.pid)}
    growth = tracker_growth(url, turns)
    print(f"  tracker growth: turn 1 {growth[0]['ms']} ms, turn {turns} {growth[-1]['ms']} ms", flush=True)
    procs.procs.pop("rasa").terminate()
    rasa.wait(timeout=30)
    breakdown_json = workdir / "turn.json"
    subprocess.run([RASA_PY, "scripts/bench_turn.py", "--model", str(our_model()), "--conversations", "20",
                    "--json", str(breakdown_json)], cwd=ROOT,
                   env=dict(env, TRACKER_STORE_URL=f"sqlite:///{workdir / 'turn-conversations.db'}"),
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.stop_all()
    return {"levels": levels_out, "memory_mb": memory, "tracker_growth": growth,
            "turn": json.loads(breakdown_json.read_text())}


def scaled_run(procs: Processes, workdir: pathlib.Path, levels: list[int], seconds: float, replicas: int) -> dict:
    """The scale-out profile on this machine: `replicas` Rasa processes behind nginx, Redis lock store, PostgreSQL
    tracker store, one action server (scripts/scale_demo.py starts the same)."""
    import scale_demo

    scale_demo.ensure_services()
    env, actions = scale_demo.start_backend(procs, workdir, scale_demo.fresh_database(), redis_db="8")
    ports = [scale_demo.start_rasa(procs, f"rasa-{i}", env, ROOT / "deploy" / "endpoints.yml") for i in range(replicas)]
    lb_port = free_port()
    conf = scale_demo.nginx_conf(workdir, lb_port, ports)
    nginx = procs.start("nginx", ["nginx", "-c", str(conf), "-p", str(workdir), "-g", "daemon off;"], env)
    wait_for(f"http://127.0.0.1:{lb_port}/", nginx)
    print(f"full stack, {replicas} Rasa processes (nginx, Redis lock store, PostgreSQL):", flush=True)
    pids = [procs.procs[f"rasa-{i}"].pid for i in range(replicas)] + [actions.pid]
    out = {"levels": run_levels(f"http://127.0.0.1:{lb_port}/webhooks/rest/webhook", levels, seconds, SCRIPT, pids),
           "replicas": replicas}
    procs.stop_all()
    scale_demo.sh(f'psql {scale_demo.PG}/postgres -c "DROP DATABASE IF EXISTS {scale_demo.DB}"', check=False)
    return out


# --- directory ------------------------------------------------------------------------------------------------

PLACES = ["Enschede", "Den Bosch", "Leeuwarden", "3511", "Tilburg", "Amsterdam", "Zwolle", "Maastricht",
          "Groningen", "Rotterdam", "Ljouwert", "Terschelling", "Venlo", "Almere", "Delft"]
TOPICS = ["reporting", "care", "labour", "shelter"]


def directory_scaling(workdir: pathlib.Path, sizes: list[int]) -> list[dict]:
    from sqlalchemy import func, select

    from directory import api, db, places, seed
    from directory.models import Municipality, Organisation

    rng = random.Random(42)
    results = []
    for size in sizes:
        url = f"sqlite:///{workdir / f'directory-{size}.db'}"
        os.environ["DATABASE_URL"] = url
        db.session_factory.cache_clear()
        places.clear_cache()
        seed.seed(url)
        with db.session_factory(url)() as session:
            codes = list(session.scalars(select(Municipality.code)))
            real = session.scalar(select(func.count()).select_from(Organisation))
            municipalities = {m.code: m for m in session.scalars(select(Municipality))}
            for i in range(max(0, size - real)):
                org = Organisation(
                    id=f"synthetic-{i}", name=f"Synthetic desk {i}", kind=rng.choice(
                        ["meldpunt", "zorgcoordinator", "opvang", "hulp", "kenniscentrum"]),
                    scope="regional", status="current", topics=rng.sample(["care_coordination", "labour", "sexual",
                                                                           "minors", "compensation"], 2),
                    audiences=rng.sample(["victim", "professional", "citizen"], 2), phone="0800-0000",
                    website="https://example.org", source_urls=["https://example.org"],
                    verified_on=dt.date(2026, 11, 22), description={})
                org.municipalities = [municipalities[c] for c in rng.sample(codes, 5)]
                session.add(org)
            session.commit()
            total = session.scalar(select(func.count()).select_from(Organisation))
        api.desks(PLACES[0], "reporting", "victim")  # warm the place index
        timings = []
        for place in PLACES:
            for topic in TOPICS:
                for role in ("victim", "professional"):
                    started = time.perf_counter()
                    api.desks(place, topic, role)
                    timings.append((time.perf_counter() - started) * 1000)
        results.append({"organisations": total, "lookups": len(timings),
                        "p50_ms": round(statistics.median(timings), 2),
                        "p95_ms": round(load.percentile(timings, 0.95), 2)})
        print(f"  directory with {total} organisations: p50 {results[-1]['p50_ms']} ms", flush=True)
    return results


# --- report ---------------------------------------------------------------------------------------------------

def markdown(r: dict, command: str) -> str:
    def row(name: str, lv: dict) -> str:
        return (f"| {name} | {lv['conversations']} | {lv['messages_per_second']} | {lv['p50_ms']} | {lv['p95_ms']} | "
                f"{lv['p99_ms']} | {lv['turns']} | {lv['failures']} |")

    base, ours = r["baseline"]["levels"], r["stack"]["levels"]
    scaled = r.get("scaled", {}).get("levels", [])
    scaled_name = f"full stack, {r['scaled']['replicas']} Rasa processes" if scaled else ""
    lines = [
        "# Benchmarks", "",
        f"Measured {r['date']} on this machine ({os.cpu_count()} cores) with `make bench`, i.e.:", "",
        f"    {command}", "",
        "## Throughput and latency (REST channel, loopback, asyncio client, "
        f"{r['seconds']} s per level)", "",
        "Each simulated user holds one scripted conversation after another (15 turns for ours, 11 for the baseline's "
        "script), on both systems.", "",
        "Baseline: the `rasa init` starter assistant with Rasa's default config (DIET, TED, ResponseSelector, "
        "in-memory tracker store), same Rasa 3.6.21, same load client. Full stack: our assistant with the action "
        "server, catalog NLG, SQL tracker store and directory database.", "",
        "A failed turn is an HTTP error, an empty reply or our degraded reply. The starter assistant's dialogue model "
        "(trained without a fixed seed) may answer a scripted message with silence, e.g. \"no\" after \"Did that "
        "help you?\"; such turns count as failed and are timed like any other.", "",
        "| system | concurrent conversations | msgs/s | p50 ms | p95 ms | p99 ms | turns | failed |",
        "|---|---|---|---|---|---|---|---|",
        *[row("baseline", lv) for lv in base], *[row("full stack, 1 Rasa process", lv) for lv in ours],
        *[row(scaled_name, lv) for lv in scaled], "",
        "At 10 concurrent conversations, against the baseline (goal: ≥ 1.5× throughput, ≤ 0.67× p95):", "",
    ]
    base10 = {lv["conversations"]: lv for lv in base}.get(10)
    for name, levels in (("full stack, 1 Rasa process", ours), (scaled_name, scaled)):
        mine = {lv["conversations"]: lv for lv in levels}.get(10)
        if mine and base10:
            lines.append(f"- {name}: **{mine['messages_per_second'] / base10['messages_per_second']:.2f}×** the "
                         f"throughput, **{mine['p95_ms'] / max(base10['p95_ms'], 1):.2f}×** the p95 latency")
    lines.append("")
    lines += ["![latency and throughput against concurrency](bench-concurrency.png)", "",
              "## Where the time of a turn goes", "",
              f"Inside the Rasa process, {r['stack']['turn']['turns']} turns of the scripted conversation one at a time "
              f"(`scripts/bench_turn.py`): mean turn {r['stack']['turn']['mean_turn_ms']} ms.", "",
              "| part | ms per turn | share |", "|---|---|---|"]
    mean = r["stack"]["turn"]["mean_turn_ms"]
    for part, ms in r["stack"]["turn"]["parts_ms"].items():
        lines.append(f"| {part} | {ms} | {ms / mean * 100:.0f} % |")
    ours_cost = sum(ms for part, ms in r["stack"]["turn"]["parts_ms"].items() if part.startswith(("action", "NLG")))
    lines += ["", f"Our actions and NLG cost {ours_cost:.1f} ms of a {mean} ms turn: a ratio of "
                  f"**{ours_cost / mean:.2f}**.", "",
              "Memory after the load (resident set):", "",
              "| process | MB |", "|---|---|",
              *[f"| {name} | {mb} |" for name, mb in r["stack"]["memory_mb"].items()],
              f"| baseline Rasa | {r['baseline']['memory_mb']['rasa']} |", "",
              "## Latency against tracker length", "",
              "| turn | ms |", "|---|---|"]
    growth = r["stack"]["tracker_growth"]
    for t in (1, 10, 50, 100, 150, 200):
        if t <= len(growth):
            window = [g["ms"] for g in growth[max(0, t - 5):t + 5]]
            lines.append(f"| {t} | {statistics.median(window):.1f} (median of turns {max(1, t - 4)}–{min(len(growth), t + 5)}) |")
    lines += ["", "![latency against tracker length](bench-tracker.png)", "",
              "## Directory lookup against directory size", "",
              "`directory.api.desks(place, topic, role)` (place resolution + desk selection, SQLite), "
              "synthetic regional organisations added to the real data.", "",
              "| organisations | lookups | p50 ms | p95 ms |", "|---|---|---|---|",
              *[f"| {d['organisations']} | {d['lookups']} | {d['p50_ms']} | {d['p95_ms']} |" for d in r["directory"]],
              "", "![directory lookup against size](bench-directory.png)", "",
              "## Training", "",
              "| model | training | size |", "|---|---|---|",
              f"| ours, {len(r['training']['languages'])} languages ({', '.join(r['training']['languages'])}) | "
              f"{r['training']['seconds']} s | {r['training']['model_mb']} MB |",
              f"| baseline (rasa init) | {str(r['baseline']['training_seconds']) + ' s' if r['baseline']['training_seconds'] else 'cached in .cache/bench (trained once by `rasa init`)'} | {r['baseline']['model_mb']} MB |",
              ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--levels", default="1,10,50")
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--sizes", default="150,1000,3000,10000")
    parser.add_argument("--replicas", type=int, default=2, help="Rasa processes in the scale-out run (1: skip it)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    command = "make bench  # .venv/bin/python scripts/bench.py " + " ".join(sys.argv[1:])
    out = pathlib.Path(args.out)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        workdir = pathlib.Path(tmp)
        procs = Processes(workdir)
        try:
            results = {"date": dt.date.today().isoformat(), "seconds": args.seconds}
            results["baseline"] = baseline_run(procs, levels, args.seconds)
            results["stack"] = stack_run(procs, workdir, levels, args.seconds, args.turns)
            if args.replicas > 1:
                results["scaled"] = scaled_run(procs, workdir, levels, args.seconds, args.replicas)
            print("directory:", flush=True)
            results["directory"] = directory_scaling(workdir, [int(x) for x in args.sizes.split(",")])
            print("training ...", flush=True)
            results["training"] = training_figures(workdir)
        finally:
            procs.stop_all()
    out.with_suffix(".json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    subprocess.run([RASA_PY, "scripts/bench_plot.py", str(out.with_suffix(".json")), str(out.parent)], cwd=ROOT,
                   env=ENV, check=True)
    out.write_text(markdown(results, command), encoding="utf-8")
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

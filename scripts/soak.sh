#!/usr/bin/env bash
# make soak: the full stack on spare ports, 10 concurrent users for SOAK_SECONDS (default 600) on loopback, each
# holding 15-turn conversations one after the other, after 60 s of uncounted warm-up (memory is measured from
# there); then the figures into docs/soak.md. Bounded in time; stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_PORT=5905 ACTION_PORT=5955 WIDGET_PORT=5980
export TRACKER_STORE_URL="sqlite:///$(pwd)/var/soak-conversations.db"
source scripts/env.sh
export ACTION_SERVER_URL="http://127.0.0.1:${ACTION_PORT}/webhook"
SECONDS_TO_RUN="${SOAK_SECONDS:-600}"
MODEL="$(.venv/bin/python scripts/model.py path)"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
.venv/bin/python -m actions.server --port "$ACTION_PORT" > var/soak-actions.log 2>&1 & pids+=($!)
.venv-rasa/bin/python -m rasa run --model "$MODEL" --endpoints endpoints.yml --credentials credentials.yml \
  --port "$RASA_PORT" --interface 127.0.0.1 > var/soak-rasa.log 2>&1 & pids+=($!)
for _ in $(seq 180); do curl -sf "http://127.0.0.1:${RASA_PORT}/" >/dev/null && break; sleep 1; done
cmd=".venv/bin/python scripts/load.py --url http://127.0.0.1:${RASA_PORT}/webhooks/rest/webhook --conversations 10 --seconds ${SECONDS_TO_RUN} --turns-per-conversation 15 --warmup 60 --pids ${pids[1]},${pids[0]} --json var/soak.json"
status=0
$cmd || status=$?
.venv/bin/python - "$cmd" <<'PY'
import json, sys, datetime
r = json.load(open("var/soak.json"))
pids = list(r["memory_kb"].items())
def mem(i, name):
    pid, m = pids[i]
    growth = (m["end"] - m["start"]) / m["start"] * 100 if m["start"] else 0
    return f"| {name} | {m['start']/1024:.0f} MB | {m['end']/1024:.0f} MB | {growth:+.1f} % |"
lines = [
    "# Soak test", "",
    f"Measured {datetime.date.today()} on this 2-core machine with `make soak`, i.e.:", "", f"    {sys.argv[1]}", "",
    "| conversations | seconds | turns | failed turns | msgs/s | p50 | p95 | p99 |", "|---|---|---|---|---|---|---|---|",
    f"| {r['conversations']} | {r['seconds']} | {r['turns']} | {r['failures']} | {r['messages_per_second']} | "
    f"{r['p50_ms']} ms | {r['p95_ms']} ms | {r['p99_ms']} ms |", "",
    "| process | memory at start | at end | change |", "|---|---|---|---|", mem(0, "Rasa server"), mem(1, "action server"), "",
]
open("docs/soak.md", "w").write("\n".join(lines))
print("\n".join(lines))
PY
exit $status

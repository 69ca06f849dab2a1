#!/usr/bin/env bash
# Starts the action server and the Rasa server (REST and socket.io) and stops both on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
MODEL="$(.venv/bin/python scripts/model.py path)"

pids=()
cleanup() { trap - EXIT INT TERM; kill "${pids[@]}" 2>/dev/null || true; wait || true; }
trap cleanup EXIT INT TERM

.venv/bin/python -m actions.server --port "$ACTION_PORT" &
pids+=($!)
.venv-rasa/bin/python -m rasa run --model "$MODEL" --endpoints endpoints.yml --credentials credentials.yml \
  --port "$RASA_PORT" --interface "${RASA_INTERFACE:-127.0.0.1}" --cors $WIDGET_ORIGINS &
pids+=($!)
.venv/bin/python scripts/serve_web.py &
pids+=($!)
if [[ -n "${TELEGRAM_BOT_TOKEN:-}" ]]; then
  .venv/bin/python -m bot &
  pids+=($!)
  echo "Telegram bridge started (polling unless TELEGRAM_WEBHOOK_URL is set)."
fi
echo "Infopunt Mensenhandel: REST http://localhost:${RASA_PORT}/webhooks/rest/webhook, widget demo http://localhost:${WIDGET_PORT}/, directory API http://localhost:${ACTION_PORT}/api/desks. Ctrl-C stops."
wait -n

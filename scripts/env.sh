# Defaults for the running stack; every value can be overridden from the environment (see README).
export RASA_TELEMETRY_ENABLED=false
export TF_CPP_MIN_LOG_LEVEL=3
export PYTHONPATH="${PYTHONPATH:+$PYTHONPATH:}$(pwd)"
export RASA_PORT="${RASA_PORT:-5005}"
export ACTION_PORT="${ACTION_PORT:-5055}"
export WIDGET_PORT="${WIDGET_PORT:-8080}"
# Origins allowed to call the REST channel from a browser (the widget); space-separated.
export WIDGET_ORIGINS="${WIDGET_ORIGINS:-http://localhost:${WIDGET_PORT} http://127.0.0.1:${WIDGET_PORT}}"
export ACTION_SERVER_URL="${ACTION_SERVER_URL:-http://127.0.0.1:${ACTION_PORT}/webhook}"
mkdir -p var
# Conversations: SQLite by default, PostgreSQL when DATABASE_URL is a postgresql:// URL.
if [[ "${DATABASE_URL:-}" == postgresql* ]]; then
  export TRACKER_DIALECT="${TRACKER_DIALECT:-postgresql}"
  export TRACKER_STORE_URL="${TRACKER_STORE_URL:-$DATABASE_URL}"
else
  export TRACKER_DIALECT="${TRACKER_DIALECT:-sqlite}"
  export TRACKER_STORE_URL="${TRACKER_STORE_URL:-sqlite:///$(pwd)/var/conversations.db}"
fi

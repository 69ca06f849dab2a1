"""Start the real stack (action server + Rasa server) on free ports for end-to-end tests."""
from __future__ import annotations

import contextlib
import os
import pathlib
import socket
import subprocess
import time
import uuid

import requests

from tests.conftest import ROOT

STARTUP_TIMEOUT = 240


def free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def model_path() -> str:
    if os.environ.get("TEST_RASA_MODEL"):  # debugging with another model
        return os.environ["TEST_RASA_MODEL"]
    out = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "scripts/model.py", "path"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, "no trained model: run `make train`"
    return out.stdout.strip()


def wait_for(url: str, proc: subprocess.Popen, log: pathlib.Path, timeout: float = STARTUP_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process exited ({proc.returncode}); log:\n{log.read_text()[-4000:]}")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not come up; log:\n{log.read_text()[-4000:]}")


class Stack:
    def __init__(self, workdir: pathlib.Path, env: dict | None = None) -> None:
        self.workdir = workdir
        self.rasa_port, self.action_port, self.web_port = free_port(), free_port(), free_port()
        self.env = dict(os.environ)
        self.env.update(
            RASA_TELEMETRY_ENABLED="false",
            TF_CPP_MIN_LOG_LEVEL="3",
            PYTHONPATH=str(ROOT),
            ACTION_SERVER_URL=f"http://127.0.0.1:{self.action_port}/webhook",
            TRACKER_DIALECT="sqlite",
            TRACKER_STORE_URL=f"sqlite:///{workdir / 'conversations.db'}",
            DATABASE_URL=f"sqlite:///{workdir / 'directory.db'}",
        )
        self.env.update(env or {})
        self.procs: dict[str, subprocess.Popen] = {}
        self.logs: dict[str, pathlib.Path] = {}

    @property
    def web_origin(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def start_web(self, rasa_url: str | None = None) -> None:
        """The widget's demo page, as `make run` serves it."""
        env = dict(self.env, WIDGET_PORT=str(self.web_port), RASA_URL=rasa_url or f"http://127.0.0.1:{self.rasa_port}",
                   API_URL=f"http://127.0.0.1:{self.action_port}", EXIT_URL=f"{self.web_origin}/neutral.html")
        log = self.workdir / "web.log"
        self.logs["web"] = log
        self.procs["web"] = subprocess.Popen([str(ROOT / ".venv" / "bin" / "python"), "scripts/serve_web.py"],
                                             cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
        wait_for(f"{self.web_origin}/neutral.html", self.procs["web"], log)

    @property
    def rest_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook"

    def _start(self, name: str, cmd: list[str]) -> subprocess.Popen:
        log = self.workdir / f"{name}.log"
        self.logs[name] = log
        proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
        self.procs[name] = proc
        return proc

    def start_actions(self) -> None:
        proc = self._start("actions", [str(ROOT / ".venv" / "bin" / "python"), "-m", "actions.server",
                                       "--port", str(self.action_port)])
        wait_for(f"http://127.0.0.1:{self.action_port}/health", proc, self.logs["actions"])

    def start_rasa(self) -> None:
        proc = self._start("rasa", [str(ROOT / ".venv-rasa" / "bin" / "python"), "-m", "rasa", "run", "--model",
                                    model_path(), "--endpoints", "endpoints.yml", "--credentials", "credentials.yml",
                                    "--port", str(self.rasa_port), "--interface", "127.0.0.1",
                                    "--cors", self.web_origin])
        wait_for(f"http://127.0.0.1:{self.rasa_port}/", proc, self.logs["rasa"])

    def seed(self) -> None:
        subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "directory.seed"], cwd=ROOT, env=self.env,
                       check=True, capture_output=True)

    def start(self) -> "Stack":
        self.seed()
        self.start_actions()
        self.start_rasa()
        return self

    def stop(self, name: str | None = None) -> None:
        for key in [name] if name else list(self.procs):
            proc = self.procs.pop(key, None)
            if proc and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()


class Conversation:
    """One user talking to the REST channel."""

    def __init__(self, stack: Stack, metadata: dict | None = None) -> None:
        self.stack = stack
        self.sender = f"test-{uuid.uuid4().hex[:12]}"
        self.metadata = metadata

    def say(self, text: str) -> list[dict]:
        body = {"sender": self.sender, "message": text}
        if self.metadata:
            body["metadata"] = self.metadata
        response = requests.post(self.stack.rest_url, json=body, timeout=60)
        response.raise_for_status()
        return response.json()

    def text(self, text: str) -> str:
        return "\n".join(m.get("text", "") for m in self.say(text))

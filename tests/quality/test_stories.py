"""Test stories through the real model: `rasa test core --fail-on-prediction-errors`."""
import os
import subprocess

from tests.conftest import ROOT


def test_stories_have_no_prediction_errors(tmp_path):
    model = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "scripts/model.py", "path"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="3", PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [str(ROOT / ".venv-rasa" / "bin" / "python"), "-m", "rasa", "test", "core", "--model", model,
         "--stories", "tests/stories", "--fail-on-prediction-errors", "--out", str(tmp_path), "--no-plot"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else result.stdout[-3000:] + result.stderr[-3000:]
    assert result.returncode == 0, details


def test_the_per_language_stories_are_generated_from_the_current_data():
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "scripts/language_stories.py", "--check"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, "run scripts/language_stories.py"

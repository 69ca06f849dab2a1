"""Train the Rasa model only when none exists for the current inputs.

    python scripts/model.py train   # models/<fingerprint>.tar.gz, trained if missing
    python scripts/model.py path    # path of the current model (exit 1 if not trained)

The fingerprint covers config.yml, domain/, the rules and stories, the NLU data of the supported languages
(those with a catalog in locales/) and the code of the custom NLU components.
"""
from __future__ import annotations

import hashlib
import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from infopunt.languages import supported  # noqa: E402

MODELS = ROOT / "models"


def data_paths() -> list[pathlib.Path]:
    langs = [ROOT / "data" / "nlu" / code for code in supported() if (ROOT / "data" / "nlu" / code).is_dir()]
    return langs + [ROOT / "data" / "rules", ROOT / "data" / "stories"]


def inputs() -> list[pathlib.Path]:
    files = [ROOT / "config.yml", ROOT / "requirements-rasa.lock"]
    for folder in [ROOT / "domain", ROOT / "infopunt", *data_paths()]:
        files += sorted(p for p in folder.rglob("*") if p.suffix in {".yml", ".yaml", ".py"})
    return files


def fingerprint() -> str:
    digest = hashlib.sha256()
    for path in inputs():
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_path() -> pathlib.Path:
    return MODELS / f"{fingerprint()}.tar.gz"


def train() -> int:
    target = model_path()
    if target.exists():
        print(f"model up to date: {target.relative_to(ROOT)}")
        return 0
    MODELS.mkdir(exist_ok=True)
    cmd = [
        str(ROOT / ".venv-rasa" / "bin" / "python"), "-m", "rasa", "train",
        "--config", "config.yml", "--domain", "domain",
        "--data", *[str(p.relative_to(ROOT)) for p in data_paths()],
        "--out", "models", "--fixed-model-name", target.name.removesuffix(".tar.gz"), "--quiet",
    ]
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="3", PYTHONPATH=str(ROOT))
    print(f"training {target.relative_to(ROOT)} for languages {', '.join(supported())} ...", flush=True)
    started = time.monotonic()
    result = subprocess.run(cmd, cwd=ROOT, env=env)
    if result.returncode == 0:
        print(f"trained in {time.monotonic() - started:.0f} s: {target.relative_to(ROOT)}")
        for old in MODELS.glob("*.tar.gz"):
            if old != target:
                old.unlink()
    return result.returncode


def main(argv: list[str]) -> int:
    if argv[1:] == ["train"]:
        return train()
    if argv[1:] == ["path"]:
        path = model_path()
        print(path)
        return 0 if path.exists() else 1
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

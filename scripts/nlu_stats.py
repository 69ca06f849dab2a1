"""Count NLU examples per intent for one language and check the guidelines' minimums.

Usage: python scripts/nlu_stats.py <lang> [--train-only]   (exit 1 when a minimum is not met)

Whoever writes training data runs it with --train-only: the held-out set is then not read at all, and even without
it no held-out line is ever printed (only how many of them also occur in the training data).
"""
from __future__ import annotations

import collections
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
INTENTS = (
    "greet goodbye thank affirm deny bot_challenge emergency recognize_exploitation ask_rights ask_report "
    "ask_shelter ask_compensation find_desk ask_human ask_privacy change_language inform out_of_scope"
).split()
SUB_INTENTS = {
    "ask_rights": "overview reflection_period residence_permit legal_aid medical_care interpreter non_punishment minors",
    "ask_shelter": "general men minors",
    "ask_compensation": "overview schadefonds criminal_case advance_payment unpaid_wages",
}
ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")
ENTITY = re.compile(r"\[([^\]]+)\](?:\((\w+)\)|\{[^}]*\"entity\":\s*\"(\w+)\"[^}]*\})")


def examples(path: pathlib.Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = collections.defaultdict(list)
    for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
        if "intent" in block:
            for line in block["examples"].splitlines():
                line = line.strip()
                if line.startswith("- "):
                    out[block["intent"]].append(line[2:].strip())
    return out


def count(paths: list[pathlib.Path]) -> dict[str, list[str]]:
    total: dict[str, list[str]] = collections.defaultdict(list)
    for p in paths:
        for k, v in examples(p).items():
            total[k].extend(v)
    return total


def report(label: str, data: dict[str, list[str]], base_min: int, sub_min: int) -> list[str]:
    problems = []
    base = collections.Counter()
    for name, exs in data.items():
        base[name.split("/")[0]] += len(exs)
    for intent in INTENTS:
        if base[intent] < base_min:
            problems.append(f"{label}: {intent} has {base[intent]} < {base_min}")
    for intent, subs in SUB_INTENTS.items():
        for sub in subs.split():
            n = len(data.get(f"{intent}/{sub}", []))
            if n < sub_min:
                problems.append(f"{label}: {intent}/{sub} has {n} < {sub_min}")
    unknown = {n.split("/")[0] for n in data} - set(INTENTS)
    if unknown:
        problems.append(f"{label}: unknown intents {sorted(unknown)}")
    seen = collections.Counter(e.lower() for exs in data.values() for e in exs)
    dupes = [e for e, c in seen.items() if c > 1]
    if dupes:
        shown = dupes[:10] if label.startswith("train") else ""
        problems.append(f"{label}: {len(dupes)} duplicate examples {shown}")
    print(f"{label}: " + ", ".join(f"{k}={v}" for k, v in sorted(base.items())))
    return problems


def plain(example: str) -> str:
    """The example's text as a user types it: entity annotations removed."""
    return ANNOTATION.sub(r"\1", example).strip()


def key(example: str) -> str:
    """What makes two examples the same to the classifier: annotations, case and final punctuation do not count."""
    return re.sub(r"[\s.!?,;:]+$", "", plain(example).casefold())


def conflicts(lang: str, train: dict[str, list[str]]) -> list[str]:
    """Training lines of `lang` that another language's training data gives another intent ("noo": yes in Polish,
    no in English). One model serves all languages, so such a line is ambiguous (and `make validate` fails)."""
    mine = {key(e): name.split("/")[0] for name, exs in train.items() for e in exs}
    found = []
    for other in sorted(p for p in (ROOT / "data" / "nlu").iterdir() if p.is_dir() and p.name != lang):
        for name, exs in count(sorted(other.glob("*.yml"))).items():
            theirs = name.split("/")[0]
            for e in exs:
                ours = mine.get(key(e))
                if ours is not None and ours != theirs:
                    found.append(f"'{plain(e)}' is {ours} in {lang}, {theirs} in {other.name}")
    return found


def main(lang: str, train_only: bool = False) -> int:
    train = count(sorted((ROOT / "data" / "nlu" / lang).glob("*.yml")))
    problems = report(f"train[{lang}]", train, 40, 10) + conflicts(lang, train)
    test_path = ROOT / "tests" / "nlu" / f"{lang}.yml"
    if not train_only and test_path.exists():
        test = count([test_path])
        problems += report(f"test[{lang}]", test, 9, 2)
        overlap = {key(e) for v in train.values() for e in v} & {key(e) for v in test.values() for e in v}
        if overlap:
            problems.append(f"{len(overlap)} held-out examples also occur in the training data")
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], "--train-only" in sys.argv[2:]))

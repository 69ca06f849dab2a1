"""Evaluate the trained NLU model on the held-out test sets (tests/nlu/<lang>.yml), per language.

Run with the Rasa runtime:  .venv-rasa/bin/python scripts/eval_nlu.py [--json reports/nlu.json] [--out docs/evaluation.md]
Reports intent accuracy and macro-F1 per language and overall, retrieval (sub-intent) accuracy, the worst
errors and a confusion matrix per language; the floors are asserted in tests/quality/test_nlu.py.

Two views of every message (docs/decisions.md, 26):
- intent accuracy, as `rasa test nlu` defines it: the classifier's best intent, with the FallbackClassifier's
  nlu_fallback undone by Rasa's own `undo_fallback_prediction` (rasa/nlu/test.py does the same);
- what the user gets: the right answer, a clarifying question (nlu_fallback: the topic menu, the classifier's two
  best topics first) or a wrong answer. A wrong answer costs a person in trouble most, so it has its own ceiling.
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import json
import logging
import os
import pathlib
import re
import sys

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME as FALLBACK  # noqa: E402

from infopunt.languages import supported  # noqa: E402
import model as model_script  # noqa: E402
from nlu_stats import examples, plain  # noqa: E402

GOLD_ENTITY = re.compile(r"\[([^\]]+)\](?:\((\w+)\)|(\{[^}]*\}))")
# The entities the dialogue acts on (slots). A location counts when one is found (its value is normalised by the
# place resolver, and misspelt gold text would never match); the others must also have the right value.
SLOT_ENTITIES = ("location", "exploitation_type", "age_group", "role", "anonymity")


def gold_entities(line: str) -> list[tuple[str, str]]:
    out = []
    for m in GOLD_ENTITY.finditer(line):
        if m.group(2):
            out.append((m.group(2), m.group(1)))
        else:
            spec = json.loads(m.group(3))
            out.append((spec["entity"], str(spec.get("value", m.group(1)))))
    return [(e, "" if e == "location" else v.casefold()) for e, v in out if e in SLOT_ENTITIES]


def load_examples(lang: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(text, intent, gold slot entities) for every held-out example of `lang`."""
    return [(plain(line), intent, gold_entities(line))
            for intent, lines in examples(ROOT / "tests" / "nlu" / f"{lang}.yml").items() for line in lines]


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    labels = {g for g, _ in pairs} | {p for _, p in pairs}
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        if tp + fp + fn == 0:
            continue
        scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores) if scores else 0.0


OUTCOMES = ("right", "clarified", "wrong")


def outcome(gold: str, final: str | None) -> str:
    """What the user gets for a message whose gold intent is `gold` and whose final NLU intent is `final`."""
    return "right" if final == gold else "clarified" if final == FALLBACK else "wrong"


def rates(outcomes: list[str]) -> dict[str, float]:
    return {name: outcomes.count(name) / len(outcomes) if outcomes else 0.0 for name in OUTCOMES}


async def evaluate(model_path: str) -> dict:
    from rasa.core.agent import Agent
    from rasa.nlu.classifiers import fallback_classifier

    agent = Agent.load(model_path)
    results: dict = {"languages": {}, "errors": []}
    all_pairs, all_outcomes = [], []
    for lang in supported():
        if not (ROOT / "tests" / "nlu" / f"{lang}.yml").exists():
            continue
        pairs, sub_pairs, outcomes, detected = [], [], [], 0
        entity_counts: dict = collections.defaultdict(lambda: [0, 0, 0])  # true positives, gold, predicted
        for text, gold, gold_ents in load_examples(lang):
            parsed = await agent.parse_message(text)
            predicted_ents = [(e["entity"], "" if e["entity"] == "location" else str(e.get("value")).casefold())
                              for e in parsed.get("entities") or [] if e.get("entity") in SLOT_ENTITIES]
            remaining = collections.Counter(predicted_ents)
            for ent in gold_ents:
                entity_counts[ent[0]][1] += 1
                if remaining[ent] > 0:
                    remaining[ent] -= 1
                    entity_counts[ent[0]][0] += 1
            for name, _ in predicted_ents:
                entity_counts[name][2] += 1
            final = (parsed.get("intent") or {}).get("name")
            classified = (fallback_classifier.undo_fallback_prediction(parsed)
                          if fallback_classifier.is_fallback_classifier_prediction(parsed) else parsed)
            predicted = (classified.get("intent") or {}).get("name")
            gold_base = gold.split("/")[0]
            pairs.append((gold_base, predicted))
            outcomes.append(outcome(gold_base, final))
            if "/" in gold and predicted == gold_base:
                selector = parsed.get("response_selector") or {}
                sel = selector.get(gold_base) or selector.get("default") or {}
                key = sel.get("response", {}).get("intent_response_key")
                sub_pairs.append((gold, key))
            if (parsed.get("language") or {}).get("guess") == lang:
                detected += 1
            if final != gold_base:  # what the user saw: a wrong answer or a clarifying question
                confidence = (classified.get("intent") or {}).get("confidence", 0.0)
                results["errors"].append({"lang": lang, "text": text, "gold": gold_base, "predicted": final,
                                          "classified": predicted, "confidence": confidence})
        all_pairs += pairs
        all_outcomes += outcomes
        results.setdefault("pairs", {})[lang] = {"gold": [g for g, _ in pairs], "predicted": [str(p) for _, p in pairs]}
        confusion = collections.Counter(f"{g} -> {p}" for g, p in pairs if g != p)
        results["languages"][lang] = {
            "examples": len(pairs),
            "intent_accuracy": sum(g == p for g, p in pairs) / len(pairs),
            "macro_f1": macro_f1(pairs),
            "outcomes": rates(outcomes),
            "retrieval_accuracy": (sum(g == p for g, p in sub_pairs) / len(sub_pairs)) if sub_pairs else None,
            "language_guess_accuracy": detected / len(pairs),
            "confusions": dict(confusion.most_common()),
            "entities": {e: {"gold": g, "predicted": n, "recall": tp / g if g else None,
                             "precision": tp / n if n else None} for e, (tp, g, n) in sorted(entity_counts.items())},
        }
    results["overall"] = {
        "examples": len(all_pairs),
        "intent_accuracy": sum(g == p for g, p in all_pairs) / len(all_pairs) if all_pairs else 0.0,
        "macro_f1": macro_f1(all_pairs),
        "outcomes": rates(all_outcomes),
    }
    results["errors"].sort(key=lambda e: -e["confidence"])
    return results


def detection_accuracy() -> dict[str, dict]:
    """Language detection on the held-out short messages (tests/langdetect/<lang>.txt, 3-12 words)."""
    from infopunt import langdetect

    out = {}
    for lang in supported():
        path = ROOT / "tests" / "langdetect" / f"{lang}.txt"
        if not path.exists():
            continue
        lines = [t.strip() for t in path.read_text(encoding="utf-8").splitlines() if 3 <= len(t.split()) <= 12]
        wrong = [t for t in lines if langdetect.detect(t).guess != lang]
        out[lang] = {"messages": len(lines), "accuracy": 1 - len(wrong) / len(lines) if lines else 0.0,
                     "wrong": wrong[:5]}
    return out


def confusion_png(results: dict, path: pathlib.Path) -> None:
    """One confusion matrix (gold rows, predicted columns, row-normalised) per language."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    langs = list(results["languages"])
    labels = sorted({g for lang in langs for g in results["pairs"][lang]["gold"]}
                    | {p for lang in langs for p in results["pairs"][lang]["predicted"]})
    index = {label: i for i, label in enumerate(labels)}
    cols = 3
    rows = (len(langs) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(6 * cols, 5.5 * rows), squeeze=False)
    for ax in axes.flat[len(langs):]:
        ax.axis("off")
    for ax, lang in zip(axes.flat, langs):
        matrix = [[0.0] * len(labels) for _ in labels]
        pairs = results["pairs"][lang]
        for g, p in zip(pairs["gold"], pairs["predicted"]):
            matrix[index[g]][index[p]] += 1
        for row in matrix:
            total = sum(row)
            row[:] = [v / total if total else 0.0 for v in row]
        ax.imshow(matrix, cmap="Blues", vmin=0, vmax=1)
        ax.set_title(f"{lang}: accuracy {results['languages'][lang]['intent_accuracy']:.3f}")
        ax.set_xticks(range(len(labels)), labels, rotation=90, fontsize=6)
        ax.set_yticks(range(len(labels)), labels, fontsize=6)
        ax.set_xlabel("predicted", fontsize=7)
        ax.set_ylabel("gold", fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)


def markdown(results: dict) -> str:
    lines = [
        "# NLU evaluation",
        "",
        "Held-out test sets in `tests/nlu/<lang>.yml` (never used for training). Produced by `make eval`.",
        "",
        "Language detection: `infopunt.langdetect` on the held-out short messages of `tests/langdetect/<lang>.txt` "
        "(3-12 words each).",
        "",
        "Intent accuracy is `rasa test nlu`'s: the classifier's best intent, with the FallbackClassifier undone. "
        "The next three columns are what the user gets: the right answer, a clarifying question (the topic menu with "
        "the classifier's two best topics first) or a wrong answer.",
        "",
        "| language | examples | intent accuracy | right answer | clarifying question | wrong answer | macro-F1 "
        "| sub-intent accuracy | language detection |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for lang, r in results["languages"].items():
        sub = f"{r['retrieval_accuracy']:.3f}" if r["retrieval_accuracy"] is not None else "–"
        det = results.get("detection", {}).get(lang)
        det_text = f"{det['accuracy']:.3f} ({det['messages']})" if det else "–"
        lines.append(f"| {lang} | {r['examples']} | {r['intent_accuracy']:.3f} | {outcome_cells(r)} "
                     f"| {r['macro_f1']:.3f} | {sub} | {det_text} |")
    o = results["overall"]
    lines += [f"| **all** | {o['examples']} | {o['intent_accuracy']:.3f} | {outcome_cells(o)} "
              f"| {o['macro_f1']:.3f} | | |", "",
              "![confusion matrices per language](confusion.png)", ""]
    lines += ["## Entities the dialogue acts on (held out)", "",
              "Recall / precision per entity (a location counts when one is found; the others need the right "
              "value, e.g. exploitation_type=labour). Gold annotations are sparse, so the counts are small, and "
              "precision is a lower bound: an entity found where the test set annotates none counts as wrong, "
              "though most such finds are right (a line that mentions selling drugs without annotating it).", "",
              "| language | " + " | ".join(SLOT_ENTITIES) + " |", "|---|" + "---|" * len(SLOT_ENTITIES)]
    for lang, r in results["languages"].items():
        cells = []
        for name in SLOT_ENTITIES:
            e = r.get("entities", {}).get(name)
            if not e or not e["gold"]:
                cells.append("–")
                continue
            precision = f"{e['precision']:.2f}" if e["precision"] is not None else "–"
            cells.append(f"{e['recall']:.2f} / {precision} ({e['gold']})")
        lines.append(f"| {lang} | " + " | ".join(cells) + " |")
    lines += ["", "## Confusions per language (gold -> predicted: count)", ""]
    for lang, r in results["languages"].items():
        pairs = ", ".join(f"{k}: {v}" for k, v in r["confusions"].items()) or "none"
        lines.append(f"- **{lang}**: {pairs}")
    lines += ["", "## The 20 worst errors (most confident)", "",
              "The user's outcome (predicted: nlu_fallback is a clarifying question) and the classifier's best "
              "intent.", "", "| lang | text | gold | predicted | classifier | confidence |", "|---|---|---|---|---|---|"]
    for e in results["errors"][:20]:
        lines.append(f"| {e['lang']} | {e['text']} | {e['gold']} | {e['predicted']} | {e['classified']} "
                     f"| {e['confidence']:.2f} |")
    return "\n".join(lines) + "\n"


def outcome_cells(r: dict) -> str:
    return " | ".join(f"{r['outcomes'][name]:.3f}" for name in OUTCOMES)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", default=str(ROOT / "reports" / "nlu.json"))
    parser.add_argument("--out", help="also write a markdown report here")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    path = model_script.model_path()
    if not path.exists():
        print("no model for the current data: run `make train`", file=sys.stderr)
        return 1
    results = asyncio.run(evaluate(str(path)))
    results["detection"] = detection_accuracy()
    out = pathlib.Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    if args.out:
        pathlib.Path(args.out).write_text(markdown(results), encoding="utf-8")
        confusion_png(results, pathlib.Path(args.out).parent / "confusion.png")
    for lang, r in results["languages"].items():
        print(f"{lang}: intent accuracy {r['intent_accuracy']:.3f} ({r['examples']} examples); "
              + ", ".join(f"{k} {v:.3f}" for k, v in r["outcomes"].items()))
    o = results["overall"]
    print(f"overall: {o['intent_accuracy']:.3f}; " + ", ".join(f"{k} {v:.3f}" for k, v in o["outcomes"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

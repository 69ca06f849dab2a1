"""Model selection for the intent classifier by cross-validation on the TRAINING data only.

The held-out sets (tests/nlu/) measure the model; choosing features or hyper-parameters by their score would make
that measurement optimistic. Variants are therefore compared here, by stratified k-fold cross-validation over
data/nlu (all languages in one model, as in production), and only the chosen one is then evaluated by `make eval`.

Run with the Rasa runtime:
  .venv-rasa/bin/python scripts/cv_nlu.py [--data DIR] [--folds 5] [--confusions] [--errors DIR] [variant ...]
"""
from __future__ import annotations

import argparse
import collections
import pathlib
import sys
import time
from typing import Callable, Dict, List, Tuple

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from infopunt.rasa_ext.classifier import LinearModel  # noqa: E402
from nlu_stats import examples, plain  # noqa: E402


def load(data_dir: pathlib.Path) -> List[Tuple[str, str, str]]:
    """(language, text, intent with its retrieval sub-intent, e.g. ask_rights/minors) for every training example."""
    return [(lang_dir.name, plain(line), intent)
            for lang_dir in sorted(p for p in data_dir.iterdir() if p.is_dir())
            for path in sorted(lang_dir.glob("*.yml"))
            for intent, lines in examples(path).items() for line in lines]


FALLBACK_THRESHOLD = 0.2  # config.yml: a prediction below it becomes nlu_fallback, which is never the gold label


def linear(c: float = 1.0, analyzers: Tuple = LinearModel.ANALYZERS, sub_intents: bool = False,
           sublinear_tf: bool = LinearModel.SUBLINEAR_TF) -> Callable:
    """The production model (infopunt.rasa_ext.classifier.LinearModel) with other settings. With `sub_intents`
    it learns ask_rights/minors etc. as classes of their own and a base intent's confidence is their sum."""
    def fit_predict(train_x: List[str], train_y: List[str], test_x: List[str]) -> List[str]:
        variant = type("Variant", (LinearModel,), {"ANALYZERS": analyzers, "SUBLINEAR_TF": sublinear_tf})
        model = variant.fit(train_x, train_y if sub_intents else [y.split("/")[0] for y in train_y], c)
        out = []
        for text in test_x:
            base: Dict[str, float] = collections.Counter()
            for label, confidence in model.ranking(text, len(model.labels)):
                base[label.split("/")[0]] += confidence
            label, confidence = max(base.items(), key=lambda kv: kv[1])
            out.append(label if confidence >= FALLBACK_THRESHOLD else "nlu_fallback")
        return out
    return fit_predict


VARIANTS: Dict[str, Callable] = {
    "current": linear(),
    "sub-intents": linear(sub_intents=True),
    "raw-tf": linear(sublinear_tf=False),
    "c0.5": linear(c=0.5),
    "c2": linear(c=2.0),
    "char1-6": linear(analyzers=(("char_wb", (1, 6)), ("word", (1, 2)))),
    "char+char_wb": linear(analyzers=(("char_wb", (2, 5)), ("char", (3, 5)), ("word", (1, 2)))),
    "word1-3": linear(analyzers=(("char_wb", (2, 5)), ("word", (1, 3)))),
}


def cross_validate(examples: List[Tuple[str, str, str]], fit_predict: Callable, folds: int,
                   confusions: Dict[str, collections.Counter] | None = None,
                   errors: List[Tuple[str, str, str, str]] | None = None) -> Dict[str, float]:
    from sklearn.model_selection import StratifiedKFold

    strata = [f"{lang}:{intent}" for lang, _, intent in examples]
    right: Dict[str, int] = collections.Counter()
    total: Dict[str, int] = collections.Counter()
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    for train_idx, test_idx in splitter.split(np.zeros(len(examples)), strata):
        predicted = fit_predict([examples[i][1] for i in train_idx], [examples[i][2] for i in train_idx],
                                [examples[i][1] for i in test_idx])
        for i, p in zip(test_idx, predicted):
            lang, _, gold = examples[i]
            gold = gold.split("/")[0]
            total[lang] += 1
            right[lang] += p == gold
            if confusions is not None and p != gold:
                confusions.setdefault(lang, collections.Counter())[f"{gold} -> {p}"] += 1
            if errors is not None and p != gold:
                errors.append((lang, examples[i][1], examples[i][2], p))
    scores = {lang: right[lang] / total[lang] for lang in sorted(total)}
    scores["all"] = sum(right.values()) / sum(total.values())
    return scores


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("variants", nargs="*", default=["current"])
    parser.add_argument("--data", default=str(ROOT / "data" / "nlu"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--confusions", action="store_true", help="print the most frequent confusions per language")
    parser.add_argument("--errors", help="write the misclassified training examples to ERRORS/<lang>.tsv (data review)")
    args = parser.parse_args()
    examples = load(pathlib.Path(args.data))
    print(f"{len(examples)} examples", flush=True)
    for name in args.variants:
        start = time.perf_counter()
        confusions: Dict[str, collections.Counter] = {}
        errors: List[Tuple[str, str, str, str]] = []
        scores = cross_validate(examples, VARIANTS[name], args.folds, confusions, errors)
        if args.errors:
            folder = pathlib.Path(args.errors)
            folder.mkdir(parents=True, exist_ok=True)
            for lang in sorted({e[0] for e in errors}):
                rows = sorted(e[1:] for e in errors if e[0] == lang)
                (folder / f"{lang}.tsv").write_text("text\tlabel in data/nlu\tpredicted by the other folds\n" + "".join(
                    f"{text}\t{gold}\t{predicted}\n" for text, gold, predicted in rows), encoding="utf-8")
        print(f"{name:14s} " + " ".join(f"{k} {v:.3f}" for k, v in scores.items())
              + f"  ({time.perf_counter() - start:.0f} s)", flush=True)
        if args.confusions:
            for lang, counter in sorted(confusions.items()):
                print(f"  {lang}: " + ", ".join(f"{k} {n}" for k, n in counter.most_common(12)))


if __name__ == "__main__":
    main()

"""A fast multilingual intent classifier and response selector: TF-IDF char and word n-grams, linear SVM.

Why not DIET: with nine languages (≈ 10 000 short examples) DIET plus the DIET-based ResponseSelector trained for
half an hour on two cores and was no more accurate on the held-out sets than a linear model over the same
n-grams, which trains in seconds and classifies a message in about a millisecond (docs/decisions.md, "NLU").

`LinearIntentClassifier` sets `intent`, `intent_ranking` and, for retrieval intents (`ask_rights/legal_aid`), the
`response_selector` output in the form Rasa's `ResponseSelector` produces, so `utter_ask_rights` etc. work as
usual. The model is stored as JSON (vocabularies, labels) and NumPy arrays loaded with `allow_pickle=False`:
loading a model never executes code from it.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import unicodedata
from typing import Any, Dict, List, Optional, Sequence, Text

import numpy as np
import scipy.sparse as sp

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

log = logging.getLogger(__name__)

MAX_CHARS = 2000  # longer messages are classified on their beginning


# Arabic spelling variants people mix in chat: taa marbuta / haa, alef maqsura / yaa, no tatweel, Latin digits.
_ARABIC = str.maketrans({"ة": "ه", "ى": "ي", "ـ": None, **{chr(0x0660 + d): str(d) for d in range(10)}})


def normalise(text: str) -> str:
    """Lower case, accents (and Arabic short vowels, hamza carriers) removed, so that 'Ik wil aangifte' and
    'ik wil aangifte', 'când' and 'cand', 'أريد' and 'اريد' meet."""
    decomposed = unicodedata.normalize("NFKD", text[:MAX_CHARS].casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_ARABIC)


@dataclasses.dataclass
class LinearModel:
    """A linear support vector machine over L2-normalised, sublinear TF-IDF char_wb and word n-grams, with a
    softmax over its scores as confidence. The softmax temperature is fitted on out-of-fold scores of the training
    data (temperature scaling), so a confidence of 0.2 means what the FallbackClassifier's threshold assumes."""

    labels: List[str]
    vocabularies: List[Dict[str, int]]  # one per analyzer, in ANALYZERS order
    idfs: List[np.ndarray]
    coef: np.ndarray  # (n_labels, n_features)
    intercept: np.ndarray  # (n_labels,)
    temperature: float = 1.0

    ANALYZERS = (("char_wb", (2, 5)), ("word", (1, 2)))
    SUBLINEAR_TF = True  # term frequency weighted 1 + log(tf), in training and in _scores_one alike
    CALIBRATION_FOLDS = 3

    @classmethod
    def fit(cls, texts: Sequence[str], labels: Sequence[str], c: float) -> "LinearModel":
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC

        vectorizers = [cls._vectorizer(TfidfVectorizer, analyzer, ngrams, sublinear_tf=cls.SUBLINEAR_TF)
                       for analyzer, ngrams in cls.ANALYZERS]
        x = sp.hstack([v.fit_transform(texts) for v in vectorizers]).tocsr()
        y = np.asarray(labels)
        clf = LinearSVC(C=c, random_state=0).fit(x, y)
        coef, intercept = clf.coef_, clf.intercept_
        if len(clf.classes_) == 2:  # one decision function for two classes; make it a proper softmax
            coef = np.vstack([-coef[0] / 2, coef[0] / 2])
            intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
        return cls(
            labels=[str(label) for label in clf.classes_],
            vocabularies=[{str(k): int(i) for k, i in v.vocabulary_.items()} for v in vectorizers],
            idfs=[v.idf_.astype(np.float32) for v in vectorizers],
            coef=coef.astype(np.float32),
            intercept=intercept.astype(np.float32),
            temperature=cls._temperature(x, y, clf.classes_, c),
        )

    @classmethod
    def _temperature(cls, x: sp.csr_matrix, y: np.ndarray, classes: np.ndarray, c: float) -> float:
        """The softmax temperature that minimises the log-loss of out-of-fold scores (Guo et al., 2017)."""
        from sklearn.model_selection import StratifiedKFold, cross_val_predict
        from sklearn.svm import LinearSVC

        counts = np.unique(y, return_counts=True)[1]
        if counts.min() < cls.CALIBRATION_FOLDS:
            return 1.0
        folds = StratifiedKFold(cls.CALIBRATION_FOLDS, shuffle=True, random_state=0)
        scores = cross_val_predict(LinearSVC(C=c, random_state=0), x, y, cv=folds, method="decision_function")
        if scores.ndim == 1:
            scores = np.column_stack([-scores / 2, scores / 2])
        gold = np.searchsorted(classes, y)

        def log_loss(t: float) -> float:
            z = scores * t
            z = z - z.max(axis=1, keepdims=True)
            return float(-(z[np.arange(len(gold)), gold] - np.log(np.exp(z).sum(axis=1))).mean())

        return float(min(np.exp(np.linspace(np.log(0.5), np.log(50.0), 200)), key=log_loss))

    @staticmethod
    def _vectorizer(factory: Any, analyzer: str, ngrams: tuple, **kwargs: Any) -> Any:
        return factory(analyzer=analyzer, ngram_range=ngrams, preprocessor=normalise, lowercase=False,
                       token_pattern=r"(?u)\b\w+\b", dtype=np.float32, **kwargs)

    def _scores_one(self, text: str) -> np.ndarray:
        """The model's raw scores for one message, computed as TfidfVectorizer(sublinear_tf=True) would
        featurise it but without building sparse matrices (≈ 10× faster than the sklearn path): the analyzers'
        n-grams are counted, weighted (1 + log tf) × idf and L2-normalised per block, and the matching columns of the
        coefficients summed."""
        if not hasattr(self, "_analyzers"):
            from sklearn.feature_extraction.text import CountVectorizer

            self._analyzers = [self._vectorizer(CountVectorizer, analyzer, ngrams).build_analyzer()
                               for analyzer, ngrams in self.ANALYZERS]
            self._offsets = np.cumsum([0] + [len(v) for v in self.vocabularies])[:-1]
        indices: List[np.ndarray] = []
        values: List[np.ndarray] = []
        for analyzer, vocab, idf, offset in zip(self._analyzers, self.vocabularies, self.idfs, self._offsets):
            counts: Dict[int, int] = {}
            for gram in analyzer(text):
                index = vocab.get(gram)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            if not counts:
                continue
            idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
            val = ((1.0 + np.log(tf)) if self.SUBLINEAR_TF else tf) * idf[idx]
            indices.append(idx + offset)
            values.append(val / np.linalg.norm(val))
        scores = self.intercept.astype(np.float64)
        if indices:
            idx, val = np.concatenate(indices), np.concatenate(values)
            scores = scores + self.coef[:, idx] @ val
        return scores

    def ranking(self, text: str, length: int) -> List[tuple[str, float]]:
        scores = self._scores_one(text) * self.temperature
        exp = np.exp(scores - scores.max())
        probs = exp / exp.sum()
        order = np.argsort(-probs)[:length]
        return [(self.labels[i], float(probs[i])) for i in order]

    # Storage: JSON and .npz (no pickle).
    def save(self, folder: Any, name: str) -> None:
        meta = {"labels": self.labels, "vocabularies": self.vocabularies, "temperature": self.temperature}
        (folder / f"{name}.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        np.savez_compressed(folder / f"{name}.npz", coef=self.coef, intercept=self.intercept,
                            **{f"idf{i}": idf for i, idf in enumerate(self.idfs)})

    @classmethod
    def load(cls, folder: Any, name: str) -> "LinearModel":
        meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        with np.load(folder / f"{name}.npz", allow_pickle=False) as arrays:
            idfs = [arrays[f"idf{i}"] for i in range(len(cls.ANALYZERS))]
            return cls(meta["labels"], meta["vocabularies"], idfs, arrays["coef"], arrays["intercept"],
                       float(meta.get("temperature", 1.0)))


def save_models(folder: Any, index: str, models: Dict[str, LinearModel], prefix: str = "") -> None:
    """Several named models in one folder: `index` lists their names, each is stored as `prefix + name`."""
    (folder / index).write_text(json.dumps(sorted(models)), encoding="utf-8")
    for name, model in models.items():
        model.save(folder, f"{prefix}{name}")


def load_models(folder: Any, index: str, prefix: str = "") -> Dict[str, LinearModel]:
    names = json.loads((folder / index).read_text(encoding="utf-8"))
    return {name: LinearModel.load(folder, f"{prefix}{name}") for name in names}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"C": 1.0, "ranking_length": 10}

    @staticmethod
    def required_packages() -> List[Text]:
        return ["sklearn", "scipy"]

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 intents: Optional[LinearModel] = None, selectors: Optional[Dict[str, LinearModel]] = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._storage = model_storage
        self._resource = resource
        self.intents = intents
        self.selectors = selectors or {}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LinearIntentClassifier":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get("text") and m.get("intent")]
        if len({m.get("intent") for m in examples}) < 2:
            log.warning("LinearIntentClassifier: fewer than two intents, nothing to train")
            return self._resource
        c = float(self.config["C"])
        self.intents = LinearModel.fit([m.get("text") for m in examples], [m.get("intent") for m in examples], c)
        by_base: Dict[str, List[Message]] = {}
        for m in examples:
            key = m.get("intent_response_key")
            if key and "/" in key:
                by_base.setdefault(m.get("intent"), []).append(m)
        self.selectors = {
            base: LinearModel.fit([m.get("text") for m in ms], [m.get("intent_response_key") for m in ms], c)
            for base, ms in sorted(by_base.items())
            if len({m.get("intent_response_key") for m in ms}) >= 2
        }
        self.persist()
        return self._resource

    def persist(self) -> None:
        with self._storage.write_to(self._resource) as folder:
            save_models(folder, "selectors.json", self.selectors, prefix="selector-")
            if self.intents is not None:
                self.intents.save(folder, "intents")

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "LinearIntentClassifier":
        try:
            with model_storage.read_from(resource) as folder:
                intents = LinearModel.load(folder, "intents") if (folder / "intents.json").exists() else None
                selectors = load_models(folder, "selectors.json", prefix="selector-")
        except (ValueError, FileNotFoundError):
            log.warning("LinearIntentClassifier: no trained model found, the classifier is empty")
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, intents, selectors)

    def process(self, messages: List[Message]) -> List[Message]:
        length = int(self.config["ranking_length"])
        for message in messages:
            text = message.get("text")
            if self.intents is None or not isinstance(text, str) or not text.strip():
                message.set("intent", {"name": None, "confidence": 0.0}, add_to_output=True)
                message.set("intent_ranking", [], add_to_output=True)
                continue
            ranking = self.intents.ranking(text, length)
            message.set("intent", {"name": ranking[0][0], "confidence": ranking[0][1]}, add_to_output=True)
            message.set("intent_ranking", [{"name": n, "confidence": c} for n, c in ranking], add_to_output=True)
            if self.selectors:
                message.set("response_selector", self._select(text, ranking[0][0], length), add_to_output=True)
        return messages

    def _select(self, text: str, intent: str, length: int) -> Dict[str, Any]:
        """The sub-intent of the predicted retrieval intent (the others are never asked for: a later component
        that changes the intent, like SafetyNet or PayloadRouter, sets its own)."""
        output: Dict[str, Any] = {"all_retrieval_intents": sorted(self.selectors)}
        for base, model in self.selectors.items():
            if base != intent:
                continue
            ranking = model.ranking(text, length)
            key, confidence = ranking[0]
            output[base] = {
                "response": {"responses": [], "confidence": confidence, "intent_response_key": key,
                             "utter_action": f"utter_{key}"},
                "ranking": [{"intent_response_key": k, "confidence": c} for k, c in ranking],
            }
        return output

"""The intent classifier scores a message exactly as the model it trained (no train/serve skew).

`LinearModel._scores_one` featurises one message by hand, ≈ 10× faster than sklearn. Until 2026-11-24 it weighted
term frequency as 1 + log(tf) while training used raw tf, so a message that repeats a word or n-gram ("help help
help") was scored with features the model never saw. The check runs in the Rasa runtime (.venv-rasa), against
sklearn's own TfidfVectorizer and LinearSVC fitted independently on the same data.
"""
import json
import subprocess

from tests.conftest import ROOT

CHECK = r"""
import json, sys
import numpy as np, scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC
from infopunt.rasa_ext.classifier import LinearModel, normalise

texts = ["help help help me now", "ik wil aangifte doen", "aangifte aangifte aangifte", "where can i sleep tonight",
         "sleep sleep where", "hallo hallo", "hi", "dank je wel", "thanks thanks a lot", "помогите помогите мне",
         "ayuda ayuda por favor", "مساعدة مساعدة"]
labels = ["emergency", "ask_report", "ask_report", "ask_shelter", "ask_shelter", "greet", "greet", "thank", "thank",
          "emergency", "emergency", "emergency"]
model = LinearModel.fit(texts, labels, c=1.0)
vectorizers = [TfidfVectorizer(analyzer=a, ngram_range=n, preprocessor=normalise, lowercase=False,
                               token_pattern=r"(?u)\b\w+\b", sublinear_tf=True) for a, n in LinearModel.ANALYZERS]
x = sp.hstack([v.fit_transform(texts) for v in vectorizers]).tocsr()
reference = LinearSVC(C=1.0, random_state=0).fit(x, labels)
probes = ["help help help", "aangifte aangifte doen doen", "sleep", "hallo hallo hallo", "помогите помогите"]
expected = reference.decision_function(sp.hstack([v.transform(probes) for v in vectorizers]).tocsr())
got = np.vstack([model._scores_one(p) for p in probes])
assert list(reference.classes_) == model.labels
print(json.dumps({"max_difference": float(np.abs(got - expected).max())}))
"""


def test_a_message_is_scored_with_the_features_the_model_was_trained_on():
    out = subprocess.run([str(ROOT / ".venv-rasa" / "bin" / "python"), "-c", CHECK], cwd=ROOT, capture_output=True,
                         text=True, env={"RASA_TELEMETRY_ENABLED": "false", "PATH": "/usr/bin:/bin",
                                         "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3"})
    assert out.returncode == 0, out.stderr[-3000:]
    assert json.loads(out.stdout.strip().splitlines()[-1])["max_difference"] < 1e-4

"""The listener's learned half: word embeddings that ship inside a package, and a small linear
classifier over them trained from the labelled messages in bench/data.

Rules explain themselves but only know the phrasings someone thought of; people write "kms",
"I want to sleep and never wake up" or "maybe this career isn't for me". Averaged word vectors
from WordLlama (256 dimensions, its tokenizer and weights are files inside the `wordllama` wheel)
carry what such messages have in common. Nothing is ever downloaded: both files are opened
straight from the installed package (its own loader looks for the tokenizer in a folder that
doesn't exist and then goes to the network), and WordLlama's Python code is never imported.
"""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import json
import logging
import math
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

MODEL_FILE = Path(__file__).with_name("listener_model.json")
EMBEDDING_PACKAGE = "wordllama"
TOKENIZER_FILE = "tokenizers/l2_supercat_tokenizer_config.json"
WEIGHTS_FILE = "weights/l2_supercat_256.safetensors"
LABELS = ("crisis", "crisis_other", "self_doubt", "none")
MAX_CHARACTERS = 2000  # a wall of text reads no differently after this


class EmbeddingUnavailable(RuntimeError):
    """The embedding package's files are missing; the listener then reads with rules alone."""


def package_file(relative: str) -> Path:
    spec = importlib.util.find_spec(EMBEDDING_PACKAGE)
    if spec is None or spec.origin is None:
        raise EmbeddingUnavailable(f"the {EMBEDDING_PACKAGE} package is not installed")
    path = Path(spec.origin).parent / relative
    if not path.is_file():
        raise EmbeddingUnavailable(f"{path} is missing from the {EMBEDDING_PACKAGE} package")
    return path


class Embedder:
    """Text -> a unit-length 256-dimension vector: the mean of its tokens' vectors."""

    def __init__(self) -> None:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(package_file(TOKENIZER_FILE)))
        with safe_open(str(package_file(WEIGHTS_FILE)), framework="np") as weights:
            # float16, 32000 x 256. As float32 a message reads ~10 us sooner, but the table
            # would cost 16 MB more of the listener's 60 MB.
            self._vectors = weights.get_tensor("embedding.weight")

    @property
    def dimensions(self) -> int:
        return int(self._vectors.shape[1])

    def embed(self, text: str) -> np.ndarray:
        ids = self._tokenizer.encode(text[:MAX_CHARACTERS], add_special_tokens=False).ids
        if not ids:
            return np.zeros(self.dimensions, dtype=np.float32)
        vector = self._vectors[ids].sum(axis=0, dtype=np.float32) / len(ids)
        norm = math.sqrt(vector @ vector)
        return vector / norm if norm else vector

    def embed_many(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.embed(t) for t in texts]) if texts else np.zeros((0, 256))


_WORD = re.compile(r"[a-z0-9']+")


def word_grams(text: str) -> set[str]:
    """The words and word pairs of a message, lower-cased: what the embedding's average blurs
    ("want to die" vs "dying to see") is kept here."""
    words = _WORD.findall(text.casefold().replace("’", "'"))
    return set(words) | {f"{a} {b}" for a, b in itertools.pairwise(words)}


def features(vector: np.ndarray, text: str, vocabulary: Mapping[str, int]) -> np.ndarray:
    """The embedding, then one column per known word or pair (scaled so long texts don't
    outweigh short ones)."""
    grams = np.zeros(len(vocabulary), dtype=np.float32)
    present = [vocabulary[g] for g in word_grams(text) if g in vocabulary]
    if present:
        grams[present] = 1.0 / np.sqrt(len(present))
    return np.concatenate([vector.astype(np.float32), grams])


@dataclass(frozen=True)
class Classifier:
    """Multinomial logistic regression over the embedding and word features, with the
    thresholds the listener uses."""

    weights: np.ndarray  # labels x (embedding dimensions + vocabulary)
    bias: np.ndarray  # labels
    vocabulary: Mapping[str, int]
    crisis_threshold: float
    doubt_threshold: float
    data_sha256: str
    # The training script's settings (steps, L2, ...), so a changed setting is caught like data.
    trained_with: Mapping[str, float] = field(default_factory=dict)
    # Derived in __post_init__: the weights split for reading.
    _embedding_part: np.ndarray = field(init=False, repr=False, compare=False)
    _gram_rows: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Split once for reading: the embedding's block, and one row per word feature.
        dims = self.weights.shape[1] - len(self.vocabulary)
        object.__setattr__(self, "_embedding_part", np.ascontiguousarray(self.weights[:, :dims]))
        object.__setattr__(self, "_gram_rows", np.ascontiguousarray(self.weights[:, dims:].T))

    def probabilities(self, vector: np.ndarray, text: str) -> dict[str, float]:
        """The same sum as `weights @ features(...)`, reading only the word rows present."""
        scores = self._embedding_part @ vector + self.bias
        known = self.vocabulary
        present = [known[g] for g in word_grams(text) if g in known]
        if present:
            scores += np.add.reduce(self._gram_rows[present]) / math.sqrt(len(present))
        values = scores.tolist()  # four numbers: plain Python is quicker than numpy here
        top = max(values)
        exp = [math.exp(v - top) for v in values]
        total = sum(exp)
        return {label: value / total for label, value in zip(LABELS, exp, strict=True)}

    def to_json(self) -> str:
        return json.dumps(
            {
                "about": "liftup listener classifier; retrain with python -m bench.train_listener",
                "embedding": f"{EMBEDDING_PACKAGE}:{WEIGHTS_FILE}",
                "labels": list(LABELS),
                "data_sha256": self.data_sha256,
                "trained_with": dict(self.trained_with),
                "crisis_threshold": round(self.crisis_threshold, 6),
                "doubt_threshold": round(self.doubt_threshold, 6),
                "vocabulary": sorted(self.vocabulary, key=self.vocabulary.__getitem__),
                "bias": [round(float(b), 6) for b in self.bias],
                "weights": [[round(float(w), 5) for w in row] for row in self.weights],
            },
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> Classifier:
        data = json.loads(text)
        if tuple(data["labels"]) != LABELS:
            raise ValueError(f"the model's labels {data['labels']} are not {LABELS}")
        return cls(
            weights=np.asarray(data["weights"], dtype=np.float32),
            bias=np.asarray(data["bias"], dtype=np.float32),
            vocabulary={gram: i for i, gram in enumerate(data["vocabulary"])},
            crisis_threshold=float(data["crisis_threshold"]),
            doubt_threshold=float(data["doubt_threshold"]),
            data_sha256=data["data_sha256"],
            trained_with=data.get("trained_with", {}),
        )


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class LearnedReader:
    embedder: Embedder
    classifier: Classifier

    def read(self, text: str) -> dict[str, float]:
        return self.classifier.probabilities(self.embedder.embed(text), text)


_loading = threading.Lock()


@cache
def _load() -> LearnedReader | None:
    try:
        return LearnedReader(Embedder(), Classifier.from_json(MODEL_FILE.read_text("utf-8")))
    except (EmbeddingUnavailable, FileNotFoundError) as exc:
        log.error("the listener's learned reader is off, rules read alone: %s", exc)
        return None


def learned_reader() -> LearnedReader | None:
    """The shared reader, loaded on first use (about 0.3 s); None when the files are missing,
    in which case the rules read alone and an error in the log says why."""
    with _loading:
        return _load()

"""The learned reader: files from the installed package only, weights that match their data."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from dataclasses import replace

import numpy as np

from bench.train_listener import TRAIN_FILE, stale_because
from bot.features.encouragement.learned import (
    LABELS,
    MODEL_FILE,
    Classifier,
    Embedder,
    file_sha256,
    learned_reader,
)


def test_the_committed_model_was_trained_on_the_committed_data_and_settings():
    committed = Classifier.from_json(MODEL_FILE.read_text("utf-8"))
    assert stale_because(committed) is None, "run python -m bench.train_listener"


def test_a_changed_setting_or_data_asks_for_retraining():
    committed = Classifier.from_json(MODEL_FILE.read_text("utf-8"))
    other_l2 = dict(committed.trained_with) | {"l2": committed.trained_with["l2"] * 10}
    assert stale_because(replace(committed, trained_with=other_l2)) == (
        "the training settings changed: l2"
    )
    missing = {k: v for k, v in committed.trained_with.items() if k != "steps"}
    assert stale_because(replace(committed, trained_with=missing)) == (
        "the training settings changed: steps"
    )
    assert stale_because(replace(committed, data_sha256="0" * 64)) == "the training data changed"
    assert committed.data_sha256 == file_sha256(TRAIN_FILE)


def test_the_model_file_says_what_it_is():
    data = json.loads(MODEL_FILE.read_text("utf-8"))
    assert data["labels"] == list(LABELS)
    assert "bench.train_listener" in data["about"]
    assert len(data["weights"]) == len(LABELS)


def test_embeddings_place_like_messages_together():
    embedder = Embedder()
    crisis = embedder.embed("I want to end my life")
    close = embedder.embed("I am thinking about ending my life")
    far = embedder.embed("which GPU should I buy for training")
    assert crisis.shape == (256,) and abs(float(np.linalg.norm(crisis)) - 1) < 1e-5
    assert float(crisis @ close) > float(crisis @ far)
    assert not embedder.embed("").any()


def test_the_reader_loads_once_and_answers_with_probabilities():
    reader = learned_reader()
    assert reader is not None and learned_reader() is reader
    probabilities = reader.read("everyone here is way ahead of me and I feel like a fraud")
    assert set(probabilities) == set(LABELS)
    assert abs(sum(probabilities.values()) - 1) < 1e-5
    assert max(probabilities, key=probabilities.get) == "self_doubt"


def test_loading_touches_no_network_and_no_home_cache(tmp_path):
    """In a fresh interpreter with every socket refused and an empty home: the tokenizer and
    weights come from the installed package's files, and WordLlama's own loader never runs."""
    script = textwrap.dedent(
        """
        import socket, sys

        def refuse(*args, **kwargs):
            raise AssertionError("the network was touched")

        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from bot.features.encouragement.learned import learned_reader
        reader = learned_reader()
        assert reader is not None
        print(max(reader.read("i just want to die").items(), key=lambda kv: kv[1])[0])
        assert not [m for m in sys.modules if m.startswith("wordllama")], "wordllama imported"
        assert not [m for m in sys.modules if m.startswith(("huggingface_hub", "requests"))]
        """
    )
    environment = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONPATH": "."}
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "crisis"
    assert not any(tmp_path.iterdir())  # nothing cached under the home folder

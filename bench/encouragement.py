"""How well the listener reads messages: rules plus the learned classifier.

python -m bench.encouragement [--show-errors] [--rules-only]
last line: encouragement n=N precision=P recall=R crisis_recall=C false_crisis=F us_per_message=U
The last line is for bench/data/listener_held_out.tsv only: messages written separately and never
used for training or tuning. The training set's figures come on lines above, for comparison, and
the development set's (listener_dev.tsv: never trained on, but used to choose a threshold policy,
check rules and pick which kinds of message to write more training data for).
precision and recall are for self-doubt; crisis_recall counts crisis about oneself or someone
else; false_crisis counts messages read as crisis that are not.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench.train_listener import DEV_FILE, HELD_OUT_FILE, TRAIN_FILE, figures, load, summary
from bot.features.encouragement.detector import read_message
from bot.features.encouragement.learned import learned_reader

PASSES = 5


def rss_mb() -> float:
    """This process's resident memory, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def evaluate(examples: list[tuple[str, str]], *, use_model: bool = True) -> dict:
    seconds = float("inf")
    for _ in range(PASSES):  # the quickest pass: the others measured the machine's noise too
        started = time.perf_counter()
        readings = [read_message(text, use_model=use_model) for _, text in examples]
        seconds = min(seconds, time.perf_counter() - started)
    return figures(examples, readings) | {"us_per_message": seconds / max(1, len(examples)) * 1e6}


def line(name: str, result: dict) -> str:
    return f"{summary(name, result)} us_per_message={result['us_per_message']:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--show-errors",
        action="store_true",
        help="list the training set's misreadings (the held-out ones stay unseen while tuning)",
    )
    parser.add_argument("--rules-only", action="store_true", help="leave the classifier out")
    args = parser.parse_args()
    use_model = not args.rules_only
    before = rss_mb()
    if use_model and learned_reader() is None:
        raise SystemExit("the learned reader could not load; see the log above")
    print(f"  listener memory: +{rss_mb() - before:.0f} MB once loaded")
    read_message("warm-up", use_model=use_model)
    training = evaluate(load(TRAIN_FILE), use_model=use_model)
    dev = evaluate(load(DEV_FILE), use_model=use_model)
    held_out = evaluate(load(HELD_OUT_FILE), use_model=use_model)
    if args.show_errors:
        for label, reading, text in training["misses"]:
            print(f"{label:>12} read as {reading:<12} {text}")
    print("  " + line("training", training))
    print("  " + line("development", dev))
    print(line("encouragement", held_out))


if __name__ == "__main__":
    main()

"""How well the listener reads messages, on the labelled set written for this project.

python -m bench.encouragement [--show-errors]
last line: encouragement n=N precision=P recall=R crisis_recall=C false_crisis=F
precision and recall are for self-doubt; false_crisis counts non-crisis messages read as crisis.
The set has two splits: "tuning" (the 400 messages the rules were written against) and
"held_out" (written afterwards, before the rules ever saw them); each gets a line of its own.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bot.features.encouragement.detector import Reading, read_message

EVAL_SET = Path(__file__).parent / "data" / "encouragement_eval.jsonl"


def load(split: str | None = None) -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in EVAL_SET.read_text("utf-8").splitlines() if line]
    return [(r["text"], r["label"]) for r in rows if split in (None, r["split"])]


def evaluate(examples: list[tuple[str, str]]) -> dict[str, float]:
    tp = fp = fn = crisis_hit = crisis_total = false_crisis = 0
    misses = []
    for text, label in examples:
        reading = read_message(text)
        said_doubt = reading is Reading.SELF_DOUBT
        if label == "self_doubt":
            tp += said_doubt
            fn += not said_doubt
        elif said_doubt:
            fp += 1
        if label == "crisis":
            crisis_total += 1
            crisis_hit += reading is Reading.CRISIS
        elif reading is Reading.CRISIS:
            false_crisis += 1
        if (reading.value != label) and not (label == "none" and reading is Reading.TOPIC):
            misses.append((label, reading.value, text))
    return {
        "n": len(examples),
        "precision": tp / max(1, tp + fp),
        "recall": tp / max(1, tp + fn),
        "crisis_recall": crisis_hit / max(1, crisis_total),
        "false_crisis": false_crisis,
        "misses": misses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true", help="list every misread message")
    args = parser.parse_args()
    for split in ("tuning", "held_out"):
        part = evaluate(load(split))
        print(
            f"  {split}: n={part['n']} precision={part['precision']:.3f} "
            f"recall={part['recall']:.3f} crisis_recall={part['crisis_recall']:.3f}"
        )
    result = evaluate(load())
    if args.show_errors:
        for label, reading, text in result["misses"]:
            print(f"{label:>10} read as {reading:<10} {text}")
    print(
        f"encouragement n={result['n']} precision={result['precision']:.3f} "
        f"recall={result['recall']:.3f} crisis_recall={result['crisis_recall']:.3f} "
        f"false_crisis={result['false_crisis']}"
    )


if __name__ == "__main__":
    main()

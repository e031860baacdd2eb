"""The default vocabulary of an AI career: topics by area, roles and industries."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

DEFAULT_TOPICS: dict[str, tuple[str, ...]] = {
    "ML foundations": (
        "Linear regression",
        "Logistic regression",
        "Neural networks",
        "Decision trees",
        "Clustering",
        "Anomaly detection",
        "Bias and variance",
        "Regularization",
        "Optimization",
        "Error analysis",
    ),
    "Deep learning": (
        "Hyperparameter tuning",
        "CNNs",
        "Sequence models",
        "Transformers",
    ),
    "Math": (
        "Linear algebra",
        "Probability and statistics",
        "Calculus",
        "Exploratory data analysis",
    ),
    "Software": (
        "Python",
        "Data structures",
        "Databases",
        "Software design",
        "PyTorch",
        "TensorFlow",
        "scikit-learn",
    ),
    "Application areas": (
        "NLP",
        "Computer vision",
        "MLOps",
        "Reinforcement learning",
        "Recommender systems",
        "Generative AI",
        "Time series",
        "Speech",
    ),
}

# Short forms people actually type, mapped to the canonical topic.
TOPIC_ALIASES: dict[str, str] = {
    "lin alg": "Linear algebra",
    "linalg": "Linear algebra",
    "stats": "Probability and statistics",
    "statistics": "Probability and statistics",
    "probability": "Probability and statistics",
    "eda": "Exploratory data analysis",
    "sklearn": "scikit-learn",
    "torch": "PyTorch",
    "tf": "TensorFlow",
    "cnn": "CNNs",
    "convolutional networks": "CNNs",
    "rnn": "Sequence models",
    "rnns": "Sequence models",
    "transformer": "Transformers",
    "llm": "Generative AI",
    "llms": "Generative AI",
    "genai": "Generative AI",
    "cv": "Computer vision",
    "rl": "Reinforcement learning",
    "natural language processing": "NLP",
    "deep learning": "Neural networks",
}

DEFAULT_ROLES: tuple[str, ...] = (
    "ML engineer",
    "Data scientist",
    "MLOps engineer",
    "Research scientist",
    "AI product manager",
    "Data analyst",
    "Data engineer",
    "Software engineer",
    "Student",
    "Other",
)

DEFAULT_INDUSTRIES: tuple[str, ...] = (
    "Technology",
    "Finance",
    "Healthcare",
    "Manufacturing",
    "Retail",
    "Education",
    "Government",
    "Energy",
    "Agriculture",
    "Media",
    "Other",
)

PHASES: tuple[str, ...] = ("learning", "projects", "job-search")


def fold(text: str) -> str:
    """A forgiving comparison key: case, spaces and punctuation do not matter."""
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


@dataclass(frozen=True)
class Vocabulary:
    """The words one community's options accept: its topics, roles and industries."""

    topics: tuple[str, ...]
    roles: tuple[str, ...] = DEFAULT_ROLES
    industries: tuple[str, ...] = DEFAULT_INDUSTRIES
    aliases: tuple[tuple[str, str], ...] = tuple(TOPIC_ALIASES.items())

    @classmethod
    def default(cls, extra_topics: Iterable[str] = ()) -> Vocabulary:
        topics = [t for area in DEFAULT_TOPICS.values() for t in area]
        known = {fold(t) for t in topics}
        topics += [t for t in extra_topics if fold(t) not in known]
        return cls(topics=tuple(topics))

    def choices(self, list_name: str) -> tuple[str, ...]:
        return {"roles": self.roles, "industries": self.industries, "topics": self.topics}[
            list_name
        ]

    @cached_property
    def topic_lookup(self) -> dict[str, str]:
        lookup = {fold(alias): topic for alias, topic in self.aliases if topic in self.topics}
        lookup.update({fold(t): t for t in self.topics})
        return lookup

"""The default vocabulary of an AI career: topics by area, roles and industries."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

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


# Languages people match on, by the name shown and the short forms members type (ISO 639-1
# codes and everyday names). "en" and "English" are one language, so they match.
LANGUAGES: dict[str, tuple[str, ...]] = {
    "Arabic": ("ar",),
    "Bengali": ("bn", "bangla"),
    "Cantonese": ("yue",),
    "Czech": ("cs",),
    "Danish": ("da",),
    "Dutch": ("nl",),
    "English": ("en", "eng"),
    "Farsi": ("fa", "persian"),
    "Filipino": ("fil", "tagalog", "tl"),
    "Finnish": ("fi",),
    "French": ("fr",),
    "German": ("de", "deutsch"),
    "Greek": ("el",),
    "Gujarati": ("gu",),
    "Hausa": ("ha",),
    "Hebrew": ("he", "iw"),
    "Hindi": ("hi",),
    "Hungarian": ("hu",),
    "Igbo": ("ig",),
    "Indonesian": ("id", "bahasa indonesia"),
    "Italian": ("it",),
    "Japanese": ("ja", "jp"),
    "Kannada": ("kn",),
    "Korean": ("ko",),
    "Malay": ("ms", "bahasa melayu"),
    "Malayalam": ("ml",),
    "Mandarin": ("zh", "chinese", "cmn", "putonghua"),
    "Marathi": ("mr",),
    "Nepali": ("ne",),
    "Norwegian": ("no", "nb", "bokmal"),
    "Polish": ("pl",),
    "Portuguese": ("pt", "pt-br", "brazilian portuguese"),
    "Punjabi": ("pa",),
    "Romanian": ("ro",),
    "Russian": ("ru",),
    "Sinhala": ("si",),
    "Spanish": ("es", "castellano", "espanol"),
    "Swahili": ("sw", "kiswahili"),
    "Swedish": ("sv",),
    "Tamil": ("ta",),
    "Telugu": ("te",),
    "Thai": ("th",),
    "Turkish": ("tr",),
    "Ukrainian": ("uk", "ua"),
    "Urdu": ("ur",),
    "Vietnamese": ("vi",),
    "Yoruba": ("yo",),
}


def _language_lookup() -> dict[str, str]:
    lookup = {}
    for name, short in LANGUAGES.items():
        for form in (name, *short):
            lookup[fold(form)] = name
    return lookup


LANGUAGE_LOOKUP = _language_lookup()


@lru_cache(maxsize=4096)  # a round reads every profile's languages: a few dozen distinct ones
def canonical_language(typed: str) -> str | None:
    """The language a member means by `typed` ("en", "english", "Español"), or None."""
    plain = unicodedata.normalize("NFKD", typed).encode("ascii", "ignore").decode()
    return LANGUAGE_LOOKUP.get(fold(typed)) or LANGUAGE_LOOKUP.get(fold(plain))

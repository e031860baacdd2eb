"""The consent-first engine: a seeker asks, the best free provider is asked first, and nobody is
left waiting on someone who can't answer.

A feature (mentoring, interviews, next project teammates) describes its market in a `Market`:
its repository, how people fit, what must match, how much room a provider has, and what it
says. The engine owns everything else: the round, the question, accept/decline/expiry, an
undeliverable question, a provider who pauses or leaves, rounds at once in small communities
and once a tick off the write lock in large ones (arrivals asked at once), and the hourly
catch-up round.
"""

from bot.features.proposals.answers import (
    accept_question,
    pending_question,
    register,
    release,
    stop_offer,
    withdraw_request,
)
from bot.features.proposals.arrivals import is_large, match_soon
from bot.features.proposals.market import Market, MarketTexts, Opening
from bot.features.proposals.rounds import person, run_round

__all__ = [
    "Market",
    "MarketTexts",
    "Opening",
    "accept_question",
    "is_large",
    "match_soon",
    "pending_question",
    "person",
    "register",
    "release",
    "run_round",
    "stop_offer",
    "withdraw_request",
]

"""Feature modules; `full_catalogue()` gathers what each declares into one checked catalogue."""

from __future__ import annotations

from functools import cache

from bot.commands import Catalogue


@cache
def full_catalogue() -> Catalogue:
    from bot.features import (
        admin,
        buddies,
        checkins,
        dashboard,
        encouragement,
        help,
        housekeeping,
        installs,
        interviews,
        mentoring,
        privacy,
        profiles,
        projects,
    )

    catalogue = Catalogue()
    for feature in (
        help,
        profiles,
        checkins,
        mentoring,
        interviews,
        projects,
        buddies,
        encouragement,
        privacy,
        admin,
        dashboard,
        installs,
        housekeeping,
    ):
        catalogue.include(feature.commands)
    return catalogue

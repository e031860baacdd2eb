"""The services every part of the core shares at run time: store, clock, catalogue, settings."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from bot.cache import CommunityCache
from bot.channels import ChannelDirectory, ChannelLookup, ChannelProblem, TypedChannel
from bot.commands import Catalogue
from bot.context import Actor, Context, platform_of
from bot.models import Member
from bot.ports import Clock, Store, UnitOfWork
from bot.settings import CommunitySettings, SettingsSchema


@dataclass(frozen=True)
class Runtime:
    store: Store
    clock: Clock
    catalogue: Catalogue
    community_defaults: Mapping[str, Any] = field(default_factory=dict)
    # Set after a transaction that may have queued messages commits, so the sender wakes at once.
    outbox_signal: asyncio.Event = field(default_factory=asyncio.Event)
    # Communities whose row this process has committed. One is deleted only after its platform
    # removed liftup, and a reinstall makes its row again before any command can arrive.
    known_communities: set[str] = field(default_factory=set)
    cache: CommunityCache = field(default_factory=CommunityCache)
    # What each platform's adapter wants admins to know (e.g. an intent that is off).
    platform_notes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Each platform's channel lookups, by platform name (its Messenger, in practice).
    directories: Mapping[str, ChannelDirectory] = field(default_factory=dict)
    # The web dashboard's address as members' browsers reach it; None while it is off.
    dashboard_url: str | None = None

    def outbox_ready(self) -> None:
        self.outbox_signal.set()

    @cached_property
    def schema(self) -> SettingsSchema:
        return SettingsSchema(self.catalogue.settings)

    async def find_channel(self, community_id: str, typed: TypedChannel) -> ChannelLookup:
        """The channel `typed` names in this community, asked of the community's own platform."""
        directory = self.directories.get(platform_of(community_id))
        if directory is None:
            return ChannelLookup.missing(ChannelProblem.UNAVAILABLE)
        return await directory.find_channel(community_id, typed)

    async def settings_for(self, uow: UnitOfWork, community_id: str) -> CommunitySettings:
        async def load() -> CommunitySettings:
            stored = await uow.communities.settings(community_id)
            settings = self.schema.resolve(stored, self.community_defaults)
            if settings.unresolved:
                # Channels saved by name before liftup stored ids (or given as names in the
                # config's defaults): looked up now, so the listener compares ids.
                settings = await settings.with_channels_found(
                    lambda typed: self.find_channel(community_id, typed)
                )
            return settings

        return await self.cache.get(community_id, "settings", load)

    async def context_for(
        self,
        uow: UnitOfWork,
        community_id: str,
        actor: Actor,
        member: Member,
        now: datetime,
        channel_id: str | None = None,
    ) -> Context:
        settings = await self.settings_for(uow, community_id)
        return Context(
            community_id=community_id,
            actor=actor,
            member=member,
            now=now,
            settings=settings,
            vocabulary=settings.vocabulary(),
            catalogue=self.catalogue,
            cache=self.cache,
            channel_id=channel_id,
            platform_notes=self.platform_notes.get(platform_of(community_id), ()),
            dashboard_url=self.dashboard_url,
            find_channel=lambda typed: self.find_channel(community_id, typed),
        )

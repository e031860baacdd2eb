"""What every Store backend must do: transactions, scoping by community, export and erase."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.models import Phase, Profile
from bot.ports import ChannelPost, DirectMessage, NewThread, PrivateSpace, Store
from bot.replies import Attachment, Button, ButtonStyle, Field, Reply
from tests.fakes import START, rows_mentioning, table_rows

A, B = "test:alpha", "test:beta"
NOW = START
LEASE = timedelta(minutes=2)


def holds_nothing(exported: object) -> bool:
    """An export with no personal data in it: empty, zero or None all the way down."""
    if isinstance(exported, dict):
        return all(holds_nothing(v) for v in exported.values())
    if isinstance(exported, list | tuple):
        return not exported
    return not exported


async def seed_member(store: Store, community: str, member: str, name: str) -> None:
    async with store.unit() as uow:
        await uow.communities.ensure(community, NOW)
        await uow.members.upsert(community, member, name, NOW)
        await uow.profiles.save(
            Profile(
                community,
                member,
                timezone="Europe/Berlin",
                phase=Phase.PROJECTS,
                topics_known=("Python", "NLP"),
                bio=f"{name} writes about NLP",
                updated_at=NOW,
            )
        )
        await uow.outbox.enqueue(
            community, f"hello:{member}", DirectMessage(member), Reply("Hi"), member, NOW
        )
        await uow.idempotency.claim(community, f"key-{member}", member, NOW)
        await uow.effects.claim(community, f"welcome:{member}", NOW, member_id=member)
        await uow.communities.set_setting(community, "admin_channel", "#mods", NOW)


async def test_profile_round_trip(any_store: Store):
    await seed_member(any_store, A, "u1", "Ada")
    async with any_store.unit(read_only=True) as uow:
        profile = await uow.profiles.get(A, "u1")
    assert profile is not None
    assert profile.phase is Phase.PROJECTS
    assert profile.topics_known == ("Python", "NLP")
    assert profile.updated_at == NOW
    assert profile.role is None and profile.languages == ()


async def test_member_upsert_keeps_first_seen_and_updates_name(any_store: Store):
    await seed_member(any_store, A, "u1", "Ada")
    async with any_store.unit() as uow:
        member = await uow.members.upsert(A, "u1", "Ada L.", NOW + timedelta(days=1))
    assert member.display_name == "Ada L."
    async with any_store.unit(read_only=True) as uow:
        assert (await uow.members.get(A, "u1")).display_name == "Ada L."


async def test_pause_and_pauses_ended(any_store: Store):
    await seed_member(any_store, A, "u1", "Ada")
    async with any_store.unit() as uow:
        await uow.members.set_paused_until(A, "u1", NOW + timedelta(days=2))
    async with any_store.unit(read_only=True) as uow:
        member = await uow.members.get(A, "u1")
        assert member.is_paused(NOW) and not member.is_paused(NOW + timedelta(days=3))
        assert await uow.members.pauses_ended(NOW) == []
        ended = await uow.members.pauses_ended(NOW + timedelta(days=2))
    assert [m.id for m in ended] == ["u1"]


async def test_a_failed_unit_rolls_back_everything(any_store: Store):
    with pytest.raises(RuntimeError):
        async with any_store.unit() as uow:
            await uow.communities.ensure(A, NOW)
            await uow.members.upsert(A, "u1", "Ada", NOW)
            raise RuntimeError("boom")
    async with any_store.unit(read_only=True) as uow:
        assert await uow.members.get(A, "u1") is None
        assert await uow.communities.ids() == []


async def test_settings_are_per_community(any_store: Store):
    async with any_store.unit() as uow:
        for community in (A, B):
            await uow.communities.ensure(community, NOW)
        await uow.communities.set_setting(A, "admin_channel", "#mods", NOW)
        await uow.communities.set_setting(A, "admin_channel", "#admins", NOW)
    async with any_store.unit() as uow:
        assert await uow.communities.settings(A) == {"admin_channel": "#admins"}
        assert await uow.communities.settings(B) == {}
        await uow.communities.reset_setting(A, "admin_channel")
        assert await uow.communities.settings(A) == {}
        assert await uow.communities.ids() == [A, B]


async def test_outbox_keys_are_unique_and_replies_round_trip(any_store: Store):
    reply = Reply(
        text="Hello <@u1>",
        title="Welcome",
        fields=(Field("Phase", "projects", inline=True),),
        buttons=(Button("Accept", "accept", "42", ButtonStyle.PRIMARY),),
        attachments=(Attachment("chart.png", b"\x89PNG\r\n", "a chart"),),
        private=True,
    )
    destinations = [
        DirectMessage("u1"),
        ChannelPost("general"),
        ChannelPost("general", thread_id="t1"),
        NewThread("general", "Week 48"),
        PrivateSpace(("u1", "u2"), "Meet Sam"),
    ]
    async with any_store.unit() as uow:
        await uow.communities.ensure(A, NOW)
        for i, destination in enumerate(destinations):
            assert await uow.outbox.enqueue(A, f"k{i}", destination, reply, None, NOW)
        assert not await uow.outbox.enqueue(A, "k0", DirectMessage("u9"), reply, None, NOW)
        assert await uow.outbox.enqueue(B, "k0", DirectMessage("u9"), reply, None, NOW)
    async with any_store.unit() as uow:
        assert await uow.outbox.claim(NOW - timedelta(seconds=1), 100, ["test"], LEASE) == []
        assert await uow.outbox.claim(NOW, 100, ["discord"], LEASE) == []
        due = await uow.outbox.claim(NOW, 100, ["test"], LEASE)
    assert [m.destination for m in due if m.community_id == A] == destinations
    assert all(m.reply == reply for m in due)


async def test_outbox_lifecycle(any_store: Store):
    async with any_store.unit() as uow:
        await uow.communities.ensure(A, NOW)
        for key in ("sent", "later", "lost"):
            await uow.outbox.enqueue(A, key, DirectMessage(key), Reply(key), key, NOW)
    async with any_store.unit() as uow:
        ids = {m.key: m.id for m in await uow.outbox.claim(NOW, 10, ["test"], LEASE)}
    async with any_store.unit() as uow:
        await uow.outbox.mark_delivered(ids["sent"], "msg-1", NOW)
        await uow.outbox.mark_retry(ids["later"], NOW + timedelta(minutes=5), "retry")
        await uow.outbox.mark_failed(ids["lost"], "dms-closed", NOW)
    async with any_store.unit(read_only=True) as uow:
        assert await uow.outbox.reference(A, "sent") == "msg-1"
        assert await uow.outbox.reference(A, "later") is None
        failures = await uow.outbox.failures(A, 10)
        assert [(m.key, m.failure_reason) for m in failures] == [("lost", "dms-closed")]
        assert await uow.outbox.failures(B, 10) == []
        assert await uow.outbox.pending_count() == 1
        assert await uow.outbox.next_due_at() == NOW + timedelta(minutes=5)
    async with any_store.unit() as uow:
        assert await uow.outbox.claim(NOW, 10, ["test"], LEASE) == []
        later = await uow.outbox.claim(NOW + timedelta(minutes=5), 10, ["test"], LEASE)
        assert [(m.key, m.attempts) for m in later] == [("later", 1)]
        assert await uow.outbox.purge_finished_before(NOW + timedelta(days=31)) == 1
        assert await uow.outbox.reference(A, "sent") is None


async def test_claimed_messages_wait_out_their_lease_or_come_back_when_released(
    any_store: Store,
):
    async with any_store.unit() as uow:
        await uow.communities.ensure(A, NOW)
        for key in ("a", "b", "c"):
            await uow.outbox.enqueue(A, key, DirectMessage(key), Reply(key), key, NOW)
    async with any_store.unit() as uow:
        first = await uow.outbox.claim(NOW, 2, ["test"], LEASE)
    async with any_store.unit() as uow:
        second = await uow.outbox.claim(NOW, 10, ["test"], LEASE)
    assert [m.key for m in first] == ["a", "b"] and [m.key for m in second] == ["c"]
    async with any_store.unit() as uow:
        # The claimer of "a" and "b" died: nothing comes back until the lease ends.
        assert await uow.outbox.claim(NOW + LEASE - timedelta(seconds=1), 10, ["test"], LEASE) == []
        await uow.outbox.release([second[0].id], NOW)  # "c" handed back by a clean stop
    async with any_store.unit() as uow:
        again = await uow.outbox.claim(NOW + LEASE, 10, ["test"], LEASE)
    assert [m.key for m in again] == ["a", "b", "c"]


async def test_a_sends_progress_comes_back_with_its_row_while_pending(any_store: Store):
    async with any_store.unit() as uow:
        await uow.communities.ensure(A, NOW)
        await uow.outbox.enqueue(A, "thread", NewThread("c1", "Week 48"), Reply("Hi"), None, NOW)
    async with any_store.unit() as uow:
        [row] = await uow.outbox.claim(NOW, 10, ["test"], LEASE)
        assert row.progress == {}
    async with any_store.unit() as uow:
        await uow.outbox.save_progress(row.id, {"thread": "t-77", "note": "é"})
        await uow.outbox.mark_retry(row.id, NOW, "503")
    async with any_store.unit() as uow:
        [again] = await uow.outbox.claim(NOW, 10, ["test"], LEASE)
        assert again.progress == {"thread": "t-77", "note": "é"}
        await uow.outbox.mark_delivered(row.id, "t-77", NOW)
        await uow.outbox.save_progress(row.id, {})  # a finished row keeps what it had
    async with any_store.unit(read_only=True) as uow:
        assert (await uow.outbox.queued(A, "thread")).progress == {"thread": "t-77", "note": "é"}


async def test_urgent_messages_are_claimed_before_everything_waiting(any_store: Store):
    async with any_store.unit() as uow:
        await uow.communities.ensure(A, NOW)
        for i in range(5):
            await uow.outbox.enqueue(
                A, f"reminder:{i}", DirectMessage(f"u{i}"), Reply("hi"), None, NOW
            )
        later = NOW + timedelta(minutes=1)
        await uow.outbox.enqueue(
            A, "crisis", DirectMessage("u9"), Reply("help"), "u9", later, urgent=True
        )
    async with any_store.unit() as uow:
        first = await uow.outbox.claim(later, 2, ["test"], LEASE)
        rest = await uow.outbox.claim(later, 10, ["test"], LEASE)
    assert [m.key for m in first] == ["crisis", "reminder:0"]
    assert [m.key for m in rest] == ["reminder:1", "reminder:2", "reminder:3", "reminder:4"]


async def test_concurrent_claims_never_share_a_message(any_store: Store):
    async with any_store.unit() as uow:
        await uow.communities.ensure(A, NOW)
        for i in range(60):
            await uow.outbox.enqueue(A, f"k{i}", DirectMessage(f"u{i}"), Reply("hi"), None, NOW)

    async def claimer() -> list[int]:
        taken = []
        while True:
            async with any_store.unit() as uow:
                batch = await uow.outbox.claim(NOW, 7, ["test"], LEASE)
                await asyncio.sleep(0)  # let the other claimers run while this one holds rows
            if not batch:
                return taken
            taken += [m.id for m in batch]

    results = await asyncio.gather(*(claimer() for _ in range(4)))
    everything = [i for taken in results for i in taken]
    assert len(everything) == 60 and len(set(everything)) == 60


async def test_send_times_are_shared_and_never_overlap(any_store: Store):
    async with any_store.unit() as uow:
        first = await uow.outbox.reserve_send_times("test", 10, 0.5, 1000.0)
        second = await uow.outbox.reserve_send_times("test", 4, 0.5, 1001.0)
        other = await uow.outbox.reserve_send_times("discord", 1, 0.5, 1001.0)
        # Idle for a long while: the next reservation starts now, not in the past.
        later = await uow.outbox.reserve_send_times("test", 1, 0.5, 2000.0)
    assert (first, second, other, later) == (1000.0, 1005.0, 1001.0, 2000.0)


async def test_idempotency_keys_are_claimed_once_per_community(any_store: Store):
    async with any_store.unit() as uow:
        assert await uow.idempotency.claim(A, "interaction-1", "u1", NOW)
        assert not await uow.idempotency.claim(A, "interaction-1", "u1", NOW)
        assert await uow.idempotency.claim(B, "interaction-1", "u1", NOW)
        assert await uow.idempotency.forget_before(NOW + timedelta(seconds=1)) == 2
        assert await uow.idempotency.claim(A, "interaction-1", "u1", NOW)


async def test_effects_happen_once(any_store: Store):
    async with any_store.unit() as uow:
        assert await uow.effects.claim(A, "week:2026-W48:open", NOW)
        assert not await uow.effects.claim(A, "week:2026-W48:open", NOW)
        assert await uow.effects.claim(B, "week:2026-W48:open", NOW)


async def test_concurrent_units_serialise_without_locking_errors(any_store: Store):
    async with any_store.unit() as uow:
        await uow.communities.ensure(A, NOW)

    async def write(i: int) -> None:
        async with any_store.unit() as uow:
            await uow.members.upsert(A, f"u{i}", f"Member {i}", NOW)
            await asyncio.sleep(0)  # let the others try to get in meanwhile
            await uow.outbox.enqueue(A, f"k{i}", DirectMessage(f"u{i}"), Reply("hi"), None, NOW)

    async def read() -> int:
        async with any_store.unit(read_only=True) as uow:
            return await uow.outbox.pending_count()

    results = await asyncio.gather(*(write(i) for i in range(40)), *(read() for _ in range(10)))
    assert all(isinstance(n, int) and 0 <= n <= 40 for n in results[40:])
    assert await read() == 40


async def test_export_holds_the_members_data(any_store: Store):
    await seed_member(any_store, A, "u1", "Ada")
    async with any_store.unit(read_only=True) as uow:
        exported = {
            name: await repo.export_member(A, "u1") for name, repo in uow.member_data().items()
        }
    assert exported["profile"]["bio"] == "Ada writes about NLP"
    assert exported["member"]["display_name"] == "Ada"
    assert exported["messages_to_or_about_you"][0]["reply"]["text"] == "Hi"
    assert exported["scheduled_effects"][0]["key"] == "welcome:u1"


async def test_erase_removes_every_row_about_the_member_and_nothing_else(any_store: Store):
    await seed_member(any_store, A, "u1", "Ada")
    await seed_member(any_store, A, "u2", "Grace")
    await seed_member(any_store, B, "u1", "Ada")  # the same platform user in another community
    async with any_store.unit() as uow:
        await uow.outbox.enqueue(
            A, "notice", ChannelPost("#mods"), Reply("Couldn't DM <@u1>"), None, NOW
        )
        await uow.outbox.enqueue(
            A, "intro", PrivateSpace(("u1", "u2"), "Meet"), Reply("Hello both"), None, NOW
        )
        await uow.outbox.enqueue(
            A, "other-intro", PrivateSpace(("u2", "u11"), "Meet"), Reply("Hi"), None, NOW
        )
        for repo in uow.member_data().values():
            await repo.erase_member(A, "u1")
    leftovers = [
        (table, row) for table, row in await rows_mentioning(any_store, "u1", "Ada") if A in row
    ]
    assert leftovers == []
    async with any_store.unit(read_only=True) as uow:
        assert (await uow.members.get(A, "u2")) is not None
        assert (await uow.profiles.get(A, "u2")) is not None
        assert (await uow.members.get(B, "u1")).display_name == "Ada"
        assert (await uow.profiles.get(B, "u1")) is not None
    async with any_store.unit() as uow:
        remaining = {m.key for m in await uow.outbox.claim(NOW, 100, ["test"], LEASE)}
    keys = {(row[0], row[1]) for row in (await table_rows(any_store))["idempotency"]}
    assert (B, "key-u1") in keys and (A, "key-u1") not in keys
    assert {"other-intro", "hello:u2"} <= remaining and "intro" not in remaining


async def test_reads_in_one_community_never_see_another(any_store: Store):
    await seed_member(any_store, A, "u1", "Ada")
    await seed_member(any_store, B, "u2", "Grace")
    async with any_store.unit(read_only=True) as uow:
        assert await uow.members.get(A, "u2") is None
        assert await uow.profiles.get(B, "u1") is None
        assert await uow.outbox.reference(A, "hello:u2") is None
        for repo in uow.member_data().values():
            assert holds_nothing(await repo.export_member(A, "u2"))
    async with any_store.unit() as uow:
        for repo in uow.member_data().values():
            assert await repo.erase_member(A, "u2") == 0
    async with any_store.unit(read_only=True) as uow:
        assert (await uow.members.get(B, "u2")) is not None


async def test_form_drafts_belong_to_one_member_and_go_when_used_erased_or_old(any_store: Store):
    async with any_store.unit() as uow:
        await uow.communities.ensure(A, NOW)
        mine = await uow.forms.keep(A, "ada", {"given": {"next": "ü" * 3100}}, NOW)
        kept = await uow.forms.keep(A, "ada", {"given": {}}, NOW + timedelta(hours=2))
        await uow.forms.keep(A, "sam", {"given": {}}, NOW)
    async with any_store.unit() as uow:
        assert await uow.forms.get(A, "ada", mine) == {"given": {"next": "ü" * 3100}}
        assert await uow.forms.get(A, "sam", mine) is None  # not his
        assert await uow.forms.get(B, "ada", mine) is None  # not this community's
        await uow.forms.drop(mine)
        assert await uow.forms.get(A, "ada", mine) is None
        assert await uow.forms.forget_before(NOW + timedelta(hours=1)) == 1  # sam's, abandoned
        assert len(await uow.forms.export_member(A, "ada")) == 1
        assert await uow.forms.erase_member(A, "ada") == 1
        assert await uow.forms.get(A, "ada", kept) is None


async def test_a_community_erased_whole_leaves_its_install_and_every_other_community(
    any_store: Store,
):
    await seed_member(any_store, A, "u1", "Ada")
    await seed_member(any_store, B, "u1", "Ada")
    async with any_store.unit() as uow:
        await uow.installations.save(A, "sealed-install", NOW)
        await uow.communities.mark_left(A, NOW)
        await uow.communities.mark_left(A, NOW + timedelta(days=9))  # the first leaving counts
        assert await uow.communities.left_before(NOW + timedelta(days=1)) == [A]
        assert await uow.communities.erase(A, keep_row=True) > 5
    mentioning_a = [
        table for table, rows in (await table_rows(any_store)).items() if any(A in r for r in rows)
    ]
    assert sorted(mentioning_a) == ["communities", "installations"]
    async with any_store.unit() as uow:
        assert await uow.communities.mark_back(A) and not await uow.communities.mark_back(A)
        assert await uow.communities.left_before(NOW + timedelta(days=99)) == []
        assert await uow.communities.erase(A, keep_row=False) == 1
        assert await uow.communities.ids() == [B]
        assert (await uow.profiles.get(B, "u1")) is not None
        assert await uow.communities.settings(B) == {"admin_channel": "#mods"}

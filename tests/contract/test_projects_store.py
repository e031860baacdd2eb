"""The projects repository on every backend: teams, milestones, places, the engine's view of
join requests and questions, and a member's export and erasure."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.features.projects.model import ProjectSize, ProjectStatus
from bot.features.proposals.model import RequestStatus
from bot.ports import Store
from tests.fakes import START

A, B = "test:alpha", "test:beta"
NOW = START


async def test_projects_teams_milestones_and_places(any_store: Store):
    async with any_store.unit() as uow:
        project = await uow.projects.add_project(
            A,
            "ada",
            "Tomato spotter",
            "Ripe or not?",
            ProjectSize.WEEKEND,
            ("Computer vision",),
            ("PyTorch",),
            2,
            True,
            NOW,
        )
        assert project.private and project.active and project.capacity == 2
        assert (await uow.projects.offer(A, "ada")).id == project.id
        assert await uow.projects.offer(B, "ada") is None  # one community never sees another
        await uow.projects.add_teammate(A, project.id, "sam", NOW + timedelta(minutes=1))
        team = await uow.projects.team(project.id)
        assert [(t.member_id, t.is_owner) for t in team] == [("ada", True), ("sam", False)]
        assert await uow.projects.free_places([project.id]) == {project.id: 1}
        assert await uow.projects.with_room(A) == {"ada"}
        done = await uow.projects.set_milestones(A, project.id, ["F1 above 0.8", "5 users"])
        await uow.projects.tick_milestone(done[0].id, "sam", NOW)
        kept = await uow.projects.set_milestones(A, project.id, ["F1 above 0.8", "10 users"])
        assert [(m.text, m.done_by) for m in kept] == [("F1 above 0.8", "sam"), ("10 users", None)]
        scoped = replace(project, scope={"value": "gardeners"}, updated_at=NOW)
        await uow.projects.save_project(scoped)
        assert (await uow.projects.project(project.id)).scope == {"value": "gardeners"}
        assert [p.id for p in await uow.projects.projects(A, member_id="sam")] == [project.id]
        assert await uow.projects.projects(A, (ProjectStatus.SHIPPED,)) == []


async def test_join_requests_questions_and_a_members_erasure(any_store: Store):
    async with any_store.unit() as uow:
        project = await uow.projects.add_project(
            A,
            "ada",
            "Tomato spotter",
            "Ripe or not?",
            ProjectSize.MONTH,
            (),
            ("PyTorch",),
            1,
            False,
            NOW,
        )
        named = await uow.projects.add_request(A, "sam", "hi", ("PyTorch",), project.id, NOW)
        anyone = await uow.projects.add_request(A, "lee", "hey", ("NLP",), None, NOW)
        assert await uow.projects.round_size(A) == (2, 1)
        [question] = await uow.projects.add_questions(
            [(named, "ada", 55, "brings PyTorch")], NOW, NOW + timedelta(days=3)
        )
        assert (question.project_id, question.seeker_id, question.provider_id) == (
            project.id,
            "sam",
            "ada",
        )
        assert await uow.projects.free_places([project.id]) == {project.id: 0}  # held
        assert await uow.projects.asked_owners(A) == {named.id: {"ada"}}
        assert [q.id for q in await uow.projects.questions_lapsed(NOW + timedelta(days=4))] == [
            question.id
        ]
        await uow.projects.set_requests_status([anyone.id], RequestStatus.CLOSED, NOW)
        assert [r.id for r in await uow.projects.requests_for(project.id, ("open",))] == [named.id]
        exported = await uow.projects.export_member(A, "ada")
        assert exported["projects_owned"][0]["title"] == "Tomato spotter"
        assert exported["join_questions"][0]["joiner_id"] == "sam"
        assert await uow.projects.erase_member(A, "ada") >= 3
        assert await uow.projects.project(project.id) is None
        assert await uow.projects.question(question.id) is None
        assert (await uow.projects.request(anyone.id)).member_id == "lee"

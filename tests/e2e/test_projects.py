"""Issue 20 on the real platforms: the scoping form opens as a modal, and a lead presses the
join button, on Discord (discord.py) and on Slack (slack-bolt), against the loopback emulators."""

from __future__ import annotations

import json

from tests.e2e.conftest import command_data, deliver_until
from tests.e2e.slack_emulator import TEAM_ID
from tests.e2e.test_slack import slack_world, text_of  # noqa: F401  (the Slack fixture)

SCOPE_ANSWERS = {
    "solutions": "TF-IDF and logistic regression first, a small transformer after",
    "feasibility": "2,000 public job posts from a jobs API; similar work on Kaggle",
    "value": "Juniors save time; success is 10 people saying it helped",
    "milestones": "F1 above 0.7 on 200 labelled posts\n5 people try it",
    "resources": "A laptop, two people, 5 hours a week",
}
IDEA = {
    "title": "Job post classifier",
    "problem": "Juniors can't tell which AI job posts fit them",
    "looking_for": "PyTorch",
}


async def test_discord_scoping_form_is_a_modal_and_the_lead_presses_accept(discord_world):
    world = discord_world
    started = await world.command("project idea", IDEA, user_id="3001", name="Priya")
    assert "you lead it" in started["data"]["content"]
    calls = await world.interact(2, command_data("project scope", {}), user_id="3001", name="Priya")
    modal = calls[-1].body
    assert modal["type"] == 9  # the form, as the command's first response
    fields = [row["components"][0] for row in modal["data"]["components"]]
    assert [f["custom_id"] for f in fields] == list(SCOPE_ANSWERS)
    assert all(len(f["label"]) <= 45 for f in fields)  # Discord's limit for a label
    submit = {
        "custom_id": modal["data"]["custom_id"],
        "components": [
            {"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]}
            for k, v in SCOPE_ANSWERS.items()
        ],
    }
    saved = await world.interact(5, submit, user_id="3001", name="Priya")
    assert "its 2 milestones" in saved[-1].body["data"]["content"]
    await world.command(
        "project join",
        {"project": "job post", "note": "I know PyTorch"},
        user_id="3002",
        name="Sam",
    )
    dm = world.emulator._snowflake("dm-3001")
    [question] = await deliver_until(world.app, lambda: world.emulator.messages_to(dm))
    accept = next(
        b
        for row in question.body["components"]
        for b in row["components"]
        if b["label"] == "Accept"
    )
    pressed = await world.interact(
        3, {"custom_id": accept["custom_id"], "component_type": 2}, user_id="3001", name="Priya"
    )
    assert "<@3002> is on the team now" in pressed[-1].body["data"]["content"]
    # The team's private space: a private thread with both of them, holding the plan.
    space = await deliver_until(
        world.app,
        lambda: [
            c
            for c in world.emulator.calls
            if c.method == "POST" and c.path.endswith("/threads") and c.body.get("type") == 12
        ],
    )
    assert space[0].body["name"].startswith("Project: Job post classifier")
    members = sorted(
        c.path.rsplit("/", 1)[1] for c in world.emulator.calls if "thread-members" in c.path
    )
    assert members == ["3001", "3002"]


async def test_slack_scoping_form_is_a_modal_and_the_lead_presses_accept(slack_world):  # noqa: F811
    world = slack_world
    idea = " ".join(f'{k}:"{v}"' for k, v in IDEA.items())
    await world.command("project", f"idea {idea}", user="U1", name="priya")
    assert "you lead it" in text_of(await world.answer())
    await world.command("project", "scope", user="U1", name="priya")
    opened = await world.emulator.wait_for(lambda: world.emulator.called("views.open"))
    view = opened[0].args["view"]
    assert view["callback_id"] == "lu-modal:project scope"
    assert [b["block_id"] for b in view["blocks"]] == [*SCOPE_ANSWERS, "project"]
    submission = {
        "type": "view_submission",
        "team": {"id": TEAM_ID},
        "user": {"id": "U1", "name": "priya"},
        "view": {
            **view,
            "id": "V1",
            "state": {
                "values": {
                    k: {k: {"type": "plain_text_input", "value": v}}
                    for k, v in SCOPE_ANSWERS.items()
                }
            },
        },
    }
    assert (await world.interactive(submission)).status == 200
    saved = await world.emulator.wait_for(lambda: world.emulator.called("chat.postEphemeral"))
    assert "its 2 milestones" in text_of(saved[-1].args)
    await world.command("project", 'join project:"job post" note:"I know PyTorch"', user="U2")
    assert "I've asked <@U1>" in text_of(await world.answer(2))

    def question() -> list:
        return [
            c
            for c in world.emulator.called("chat.postMessage")
            if c.args["channel"] == "DU1" and "team-accept" in json.dumps(c.args.get("blocks"))
        ]

    [asked] = await world.deliver_until(question)
    actions = next(b for b in asked.args["blocks"] if b["type"] == "actions")["elements"]
    accept = next(e for e in actions if e["text"]["text"] == "Accept")
    await world.interactive(
        {
            "type": "block_actions",
            "team": {"id": TEAM_ID},
            "user": {"id": "U1", "name": "priya"},
            "response_url": world.emulator.response_url("accept"),
            "actions": [accept],
            "container": {"message_ts": asked.args.get("ts", "1")},
            "channel": {"id": "DU1"},
        }
    )
    answered = await world.emulator.wait_for(lambda: world.emulator.responses_to.get("accept"))
    assert "<@U2> is on the team now" in text_of(answered[0])
    # The team's private space is a group DM with the two of them.
    spaces = await world.deliver_until(
        lambda: [c for c in world.emulator.called("conversations.open") if "," in c.args["users"]]
    )
    assert sorted(spaces[0].args["users"].split(",")) == ["U1", "U2"]

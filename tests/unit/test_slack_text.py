"""Slack text: member text shows as written, and long text splits where Slack can read it."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.slack.blocks import escaped, fallback_text, reply_blocks, sections
from bot.replies import Field, Reply


def test_control_characters_are_escaped_and_only_mentions_kept():
    text = "<@U12> thanks <#C34|general> & <!everyone> <!subteam^S1> <mailto:a@b.c|mail me> a<b>c"
    assert escaped(text) == (
        "<@U12> thanks <#C34|general> &amp; &lt;!everyone&gt; &lt;!subteam^S1&gt; "
        "&lt;mailto:a@b.c|mail me&gt; a&lt;b&gt;c"
    )


def test_every_part_of_a_reply_is_escaped():
    reply = Reply(text="<!here> hi", title="<!channel>", fields=(Field("<!here>", "<!here>"),))
    blocks = str(reply_blocks(reply))
    assert "<!here>" not in blocks and "&lt;!here&gt;" in blocks
    assert "<!channel>" not in fallback_text(reply)


@settings(max_examples=300, derandomize=True)
@given(st.text(alphabet="ab &<>;@U1#C|", max_size=400), st.integers(min_value=20, max_value=90))
def test_long_text_splits_without_breaking_an_escape(text, limit):
    rendered = escaped(text)
    pieces = sections(rendered, limit)
    assert "".join(pieces) == rendered
    assert all(0 < len(p) <= limit for p in pieces)
    for piece in pieces:  # no piece ends partway through &amp; &lt; &gt;
        assert not re.search(r"&[a-z]{0,3}$", piece)

"""Reads a channel message for self-doubt or crisis, carefully and offline.

A small rule set, on purpose: every decision can be explained, nothing is downloaded, and crisis
language is checked first and with the widest net, because missing it is the one unacceptable
mistake. Self-doubt needs a first-person disclosure that is current: someone talking about a
friend, about how they *used* to feel, asking about imposter syndrome in general, or joking
(`/s`, `jk`) is not a member telling us they feel like a fraud today.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Reading(StrEnum):
    CRISIS = "crisis"
    CRISIS_OTHER = "crisis_other"  # crisis language about someone else: a worried friend
    SELF_DOUBT = "self_doubt"
    TOPIC = "topic"  # talk about imposter syndrome, not a disclosure
    NEITHER = "none"

    @property
    def is_crisis(self) -> bool:
        return self in (Reading.CRISIS, Reading.CRISIS_OTHER)


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# Crisis: first or third person alike (a member worried about a friend needs the same help).
CRISIS = _any(
    r"\b(kill|killing|killed)\s+(my|him|her|them)sel(f|ves)\b",
    r"\bsuicid(e|al)\b(?!\s+squad)",
    r"\b(end|ending|take|taking)\s+(my|his|her|their)\s+(own\s+)?life\b",
    r"\bend(ing)?\s+it\s+all\b",
    r"\bwant(s|ed)?\s+(it\s+all\s+)?to\s+end\s+it\b(?!\s+(now|here|there|early|with))",
    r"\b(want|wants|wanted|wanna|wish)\s+(to\s+)?die\b",
    r"\b(do\s*n'?t|do\s+not)\s+want\s+to\s+(be\s+alive|live|exist|wake\s+up)\b",
    r"\bnot\s+(to\s+)?exist\s+any\s?more\b",
    r"\bwish\s+i\s+(was\s*n'?t|was\s+not|were\s*n'?t|were\s+not)\s+(alive|here|born)\b",
    r"\b(hurt|hurting|harm|harming|cut|cutting)\s+(my|him|her|them)sel(f|ves)\b",
    r"\bself[\s-]?harm",
    r"\bbetter\s+off\s+(dead|without\s+me)\b",
    r"\bno\s+reason\s+to\s+(live|be\s+alive)\b",
    r"\b(point\s+(in|of)|worth)\s+living\b",
    r"\bcan'?t\s+go\s+on\s+like\s+this\b",
    r"\b(took|take|taking|swallowed)\s+(too\s+many|a\s+bunch\s+of)\s+pills\b",
    r"\boverdos(e|ed|ing)\b",
    r"\bjump(ing|ed)?\s+off\s+(a|the)\s+(bridge|building|roof|cliff)\b",
    r"\bdone\s+with\s+(life|living)\b",
    r"\bdisappear\s+(forever|for\s+good)\b",
)

# Current, first-person doubt. Each clause is tested on its own.
DOUBT = _any(
    # feeling like a fraud, fake or imposter
    r"\b(feel|feels|feeling|felt)\b[^,.;!?]{0,25}\b(fraud|imposter|impostor|fake|phony)\b",
    r"\bi'?m\s+(such\s+|just\s+|a\s+total\s+|a\s+complete\s+)?(a\s+|an\s+)?"
    r"(fraud|imposter|impostor|fake|phony)\b(?!\s+(analyst|detection|team|model|investigator))",
    r"\bfeel\s+like\s+i\s+know\s+nothing\b",
    r"\b(imposter|impostor)\s+syndrome\s+(is\s+)?(hitting|kicking|through\s+the\s+roof|so\s+bad|"
    r"is\s+real|again)",
    r"\b(find|figure)\s+out\s+(that\s+)?(?=i\b)|\bexposed\s+as\s+a\s+fraud\b|\bsee\s+i\s+do\s*n'?t\s+know",
    r"\brealise\s+i\s+do\s*n'?t|\brealize\s+i\s+do\s*n'?t",
    r"\bfooled\s+everyone\b|\btricked\s+my\s+way\b|\bfaking\s+(it|my\s+way)\b",
    r"\bpretending\s+to\s+(be|know)\b|\bjust\s+pretending\b",
    r"\bhired\s+(by\s+mistake|the\s+wrong\s+person)\b|\bonly\s+got\s+the\s+job\s+by\s+luck\b",
    r"\bgot\s+lucky\b",
    # belonging and deserving
    r"\bi\s+(really\s+|just\s+|honestly\s+)?(do\s*n'?t|do\s+not)\s+"
    r"(really\s+|think\s+i\s+|feel\s+like\s+i\s+)?belong\b(?!\s+to\b)",
    r"\bnot\s+sure\s+i\s+belong\b",
    r"\b(feel|feeling)\s+(like\s+i\s+do\s*n'?t\s+belong|out\s+of\s+place)\b",
    r"\bfeel\s+like\s+they\s+do\s*n'?t\s+belong\b",  # "does anyone else feel like they don't…"
    r"\bpeople\s+like\s+me\s+(do\s*n'?t\s+)?belong\b",
    r"\bout\s+of\s+my\s+(league|depth)\b",
    r"\bi\s+(do\s*n'?t|do\s+not)\s+deserve\b",
    r"\bnot\s+qualified\b|\bdo\s*n'?t\s+feel\s+(qualified|good\s+enough)\b",
    r"(\bnot|n't)\s+(feel\s+like\s+)?a\s+real\s+(engineer|data\s+scientist|programmer|developer)\b",
    r"\bi'?m\s+not\s+a\s+real\b",
    # comparison with others
    r"\b(everyone|everybody|all\s+of\s+you|you\s+all)\b[^,.;!?]{0,30}\b"
    r"(smarter|more\s+talented|more\s+capable|far\s+ahead|way\s+ahead|so\s+far\s+ahead|"
    r"better\s+than\s+me|a\s+genius|so\s+accomplished)\b",
    r"\b(smarter|more\s+talented)\s+than\s+me\b",
    r"\bi'?m\s+(the|always\s+the)\s+(dumbest|weakest|slowest|least\s+\w+)\b",
    r"\bthe\s+(dumbest|weakest|least\s+capable|least\s+talented)\s+(person|one)\b",
    r"\b(so|way|always\s+going\s+to\s+be)\s+behind\b",
    r"\bworse\s+than\s+everyone\b|\beveryone\s+else\s+gets\b|\bexcept\s+me\b",
    r"\bcome\s+up\s+short\b|\bnever\s+(going\s+to\s+)?catch\s+up\b",
    r"\bcan\s+tell\s+i'?m\s+a\s+beginner\b|\bwasting\s+everyone'?s\s+time\b",
    r"\bteammates\s+think\s+i'?m\s+incompetent\b|\bnobody\s+here\s+would\s+hire\b",
    # age and lateness
    # "too old" for the career, not for all-nighters: only before career words, or at the end
    r"\bi'?m\s+(probably\s+|just\s+|maybe\s+)?too\s+(old|late)\b(?!\s+school)"
    r"(?!\s+for\s+(?!(this|it|tech|ml|ai|coding|programming|data|all\s+this|a\s+junior)\b))",
    r"\btoo\s+(old|late)\s+(for\s+me|to\s+(switch|start|learn|become|compete|get))\b",
    r"\b(too\s+old|too\s+late)\s+for\s+(this|all\s+this)\b",
    r"\bstarted\s+too\s+late\b|\btoo\s+late\s+to\s+the\b",
    # never getting it
    r"\bi('ll|\s+will)\s+(probably\s+)?never\s+(get|understand|be|land|catch|finish|make)\b"
    r"(?!\s+(why|tired|bored)\b)",
    r"\bi'?m\s+never\s+going\s+to\b|\bnever\s+going\s+to\s+(make\s+it|be\s+good|understand)\b",
    r"\bi\s+doubt\s+i'?ll\s+ever\b|\bi'?ll\s+ever\s+(be|get|understand)\b",
    r"\bgoing\s+to\s+fail\b|\bwhy\s+am\s+i\s+even\s+trying\b|\bi\s+give\s+up\b",
    # ability
    r"(\bnot|n't|\bnever\s+be)\s+(smart|clever|good|talented|capable)\s+enough\b",
    r"\b(wonder\s+if|do\s*n'?t\s+think|not\s+sure)\s+i'?m\s+(smart|good|clever|talented)\s+enough\b",
    r"\bnot\s+cut\s+out\s+for\b",
    r"\bi'?m\s+(so\s+|too\s+|just\s+)?(stupid|dumb|an\s+idiot)\b",
    r"\b(feel|feeling)\s+(so\s+|really\s+)?(stupid|dumb)\b",
    r"\btoo\s+(dumb|stupid|slow)\b",
    r"\bi'?m\s+dumb\s+for\b",
    r"\bjust\s+not\s+(capable|talented)\b",
    r"\bwho\s+am\s+i\s+kidding\b|\bhave\s+no\s+business\b",
    r"\bintimidating\b",
)

TOPIC = re.compile(
    r"\b(imposter|impostor)\s+(syndrome|feelings?)\b|\bfeel(ing)?\s+like\s+a\s+fraud\b"
)

RELATIONS = (
    r"friend|sister|brother|mentee|coworker|colleague|cousin|best\s+friend|partner|mentor|"
    r"manager|mom|dad|son|daughter"
)

# A clause is about someone else when a third person is its subject before the doubt itself.
OTHER_PERSON = re.compile(
    # "they" counts only as a clause's first word: "they'll find out I'm a fraud" is about me.
    rf"\b(he|she|he's|she's|his|her|my\s+({RELATIONS})|a\s+(friend|colleague|coworker)|"
    r"you|you'?re)\b|^\s*(they|someone)\b"
)
FIRST_PERSON = re.compile(
    rf"\b(i|i'm|i'll|i've|i'd|me|myself|anyone\s+else|anybody\s+else|my(?!\s+({RELATIONS})))\b"
)
IMPLICIT_FIRST_PERSON = re.compile(
    r"^\s*(honestly\s+|still\s+|sometimes\s+|starting\s+to\s+|pretty\s+sure\s+|maybe\s+|"
    r"part\s+of\s+me\s+)?(feel|feeling|think|thinking|got|being|switching|starting|every)\b"
    r"|^\s*(everyone|everybody)\s+else\b|^\s*(my\s+)?(imposter|impostor)\s+syndrome\b"
    r"|\bis\s+it\s+(normal|okay|ok)\s+to\s+feel\b"
)
# Not today's feeling: past, resolved, or denied.
NOT_NOW = re.compile(
    r"\b(used\s+to|no\s+longer|any\s?more|once\s+felt|last\s+year\s+i|back\s+then|at\s+first|"
    r"never\s+too\s+(late|old)|"
    r"when\s+i\s+(started|began|first)|remember\s+(thinking|feeling)|thought\s+i'?d|"
    r"i\s+was\s+convinced|never\s+felt|did\s*n'?t\s+feel|do\s*n'?t\s+feel\s+like\s+a\s+fraud|"
    r"until)\b"
)
RESOLVED = re.compile(
    r"\b(but\s+now|now\s+i'?m|now\s+i|this\s+year\s+i'?m|finally\s+clicked|"
    r"today\s+i\s+signed|just\s+got\s+hired|just\s+finished)\b"
)
JOKING = re.compile(r"(/s\b|\bjk\b|\bjust\s+kidding\b|\bhaha\s+jk\b)")
CLAUSE = re.compile(r"[.;!?]+|,\s*(?:but|and|so)\b|\bbut\b|\band\s+(?=i\b)|,(?=\s*i\b)")


def normalise(text: str) -> str:
    text = text.casefold().replace("’", "'").replace("`", "'")
    text = re.sub(r"\bim\b", "i'm", text)
    text = re.sub(r"\b(dont|cant|wont|didnt|doesnt)\b", lambda m: m.group(1)[:-1] + "'t", text)
    return re.sub(r"\s+", " ", text).strip()


def _last(pattern: re.Pattern[str], text: str) -> int:
    return max((m.start() for m in pattern.finditer(text)), default=-1)


def _clause_doubts(clause: str) -> bool:
    if NOT_NOW.search(clause):
        return False
    if not (FIRST_PERSON.search(clause) or IMPLICIT_FIRST_PERSON.search(clause)):
        return False
    for match in DOUBT.finditer(clause):
        if FIRST_PERSON.match(clause, match.start()):
            return True  # the doubt names its subject: "I'm a fraud"
        before = clause[: match.start()]
        if _last(OTHER_PERSON, before) <= _last(FIRST_PERSON, before):
            return True  # otherwise the nearest subject must not be someone else
    return False


# Who crisis words are about: a reflexive settles it, otherwise the nearest subject before them.
SELF_REFLEXIVE = re.compile(r"\b(myself|my\s+(own\s+)?life|me\b)")
OTHER_REFLEXIVE = re.compile(r"\b(him|her|them)sel(f|ves)\b|\b(his|her|their)\s+(own\s+)?life\b")
OTHER_SUBJECT = re.compile(
    rf"\b(he|she|they|he's|she's|they're|his|her|their|someone|somebody|my\s+({RELATIONS}|"
    r"roommate|flatmate|classmate|teammate|boyfriend|girlfriend|husband|wife|kid|child)|"
    r"a\s+(friend|colleague|coworker|member|classmate|student))\b"
)
# "I" as the helper rather than the one at risk: worried, scared, asking what to do.
HELPER = re.compile(
    r"\bi('m|\s+am)?\s+(so\s+|really\s+)?(worried|scared|afraid|concerned|not\s+sure)\b"
    r"|\bwhat\s+(do|should|can)\s+i\b|\bhow\s+(do|can|should)\s+i\s+(help|support)\b"
    r"|\bi\s+(think|heard|noticed|found)\b|\bi\s+do\s*n'?t\s+know\s+(what|how)\b"
    r"|\b(told|texted|messaged)\s+me\b"
)


def about_someone_else(plain: str, crisis_at: int | None = None) -> bool:
    """Crisis words about a friend, relative or colleague rather than the writer."""
    if OTHER_REFLEXIVE.search(plain) and not re.search(r"\bmyself\b|\bmy\s+(own\s+)?life", plain):
        return True
    if re.search(r"\bmyself\b|\bmy\s+(own\s+)?life\b", plain):
        return False
    before = plain if crisis_at is None else plain[:crisis_at]
    other = _last(OTHER_SUBJECT, before)
    if other < 0:
        return False
    own = [m.start() for m in FIRST_PERSON.finditer(before) if not _helper_at(before, m.start())]
    return max(own, default=-1) < other


def _helper_at(text: str, at: int) -> bool:
    return any(m.start() <= at < m.end() for m in HELPER.finditer(text))


def read_message(text: str) -> Reading:
    """Crisis first, then a current first-person disclosure of doubt, then talk about the topic."""
    plain = normalise(text)
    crisis = CRISIS.search(plain)
    if crisis:
        return Reading.CRISIS_OTHER if about_someone_else(plain, crisis.start()) else Reading.CRISIS
    if JOKING.search(plain):
        return Reading.NEITHER
    if not RESOLVED.search(plain):
        clauses = [c for c in CLAUSE.split(plain) if c and c.strip()]
        if any(_clause_doubts(clause) for clause in clauses):
            return Reading.SELF_DOUBT
    if TOPIC.search(plain):
        return Reading.TOPIC
    return Reading.NEITHER

"""Reads a channel message for self-doubt or crisis, carefully and offline.

Two readers side by side. Rules explain every decision and are written wide for crisis, because
missing it is the one unacceptable mistake; a small learned classifier (learned.py) catches the
phrasings no rule lists. Crisis is either one saying so. Self-doubt needs a first-person
disclosure that is current, by the rules or the classifier alike: someone talking about a friend,
about how they *used* to feel, asking about imposter syndrome in general, or joking (`/s`, `jk`)
is not a member telling us they feel like a fraud today. Crisis words about someone else are read
as a worried friend, who needs different help.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from bot.features.encouragement.learned import learned_reader


class Reading(StrEnum):
    CRISIS = "crisis"
    CRISIS_OTHER = "crisis_other"  # crisis language about someone else: a worried friend
    SELF_DOUBT = "self_doubt"
    TOPIC = "topic"  # talk about imposter syndrome, not a disclosure
    NEITHER = "none"

    @property
    def is_crisis(self) -> bool:
        return self in (Reading.CRISIS, Reading.CRISIS_OTHER)


# Crisis: first or third person alike (a member worried about a friend needs help too).
# Written wide on purpose, including slang and indirect ways of saying it; the learned reader
# beside these rules catches phrasings nobody listed.
CRISIS_PATTERNS = (
    r"\b(kill|killing|killed|hang|hanging|shoot|shooting|off|offing|delete|erase|end)\s+(my|him|her|them)"
    r"sel(f|ves)\b",
    r"\bsuicid(e|al)\b(?!\s+(squad|burn))",
    r"\bkms\b|\bunaliv(e|ing)\b",
    r"\b(end|ending|take|taking|took)\s+(my|his|her|their)\s+(own\s+)?life\b",
    r"\bend(ing)?\s+it\s+(all|tonight|today|this\s+weekend)\b",
    r"\bwant(s|ed)?\s+(it\s+all\s+)?to\s+end\s+it\b(?!\s+(now|here|there|early|with))",
    r"\b(feel\s+like|thinking\s+(about|of)|going\s+to|gonna|want\s+to|ready\s+to|planning\s+to|"
    r"should\s+just|time\s+to|i'?m)"
    r"\s+end(ing)?\s+(it|things|everything)\b(?!\s+(early|here|now|with|for\s+today|there))",
    r"\b(want|wants|wanted|wanna|wanting|wish|wishing)\s+(to\s+)?(die|be\s+dead)\b",
    r"\b(should|could|might\s+as\s+well)\s+(just\s+)?die\b(?!\s+of\s+(embarrassment|shame|boredom))|\bdie\s+in\s+my\s+sleep\b|\bto\s+be\s+dead\b",
    r"\bwish(ing|es)?\s+(i|he|she|they)\s+(was|were)\s+dead\b|\brather\s+be\s+dead\b",
    r"\b(do\s*n'?t|do\s+not|does\s*n'?t)\s+want\s+to\s+(be\s+alive|live|exist|wake\s+up)\b"
    r"(?!\s+in\s+a\s+world)",
    r"\b(do\s*n'?t|do\s+not)\s+(want\s+to|wanna)\s+be\s+here\s+(any\s?more|at\s+all)\b",
    r"\b(want|wish|need)\s+to\s+(just\s+)?(not\s+(be\s+here|exist|be\s+alive)|stop\s+(existing|"
    r"living|being\s+alive))\b|\bwould\s+rather\s+not\s+exist\b",
    r"\bnot\s+(to\s+)?exist\s+any\s?more\b",
    r"\bwish\s+i\s+(was\s*n'?t|was\s+not|were\s*n'?t|were\s+not)\s+(alive|here|born)\b",
    r"\bwish\s+i\s+(was|were|had)\s+never\s+(been\s+)?born\b",
    r"\b(sleep|wants?|wish|wishes|wishing|hopes?|hoping|pray|praying|relief|rather)\b[^.!?]{0,30}\b"
    r"(never|not|won'?t|do\s*n'?t|does\s*n'?t)"
    r"\s+(wake|waking)\s+up\b|\bnever\s+wok(e|en)\s+up\b|\b(sleep|asleep|rest)\s+forever\b",
    r"\b(want|wanna|need|going|have)\s+to\s+(just\s+)?(disappear|vanish|fade\s+away)\b"
    r"(?!\s+(for\s+(a|the|two|\d)|into|from\s+(all|these|the\s+server|social)))",
    r"\b(disappear\w*|vanish\w*|fade\s+away)\b[^.!?]{0,25}\b(forever|for\s+good|permanently|"
    r"from\s+this\s+world|never\s+come\s+back)\b",
    r"\b(hurts?|hurting|harm|harming|cuts?|cutting|burns?|burned|burnt|burning)\s+(my|him|her|them)"
    r"sel(f|ves)\b|\bcutting\s+again\b|\bslit(ting)?\s+(my|his|her)\s+wrists?\b",
    r"\bself[\s-]?harm",
    r"\bbetter\s+off\s+(dead|without\s+(me|him|her|them))\b",
    r"\b(better|happier|easier|fine|relieved)\b[^.!?]{0,25}\bwithout\s+(me|him|her|them)\b"
    r"(?!\s+(in\s+the\s+(team|meeting|office)|at\s+work))|\bhow\s+to\s+end\s+it\b(?!\s+(early|here))",
    r"\b(easier|better)\s+for\s+everyone\s+if\s+i\b|\bif\s+i\s+(was|were)\s+(gone|dead)\b",
    r"\b(i'?m|i\s+am|being)\s+(such\s+|just\s+)?a\s+burden\b|\bstop\s+being\s+a\s+burden\b",
    r"\bno\s+reason\s+to\s+(live|be\s+alive|keep\s+living)\b|\b(nothing|no\s+one)\s+(left\s+)?to\s+live\s+for\b",
    r"\b(point\s+(in|of)|worth)\s+living\b|\blife\s+(is\s*n'?t|is\s+not|isn'?t)\s+worth\b",
    r"\bwhat'?s\s+(even\s+)?the\s+point\s+of\s+(living|waking\s+up|being\s+alive|going\s+on)\b"
    r"(?!\s+with)",
    r"\bno\s+point\s+(in\s+)?(going\s+on|living|being\s+alive)\b",
    r"\bdo\s*n'?t\s+see\s+(the|any)\s+point\s+in\s+(anything|life|living|going\s+on)\b",
    r"\b(tired|sick)\s+of\s+(living|existing|being\s+alive)(?=\s*($|[.,!?]|any\s?more|like\b))|\blost\s+(all\s+)?(the\s+)?will\s+to\s+live\b",
    r"\bwhy\s+am\s+i\s+(even\s+)?alive\b|\bnothing\s+left\s+for\s+me\b|\bno\s+future\s+for\s+me\b",
    r"\bcan'?t\s+(keep\s+)?(go(ing)?\s+on|living)\s+like\s+this\b",
    r"\b(can'?t|cannot)\s+go\s+on\s*(any\s?more)?\s*[.!]*$",
    r"\b(took|take|taking|swallowed|taken)\s+(too\s+many|a\s+bunch\s+of|all\s+(of\s+)?my|a\s+whole"
    r"\s+bottle\s+of)\s+(pills|meds|medication|tablets)\b",
    r"\b(stockpil|collect|sav|hoard)\w*\s+(my\s+)?(pills|meds|medication|tablets)\b",
    r"\bhow\s+many\b[^.?!]{0,30}\b(pills|meds|tablets)\b[^.?!]{0,20}\btoo\s+many\b",
    r"\boverdos(e|ed|ing)\b",
    r"\bjump(ing|ed)?\s+(off|from|in\s+front\s+of)\s+(a|the|my)\s+(bridge|building|roof|cliff|"
    r"balcony|train|window)\b|\b(on|at)\s+the\s+(bridge|roof|ledge)\s+(right\s+)?now\b",
    r"\bthinking\s+(about|of)\s+(jumping|stepping\s+off)\b|\bgoing\s+to\s+jump\b"
    r"(?!\s+(on|into|in|at|to)\b)",
    r"\bbought\s+a\s+rope\b",
    r"\bdone\s+with\s+(life|living)\b(?!\s+admin)|\bmy\s+life\s+is\s+over\b|\bgiv\w*\s+up\s+on\s+"
    r"(life|living)\b|\bgiven\s+up\s+on\s+everything,?\s+even",
    r"\b(goodbye|suicide)\s+(note|letter)s?\b|\bwrit(e|ing|ten)\s+my\s+note\b|"
    r"\bsaid\s+my\s+goodbyes\b|\b(my|this\s+is\s+my)\s+(last|final)\s+message\b"
    r"(?!\s+(before|for\s+(today|now|the)|until|of\s+the))",
    r"\b(nobody|no\s+one|noone)\s+(would|will)\s+(even\s+)?(miss|notice|care)\b[^.!?]{0,30}\b"
    r"(die|died|dead|gone|killed)\b",
    r"\b(death|dying)\s+(would\s+be|seems|feels)\b|\bfeel\s+like\s+dying\b",
    r"\b(death|dying|die)\b[^.!?]{0,30}\bway\s+out\b|\bway\s+out\b[^.!?]{0,30}\b(death|dying|"
    r"die|killing)\b",
    r"\bready\s+to\s+die\b(?!\s+on\s+this\s+hill)|\bcounting\s+down\b[^.!?]{0,30}\bgone\b",
    r"\bgiv(e|ing)\s+away\s+(all\s+)?(of\s+)?(my|his|her|their)\s+(things|stuff|belongings|"
    r"possessions)\b",
    r"\ba\s+plan\s+and\s+a\s+date\b|\bmy\s+plan\s+is\s+ready\b|\bwhat\s+i\s+might\s+do\s+to\s+myself\b",
    r"\bwon'?t\s+be\s+(a\s+(problem|burden)\s+for\s+anyone|around|here|alive)\b[^.!?]{0,30}\b("
    r"much\s+longer|any\s+longer|to\s+look\s+after|next\s+year|for\s+long)\b",
    r"\bthis\s+is\s+goodbye\b|\bgoodbye\s+messages\b|\bgoodbye\b[^.!?]{0,40}\b(won'?t|is\s*n'?t|not)"
    r"\s+(answer|answering|respond)",
    r"\bend\s+my\s+suffering\b|\b(pain|suffering)\s+to\s+end\s+(forever|for\s+good)\b",
    r"\bwant\s+out\s+of\s+(this\s+)?life\b|\b(pointless|meaningless|no\s+meaning)\b[^.!?]{0,30}\bwant\s+out\b",
    r"\bcan'?t\s+imagine\s+(a\s+future|being\s+alive|living)\b|\bcan'?t\s+do\s+(life|living)\b",
    r"\bways\s+to\s+(die|kill\s+myself|end\s+it)\b",
    r"\b(could|to)\s+(just\s+)?stop\s+(existing|living|being\s+alive)\b",
    r"\bdrive\s+(off\s+a\s+cliff|into\s+(a|the)\s+(wall|barrier|tree|river|oncoming))\b|"
    r"\bcrash\s+(the|my)\s+car\s+on\s+purpose\b|\bend\s+of\s+my\s+rope\b",
    r"\bnot\s+(planning|going)\s+(to\s+be|on\s+being)\s+(alive|here|around)\b",
    r"\b(hate\s+my\s+life|my\s+life)\b[^.!?]{0,30}\bwant\s+it\s+to\s+end\b",
    r"\b(knife|rope|pills|gun)\s+(is\s+|are\s+)?ready\b|\bgot\s+the\s+(knife|rope|gun)\b",
    r"\b(world|anyone|everyone)\s+(does\s*n'?t|do\s*n'?t)\s+need\s+me\b|\bnobody\s+needs\s+me\b",
    r"\bnot\s+afraid\s+(of|to)\s+(die|dying)\b|\bif\s+i\s+live\s+or\s+die\b",
    r"\b(see|have|has)\s+(no|any)\s+reason\s+to\s+live\b",
    r"\b(says?|said)\s+(she|he|they)('ll|\s+will)\s+jump\b",
    r"\bleav(e|ing)\s+this\s+(world|life)\b|\bthis\s+is\s+the\s+end\s+for\s+(me|her|him|them)\b|"
    r"\bcan'?t\s+keep\s+going\b(?!\s+(at|with|like\s+this\s+pace))|\b(has|have|got)\s+a\s+(rope|noose)\b|\bdone\s+with\s+(being\s+alive|existing)\b",
    r"\b(being|staying)\s+alive\b[^.!?]{0,30}\b(exhausting|a\s+chore|pointless|too\s+hard)\b|"
    r"\b(fighting|trying)\s+to\s+stay\s+(alive|here)\b|\bdone\s+trying\s+to\s+stay\b",
    r"\b(can'?t|do\s*n'?t|cannot)\s+(picture|see|imagine)\s+myself\s+(still\s+)?(here|alive|around)\b",
    r"\b(do\s*n'?t\s+think|not\s+sure)\s+i'?ll\s+(still\s+)?be\s+(around|here|alive)\b",
    r"\b(thinking|think)\s+about\s+the\s+(water|tracks|drop|edge)\b|\blooking\s+at\s+the\s+"
    r"(train\s+tracks|tracks|bridge|drop)\b",
    r"\btak(e|ing)\s+(every|all\s+(the|my|his|her|their))\s+(pill|pills|meds|tablets)\b|\bbleed(ing)?\s+out\b|"
    r"\buntil\s+(they|it|my\s+\w+)\s+bleeds?\b|\busing\s+it\s+on\s+myself\b",
    r"\bwho\s+gets\s+my\s+(things|stuff)\b|\b(gave|give|giving)\b[^.!?]{0,40}\bwon'?t\s+need\b|"
    r"\bwon'?t\s+need\s+(my|her|his|their)\s+(things|stuff)\b",
    r"\b(wish|hope|hoping)\s+(a|the)\s+(bus|car|train|truck)\s+(would\s+)?(just\s+)?hits?\s+me\b|"
    r"\b(wish|hope|hoping)\s+i\s+(get|got)\s+hit\s+by\b|\bhope\s+the\s+plane\s+crashes\b",
    r"\b(get\s+sick|fall\s+ill)\s+and\s+(do\s*n'?t|never)\s+recover\b|\b(would\s*n'?t\s+mind|do\s*n'?t"
    r"\s+care)\s+if\s+i\s+(did\s*n'?t|do\s*n'?t|never)\s+(make\s+it|wake|survive)\b",
    r"\bhopeless\b[^.!?]{0,40}\b(do\s*n'?t|do\s+not)\s+want\s+to\s+be\s+here\b",
    r"\bwant\s+(it\s+all|everything)\s+to\s+stop\b(?!\s+being)|\bstop\s+feeling\b[^.!?]{0,10}\bforever\b",
    r"\bsleep\b[^.!?]{0,20}\bnever\s+come\s+back\b|\b(life|it\s+all)\s+to\s+be\s+over\b",
    r"\bsewer\s*slide\b|\b(thinking\s+about|planning)\s+(another|my\s+next)\s+attempt\b|"
    r"\battempted\b[^.!?]{0,30}\btry(ing)?\s+again\b",
    r"\bwhen\s+i'?m\s+gone\b|\b(they'?ll|they\s+will|they'?d|everyone'?d|everyone\s+would)\s+(all\s+)?"
    r"be\s+better\s+off\b|\bif\s+i\s+(was|were)\s*n'?t\s+(here|around|alive)\b|\b(lives|life)\b"
    r"[^.!?]{0,30}\bif\s+i\s+(was|were)\s*n'?t\s+in\s+them\b",
    r"\b(do\s*n'?t|does\s*n'?t)\s+need\s+me\s+around\b|\bwaste\s+of\s+(space|oxygen|air)\b",
    r"\b(do\s*n'?t|does\s*n'?t|do\s+not)\s+deserve\s+to\s+(live|be\s+alive|exist)\b|"
    r"\bnever\s+(have\s+)?been\s+born\b",
    r"\blast\s+time\s+you'?ll\s+(hear\s+from|see)\s+me\b|\bthis\s+is\s+my\s+goodbye\b|"
    r"\b(sound|sounds|read|reads)\s+like\s+(a\s+)?goodbye\b",
    r"\bif\s+you'?re\s+reading\s+this\b[^.!?]{0,20}\b(gone|dead)\b|\bi'?m\s+already\s+gone\b|"
    r"\bset\s+a\s+date\b|\btonight\s+is\s+the\s+night\s*[.!]*$",
    r"\b(want|wanna|wish|hopes?|hoping|pray|praying|waiting)\b[^.!?]{0,40}\b(heart\s+(just\s+)?stops|"
    r"heart\s+attack|(do\s*n'?t|not|never)\s+(survive|get\s+up|come\s+back)|delete\s+myself|"
    r"erased|log\s+off\s+from\s+life|to\s+bleed|end\s+(this|it)\s*([.!?,]|$))",
    r"\b(took|swallowed|taken)\s+(a\s+lot\s+of|a\s+bottle\s+of|\d+|all\s+the|lots\s+of)\s+(\w+\s+)?"
    r"(pills|tablets|paracetamol|meds)\b|\bhow\s+many\s+(paracetamol|pills|tablets|sleeping\s+pills)\b",
    r"\b(have|got)\s+the\s+(rope|pills|gun|knife|blade)\b|\b(walk|walking|drive|driving)\s+into\s+"
    r"the\s+(sea|ocean|river|lake|traffic|wall)\b|\bedge\s+of\s+the\s+platform\b|"
    r"\bstanding\s+on\s+(a|the)\s+(bridge|roof|ledge)\b(?!\s+terrace)",
    r"\b(my|his|her|their)\s+(own\s+)?funeral\b|\bwrote\s+(a|my)\s+will\b|\b(saying|say|said)\s+"
    r"goodbye\s+to\s+(people|everyone|everybody)\b(?!\s+at)",
    r"\bbecause\s+i\s+won'?t\s+be\s+(here|around|alive)\b|\bwon'?t\s+be\s+anyone'?s\s+problem\b|"
    r"\b(no\s+one|nobody)\s+will\s+have\s+to\s+deal\s+with\s+me\b",
    r"\b(notes?|letters?)\s+to\s+my\s+(family|parents|mum|mom|dad|kids|partner)\b|\b(gave|give|giving)"
    r"\s+away\b[^.!?]{0,40}\b(no\s+need|won'?t\s+need|not\s+need)\b",
    r"\bgiv\w*\s+up\s+on\s+(staying|being)\s+alive\b|\b(meds|medication|pills)\s+on\s+purpose\b",
    r"\b(only\s+way|pain\s+would\s+stop|stops?\s+is)\b[^.!?]{0,40}\bif\s+i\b|\bif\s+i\s+(just\s+)?"
    r"(was\s*n'?t|were\s*n'?t|was\s+not|were\s+not)\s+(alive|here|around)\b",
    r"\bwant\s+to\s+stop\s+everything\b|\bi'?m\s+pointless\b|\bhoping\s+something\s+(bad\s+)?happens\b",
    r"\b(end|erase|delete)\w*\s+(my\s+)?existence\b|\bexistence\s+to\s+be\s+(erased|over|gone)\b",
    r"\bcut\s+deeper\b|\bwant\s+to\s+bleed\b|\b(cut|cutting|burn|burning|scratch|scratching)\s+(my|her|his)"
    r"\s+(arms?|legs?|wrists?|skin|thighs?)\b",
    r"\bif\s+(i|she|he)\s+ended\s+it\b|\bif\s+i\s+(died|was\s+dead)\b|\bnot\s+existing\b[^.!?]{0,30}"
    r"\b(peaceful|relief|better)\b|\bthink\w*\s+about\s+not\s+existing\b",
    r"\b(do\s*n'?t\s+want\s+to\s+be|not\s+meant\s+to\s+be)\s+in\s+this\s+world\b|\bdead\s+inside\b"
    r"[^.!?]{0,40}\b(want|end|follow)\b|\bno\s+reason\s+for\s+me\s+to\s+(still\s+)?be\s+(here|alive|around)\b",
    r"\b(had\s+enough\s+of|fed\s+up\s+with|over)\s+(life|living|being\s+alive)\b(?!\s+(admin|hacks))|"
    r"\bwelcome\s+death\b",
    r"\bnobody\s+has\s+to\s+deal\s+with\s+(my|me)\b|\bif\s+anything\s+happens\s+to\s+me\b|"
    r"\b(do\s*n'?t|not)\s+plan\s+on\s+(having\s+a\s+future|being\s+(here|around|alive))\b",
    r"\b(the\s+)?easy\s+way\s+out\b(?!\s+of)|\btired\s+of\s+waking\s+up\b|\b(stop|end|over)\b[,\s]+"
    r"permanently\b|\bnot\s+worth\s+the\s+air\b",
    r"\b(no|a|any)\s+reason\s+to\s+stick\s+around\b|\bcheck(ing)?\s+out\s+for\s+good\b|"
    r"\b(want|wanna|wish)\s+(to\s+)?(just\s+)?be\s+gone\b(?!\s+from)",
    r"\ba\s+plan\s+to\s+finish\s+it\b|\bwhen\s+i'?m\s+not\s+(around|here)\s+any\s?more\b|"
    r"\bby\s+ending\s+it\b|\b(think\w*|thoughts?)\s+(about|of)\s+(dying|death|being\s+dead)\b",
    r"\bdone\b[.!,\s]+goodbye\b|\bnice\s+knowing\s+(you|all)\b|\bif\s+i'?m\s+not\s+here\s+(next|"
    r"tomorrow)\b|\bknow\s+how\s+i'?m\s+going\s+to\s+do\s+it\b|\b(picked|chosen|chose)\s+the\s+(day|date|"
    r"place)\b(?!\s+for)",
    r"\b(can'?t\s+promise|not\s+sure)\s+(i|he|she|they)('ll|\s+will)\s+be\s+safe\b|\b(do\s*n'?t|"
    r"does\s*n'?t)\s+feel\s+safe\s+with\s+(myself|himself|herself|themselves)\b|\bi'?m\s+not\s+safe"
    r"\s+(right\s+now|tonight|from\s+myself)\b",
    r"\bdo\s+something\s+(stupid|drastic)\b[^.!?]{0,15}\b(to\s+myself|tonight)\b|\bthrow\s+"
    r"(myself|himself|herself)\s+(off|in\s+front|under)\b|\bthinking\s+about\s+falling\b",
    r"\basleep\b[^.!?]{0,30}\bforever\b|\bcease\s+to\s+exist\b|\bexistence\s+is\s+(unbearable|"
    r"pointless|too\s+much)\b|\b(being\s+alive|living|life)\s+hurts\s+too\s+much\b",
    r"\b(exhausted|tired|sick)\s+of\s+living\s+like\s+this\b|\bkeep\s+existing\s+like\s+this\b|"
    r"\bbetter\s+off\s+not\s+(existing|being\s+here|alive|living)\b",
    r"\bswallow\w*\s+(everything|all|the\s+whole)\b[^.!?]{0,30}\b(cabinet|bottle|pills|meds|"
    r"medicine)\b|\bleaving\s+forever\b|\bwon'?t\s+matter\s+(soon|much\s+longer)\b",
    r"\b(might\s+be|is|will\s+be)\s+(my|her|his)\s+last\s+(night|day)\b(?!\s+(at|of|in|before|here|on|"
    r"with|as|off))|\bmind\s+to\s+(die|end\s+it)\b|\b(done\s+fighting|fighting\s+to\s+live)\b",
    r"\bnothing\s+(is\s+)?keeping\s+(me|him|her|them)\s+(here|alive|going)\b|\btelling\s+me\s+to\s+(end"
    r"\s+it|die|kill\s+myself)\b|\bremember\s+me\s+by\b|\bso\s+(they|people)\s+remember\s+(me|her|him)\b",
    r"\bdisappear\w*\b[^.!?]{0,20}\bnever\s+be\s+found\b|\b(relieved|happier|better)\s+if\s+(i|he|she|"
    r"they)\s+(was|were)\s+(gone|dead)\b|\bholding\s+the\s+(pills|knife|rope|gun|blade)\b",
    r"\bnot\s+going\s+to\s+be\s+a\s+(problem|burden)\b[^.!?]{0,20}\b(much|any)\s+longer\b|\bhow\s+it\s+"
    r"ends\s+for\s+me\b|\bshould\s*n'?t\s+(be\s+alive|exist)\b|\bfeel\w*\s+like\b[^.!?]{0,25}\b"
    r"(should\s*n'?t|not\s+supposed\s+to)\s+be\s+here\b",
    r"\b(a\s+place|somewhere)\s+to\s+do\s+it\b|\bif\s+i\s+(was|were)\s*n'?t\s+in\s+the\s+picture\b|"
    r"\b(nobody|no\s+one)\s+(needs\s+to|will\s+have\s+to)\s+worry\s+about\s+me\b",
    r"\bgiv\w*\s+up\b[^.!?]{0,30}\bmy\s+life\b|\bstop\s+and\s+let\s+me\s+off\b|\bsaid\s+everything\s+"
    r"i\s+needed\s+to\s+say\b|\bresearching\s+methods\b(?!\s+(for|to|of|in|on))",
    r"\bwhich\s+pills\b|\benough\s+(pills|meds|tablets)\s+(saved|stored|stockpiled)\b|\b(fantasi[sz]\w*|"
    r"dream\w*)\s+about\s+(dying|death|not\s+waking\s+up|being\s+dead)\b",
    r"\bhope\s+i('ll|\s+will)?\s+(get\s+into|have)\s+an\s+accident\b|\b(car|bus|truck|train)\s+hit\s+"
    r"(me|him|her)\b|\bstepping\s+in\s+front\s+of\s+(a|the)\s+(bus|train|car|truck)\b",
    r"\bonly\s+thing\s+(stopping|keeping)\s+(me|her|him|them)\s+is\b|\b(i'?d|would)\s+have\s+ended\s+"
    r"it\b|\bwhy\s+i'?m\s+still\s+(alive|here)\b",
    r"\bhate\s+(being\s+alive|existing|living)\b(?!\s+(at|meetings|in|with|code))|\bif\s+i\s+jump\b"
    r"(?!\s+(into|in|to|on))|\bbetter\s+off\s+with\s+(the\s+|my\s+)?life\s+insurance\b|"
    r"\binsurance\s+money\b",
    r"\b(do\s*n'?t|does\s*n'?t)\s+plan\s+(to\s+be|on\s+being)\s+(around|here|alive)\b(?!\s+the\s+office)",
)
# Most messages hold none of the words a crisis pattern needs, so each pattern is tried only
# when the message has one of its own words (taken from the pattern itself, so a new pattern
# brings its own). Words so common that nearly every message has them don't count; a property
# test checks that every pattern still needs at least one of the words it keeps.
COMMON_WORDS = frozenset(
    (
        "the",
        "and",
        "you",
        "not",
        "for",
        "all",
        "any",
        "just",
        "that",
        "this",
        "with",
        "was",
        "were",
        "are",
        "have",
        "has",
        "had",
        "but",
        "can",
        "don",
        "doesn",
        "won",
        "would",
        "could",
        "should",
        "been",
        "being",
        "going",
        "feel",
        "like",
        "think",
        "keep",
        "get",
        "got",
        "one",
        "out",
        "too",
        "did",
        "didn",
        "isn",
        "who",
        "what",
        "how",
        "why",
        "when",
        "where",
        "then",
        "than",
        "them",
        "their",
        "they",
        "she",
        "her",
        "him",
        "his",
        "its",
        "now",
        "soon",
        "still",
        "even",
        "very",
        "really",
        "also",
    )
)
_WORD = re.compile(r"[a-z']+")


def pattern_words(pattern: str) -> frozenset[str]:
    literal = re.sub(r"\\[a-zA-Z]", " ", pattern)  # \b, \s, \w are not letters of a word
    literal = re.sub(r"[a-z']\?", "", literal).replace("'", "")  # hurts? -> hurt, can'?t -> cant
    words = set(re.findall(r"[a-z]{3,}", literal))
    return frozenset(w for w in words if w not in COMMON_WORDS)


@dataclass(frozen=True)
class _WordRule:
    regex: re.Pattern[str]
    words: frozenset[str]


class WordGatedPatterns:
    """Patterns each tried only when the text has one of the pattern's own words."""

    def __init__(self, patterns: tuple[str, ...]) -> None:
        self.rules = tuple(_WordRule(re.compile(p), pattern_words(p)) for p in patterns)
        self.longest = max(len(w) for rule in self.rules for w in rule.words)
        self._always = frozenset(i for i, rule in enumerate(self.rules) if not rule.words)
        self._by_word: dict[str, set[int]] = {}
        for i, rule in enumerate(self.rules):
            for word in rule.words:
                self._by_word.setdefault(word, set()).add(i)

    def candidates(self, plain: str) -> tuple[re.Pattern[str], ...]:
        """The patterns worth trying on this text (and on any part of it)."""
        chosen = set(self._always)
        for start in word_starts(plain, self.longest):
            chosen.update(self._by_word.get(start, ()))
        return tuple(self.rules[i].regex for i in sorted(chosen))

    def search(self, plain: str) -> re.Match[str] | None:
        """The earliest match of any pattern."""
        matches = (regex.search(plain) for regex in self.candidates(plain))
        return min((m for m in matches if m), key=lambda m: m.start(), default=None)


def word_starts(plain: str, longest: int = 16) -> set[str]:
    """Every start of every word, three letters and longer: what pattern words are looked up in."""
    words = set()
    for word in _WORD.findall(plain):
        words.add(word.replace("'", ""))  # "can't" is looked up as "cant" ...
        words.update(word.split("'"))  # ... and as "can", since \b stops at an apostrophe
    return {word[:end] for word in words for end in range(3, min(len(word), longest) + 1)}


CRISIS = WordGatedPatterns(CRISIS_PATTERNS)


# Talk about these subjects (research, data, prevention work) is not a disclosure.
CRISIS_TOPIC_ONLY = re.compile(
    r"\b(suicid(e|al)|self[\s-]?harm)\b[^.!?]{0,40}\b(ideation\s+in|rate|data\s*set|"
    r"prevention|content|posts|research|detection|classif\w*|statistics)\b|\b(detect\w*|classif\w*|"
    r"flags?|model|paper|research|data\s*set|helpline|study|article|novel|book|film|movie|story|"
    r"character|soldier|documentary|victim|feature|podcast|episode|patients?|hospital|clinic)\b"
    r"[^.!?]{0,40}\b(suicid(e|al)|self[\s-]?harm|wants?\s+to\s+die|overdos\w*)"
)

# Current, first-person doubt. Each clause is tested on its own.
DOUBT_PATTERNS = (
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
    # written from the training messages the first rules missed
    r"(\bnot|n't)\s+(\w+\s+)?(technical|skilled|experienced|gifted|competent|qualified|clever|smart|"
    r"capable)\s+enough\b",
    r"\b(the|a)\s+(least\s+\w+|weakest|slowest|dumbest|worst)\s+(person|one|member|engineer|student|"
    r"programmer|coder|learner|link|data\s+scientist|developer)\b",
    r"\b(everyone|everybody|they|others|the\s+others)\b[^,.;!?]{0,30}\b(faster|quicker|so\s+far\s+"
    r"ahead|miles\s+ahead|more\s+experienced|geniuses|brilliant|so\s+quick)\b",
    r"\b(feel|feels|feeling|felt)\b[^,.;!?]{0,25}\b(failure|outsider|incompetent|inadequate|"
    r"unqualified|useless|worthless|clueless|inexperienced|out\s+of\s+place|like\s+a\s+beginner)\b",
    r"\bi'?m\s+(so\s+|really\s+|just\s+|a\s+)?(incompetent|inadequate|clueless|hopeless|terrible|useless|"
    r"awful|disaster)\b(\s+(at|with)\s+(this|coding|math|maths|ml|machine\s+learning|programming|"
    r"statistics|everything|anything|python))?(?!\s+(at|with)\s+(?!(this|coding|math|maths|ml|"
    r"machine|programming|statistics|everything|anything|python)\b))",
    r"\bnot\s+(meant|built|made)\s+(for|to\s+be)\b|\bdo\s*n'?t\s+have\s+(what\s+it\s+takes|the\s+brain|"
    r"the\s+talent|the\s+background)\b",
    r"\bsee\s+(right\s+)?through\s+me\b|\bhow\s+little\s+i\s+know\b|\bcall\s+my\s+bluff\b|"
    r"\b(realise|realize|notice)\s+(that\s+)?(i'?m\s+not|i\s+do\s*n'?t|i\s+have\s+no|hiring\s+me)\b",
    r"\b(hired|got\s+(the\s+)?(job|offer|in)|promotion|acceptance)\b[^,.;!?]{0,30}\b(by\s+(accident|"
    r"mistake)|a\s+mistake|an\s+error|luck)\b",
    r"\bdoubting\s+myself\b|\bzero\s+confidence\b|\bconfidence\s+is\s+(gone|at\s+rock\s+bottom|shot)\b",
    r"\bcan'?t\s+keep\s+up\b|\b(far|miles|hopelessly|too\s+far|so\s+far)\s+behind\b|\bwasting\s+"
    r"(my|her|his|their|everyone'?s|your)\s+time\b",
    r"\bcan'?t\s+even\s+(get|do|understand|finish)\b|\bstruggling\s+with\s+the\s+basics\b|"
    r"\bholding\s+(my|the)\s+team\s+back\b|\bcarrying\s+me\b",
)
DOUBT = WordGatedPatterns(DOUBT_PATTERNS)

TOPIC = re.compile(
    r"\b(imposter|impostor)\s+(syndrome|feelings?)\b|\bfeel(ing)?\s+like\s+a\s+fraud\b"
)

RELATIONS = (
    r"friend|sister|brother|mentee|coworker|colleague|cousin|best\s+friend|partner|mentor|"
    r"manager|mom|mum|dad|son|daughter|roommate|flatmate|classmate|teammate|boyfriend|girlfriend|"
    r"husband|wife|kid|child|student|niece|nephew|uncle|aunt|grandma|grandpa|boss"
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
    text = re.sub(r"\b(my|your|him|her|them)\s+(self|selves)\b", r"\1\2", text)
    text = re.sub(r"\b(dont|cant|wont|didnt|doesnt)\b", lambda m: m.group(1)[:-1] + "'t", text)
    return re.sub(r"\s+", " ", text).strip()


def _last(pattern: re.Pattern[str], text: str) -> int:
    return max((m.start() for m in pattern.finditer(text)), default=-1)


def _clause_doubts(clause: str, patterns: tuple[re.Pattern[str], ...]) -> bool:
    if NOT_NOW.search(clause):
        return False
    if not (FIRST_PERSON.search(clause) or IMPLICIT_FIRST_PERSON.search(clause)):
        return False
    matches = sorted((m for p in patterns for m in p.finditer(clause)), key=lambda m: m.start())
    for match in matches:
        if FIRST_PERSON.match(clause, match.start()):
            return True  # the doubt names its subject: "I'm a fraud"
        before = clause[: match.start()]
        if _last(OTHER_PERSON, before) <= _last(FIRST_PERSON, before):
            return True  # otherwise the nearest subject must not be someone else
    return False


# Who crisis words are about: a reflexive settles it, otherwise the nearest subject before them.
SELF_REFLEXIVE = re.compile(r"\bmyself\b|\bmy\s+(own\s+)?life\b")
OTHER_REFLEXIVE = re.compile(r"\b(him|her|them)sel(f|ves)\b|\b(his|her|their)\s+(own\s+)?life\b")
OTHER_SUBJECT = re.compile(
    rf"\b(he|she|they|he's|she's|they're|his|her|their|someone|somebody|my\s+({RELATIONS})|"
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
    if SELF_REFLEXIVE.search(plain):
        return False
    if OTHER_REFLEXIVE.search(plain):
        return True
    before = plain if crisis_at is None else plain[:crisis_at]
    other = _last(OTHER_SUBJECT, before)
    if other < 0:
        return False
    own = [m.start() for m in FIRST_PERSON.finditer(before) if not _helper_at(before, m.start())]
    return max(own, default=-1) < other


def _helper_at(text: str, at: int) -> bool:
    return any(m.start() <= at < m.end() for m in HELPER.finditer(text))


def _whose_crisis(plain: str, crisis: re.Match[str]) -> Reading:
    """The matched words name whose crisis it is when they can; else the nearest subject does."""
    words = crisis.group(0)
    if SELF_REFLEXIVE.search(words):
        return Reading.CRISIS
    if OTHER_REFLEXIVE.search(words):
        return Reading.CRISIS_OTHER
    if re.search(r"\b(i|i'm|me|my)\b", words):
        return Reading.CRISIS  # "when I'm gone", "they don't need me around"
    named = re.search(rf"\b(he|she|him|her|his|my\s+({RELATIONS}))\b", plain)
    if re.search(r"\bbetter\s+off\b", words) and not named:
        return Reading.CRISIS  # "they'll be better off": the writer is the one who'd be gone
    # "better off without me", "my arms until they bleed": the writer is close by.
    window = plain[max(0, crisis.start() - 25) : crisis.end() + 25]
    if any(not _helper_at(window, m.start()) for m in FIRST_PERSON.finditer(window)):
        return Reading.CRISIS_OTHER if about_someone_else(plain, crisis.start()) else Reading.CRISIS
    if re.search(r"\b(he|she|him|her|his|they|them|their)\b", words):
        return Reading.CRISIS_OTHER
    return Reading.CRISIS_OTHER if about_someone_else(plain, crisis.start()) else Reading.CRISIS


def _own_crisis_words(plain: str) -> bool:
    """Crisis words the writer says of themselves, which research talk never cancels."""
    return bool(re.search(r"\bi('m|\s+am|'ve|\s+have|\s+feel|\s+keep|\s+want)\b", plain))


def read_by_rules(plain: str) -> Reading:
    """Crisis first, then a current first-person disclosure of doubt, then talk about the topic."""
    crisis = CRISIS.search(plain)
    if crisis and CRISIS_TOPIC_ONLY.search(plain) and not _own_crisis_words(plain):
        crisis = None
    if crisis:
        return _whose_crisis(plain, crisis)
    if JOKING.search(plain):
        return Reading.NEITHER
    if not RESOLVED.search(plain):
        clauses = [c for c in CLAUSE.split(plain) if c and c.strip()]
        patterns = DOUBT.candidates(plain)  # chosen once for the whole message
        if any(_clause_doubts(clause, patterns) for clause in clauses):
            return Reading.SELF_DOUBT
    if TOPIC.search(plain):
        return Reading.TOPIC
    return Reading.NEITHER


# No word list gates the model's crisis reading: five-fold cross-validation on the training file
# found such a gate cost crisis recall (0.925 against 0.952) without sparing a single false alarm,
# because indirect crisis ("i've made peace with it, i'm ready to go") has no telling word.
# Everyday exaggerations with death words ("this bug is killing me") are still not crisis.
IDIOM = re.compile(
    r"\b(killing\s+me|kill\s+me\b(?!\s+now)|kill(ed|ing)?\s+it\b|(kill|die)\s+for\b|dying\s+(to|for|"
    r"laughing)|died\s+laughing|dead\s+(tired|serious|simple|set|code)|(battery|laptop|phone|"
    r"kernel|server|gpu|plant)\s+(is\s+)?(died|dead|dying)|going\s+to\s+(kill|die\s+of)|"
    r"ending\s+(my|the|this)\s+(streak|sprint|call|meeting))"
)


def _not_own_current_doubt(plain: str) -> bool:
    """The guards the model's doubt must pass, as the rules' do: jokes, past or resolved
    feelings, and doubt reported about someone else."""
    if JOKING.search(plain) or RESOLVED.search(plain) or NOT_NOW.search(plain):
        return True
    return bool(OTHER_PERSON.search(plain)) and not (
        FIRST_PERSON.search(plain) or IMPLICIT_FIRST_PERSON.search(plain)
    )


def combine(
    plain: str,
    by_rules: Reading,
    learned: Mapping[str, float] | None,
    crisis_threshold: float,
    doubt_threshold: float,
) -> Reading:
    """Rules or model: crisis when either says so (recall first), then doubt when either says
    so and the guards agree it is the writer's own, current doubt."""
    if by_rules.is_crisis or learned is None:
        return by_rules
    crisis_score = learned["crisis"] + learned["crisis_other"]
    if crisis_score >= crisis_threshold and not IDIOM.search(plain):
        return Reading.CRISIS_OTHER if about_someone_else(plain) else Reading.CRISIS
    if by_rules is Reading.SELF_DOUBT:
        return by_rules
    if learned["self_doubt"] >= doubt_threshold and not _not_own_current_doubt(plain):
        return Reading.SELF_DOUBT
    return by_rules


def read_message(text: str, *, use_model: bool = True) -> Reading:
    """How the listener reads one message: the rules and, beside them, the learned classifier."""
    plain = normalise(text)
    by_rules = read_by_rules(plain)
    reader = learned_reader() if use_model else None
    if reader is None or by_rules.is_crisis:
        return by_rules
    thresholds = reader.classifier
    return combine(
        plain,
        by_rules,
        reader.read(text),
        thresholds.crisis_threshold,
        thresholds.doubt_threshold,
    )

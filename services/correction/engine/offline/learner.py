"""Common learner patterns: fixed constructions whose wrong form is frequent in the essays of
Chinese-speaking students and rare in correct English, each checked in its own narrow context.

    EN_CONJUNCTION_PAIR   although/because … , but/so        "Although it rained, but we went" -> "we went"
    EN_GERUND_AFTER       enjoy/finish/look forward to + to  "enjoy to swim" -> "enjoy swimming"
                          like/love/hate + a plain verb      "I like play basketball" -> "playing"
    EN_BARE_INFINITIVE    let/make + object + to             "let me to go" -> "let me go"
    EN_TO_PAST_FORM       to + a past form                   "want to became" -> "to become"
    EN_SPEND_TIME         spend time to do                   "spent two hours to do" -> "doing"
    EN_INTERESTED_IN      I am interesting in                "interesting in" -> "interested in"
    EN_VERY_VERB          I very like                        "very like" -> "really like"
    EN_UNCOUNTABLE_A      a/an + an uncountable noun         "a useful advice" -> "useful advice"
    EN_GOOD_AT            good in + a school subject         "good in English" -> "good at English"
    EN_NOUN_NUMBER        one of my/the … + a singular noun  "one of my best friend" -> "friends"
"""

from __future__ import annotations

import re
from functools import lru_cache

from lemminflect import getAllLemmas, getInflection

from services.correction.engine.result import TextError
from services.correction.engine.simple import match_case

RULE_CONFIDENCE = {
    "EN_CONJUNCTION_PAIR": 0.85, "EN_GERUND_AFTER": 0.85, "EN_BARE_INFINITIVE": 0.85,
    "EN_TO_PAST_FORM": 0.85, "EN_SPEND_TIME": 0.75, "EN_INTERESTED_IN": 0.85, "EN_VERY_VERB": 0.85,
    "EN_UNCOUNTABLE_A": 0.8, "EN_GOOD_AT": 0.85, "EN_NOUN_NUMBER": 0.8,
}

_I = re.IGNORECASE


@lru_cache(maxsize=4096)
def _base_verb(word: str) -> str:
    """``word`` when it is the plain form of a verb, else ""."""
    lower = word.lower()
    return lower if getAllLemmas(lower).get("VERB") == (lower,) else ""


def _gerund(lemma: str) -> str:
    forms = getInflection(lemma, tag="VBG")
    return forms[0] if forms else ""


# "Although it was raining, but we still went out": one of the pair is enough.
_PAIR_FIRST_RE = re.compile(r"\b(?i:although|though|because|since)\b")
_PAIR_RE = re.compile(
    r"(?P<first>[A-Za-z]+)(?P<clause>[^.!?;\n]{3,160}?),\s*"
    r"(?P<second>but|so)\s+(?P<next>(?i:i|we|you|he|she|it|they|there|the|my|our|his|her|their|this|that|"
    r"everyone|everybody|nobody|many|some|all)|[A-Z][a-z]+)\b")

# Verbs followed by -ing, never by "to" + verb (not "consider", "quit", "be used": "is considered
# to be", "quit to join", "is used to cut" are right).
_GERUND_VERBS = ("enjoy|enjoys|enjoyed|enjoying|finish|finishes|finished|finishing|mind|minds|minded|"
                 "avoid|avoids|avoided|avoiding|practise|practises|practised|practiced|"
                 r"(?:look|looks|looked|looking) forward|(?:get|gets|got|getting) used")
_GERUND_RE = re.compile(rf"\b(?P<verb>{_GERUND_VERBS}) $", _I)

# let/make + object + "to" + verb (active only: "was made to wait" is right).
_BARE_RE = re.compile(r"\b(?:let|lets|letting|make|makes|made|making) (?:me|you|him|her|us|them) $", _I)

# Past forms that are neither the plain form nor the participle, and not nouns.
_PAST_ONLY = {"became": "become", "went": "go", "ate": "eat", "wrote": "write", "took": "take",
              "gave": "give", "came": "come", "began": "begin", "drank": "drink", "drove": "drive",
              "flew": "fly", "grew": "grow", "knew": "know", "ran": "run", "rode": "ride", "sang": "sing",
              "spoke": "speak", "stole": "steal", "swam": "swim", "threw": "throw", "woke": "wake",
              "wore": "wear", "chose": "choose", "forgot": "forget", "broke": "break", "did": "do",
              "bought": "buy", "brought": "bring", "thought": "think", "taught": "teach", "caught": "catch",
              "told": "tell", "sold": "sell", "felt": "feel", "kept": "keep", "slept": "sleep",
              "met": "meet", "sat": "sit", "won": "win", "lost": "lose", "paid": "pay", "studied": "study",
              "played": "play", "visited": "visit", "helped": "help", "watched": "watch", "wanted": "want",
              "tried": "try", "learned": "learn", "finished": "finish", "started": "start", "stayed": "stay"}
# Before "to", words that make it the infinitive marker.
_TO_INFINITIVE_BEFORE = ("want|wants|wanted|need|needs|needed|hope|hopes|hoped|decide|decides|decided|"
                         "try|tries|tried|plan|plans|planned|like|likes|liked|love|loves|loved|"
                         "have|has|had|going|began|begin|begins|start|starts|started|would like|able|"
                         "wish|wishes|wished|learn|learns|learned|learnt|agree|agreed|promise|promised|"
                         "forget|forgot|remember|remembered|how|what|where|when|order|ought|used")
_TO_PAST_RE = re.compile(rf"\b(?:{_TO_INFINITIVE_BEFORE}) $", _I)

_TIME = (r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|many|much|a lot of|lots of|"
         r"most of my|all my|all his|all her|all our|all their|the whole|half an|\d{1,3})")
_SPEND_RE = re.compile(
    rf"\b(?:spend|spends|spent|spending) {_TIME} (?:more |extra )?"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|time|afternoon|morning|evening|night|weekend|"
    r"holiday|summer|winter) $", _I)
# The patterns above end where "to" + a verb starts: they are tried on the words before each "to".
_TO_RE = re.compile(r"\bto ([A-Za-z]+)\b")
_BEFORE_TO = 60

_INTERESTED_RE = re.compile(r"\b(?:i|we|you|he|she|they) (?:am|is|are|was|were|'m|'re|'s|become|became|"
                            r"get|got)(?: (?:very|really|so|quite|also|not|more|most|always))? "
                            r"(?P<word>interesting) in\b(?! (?:many|some|a|the|that|this|every) )", _I)

_VERY_RE = re.compile(r"\b(?:i|we|you|they|he|she)(?: (?:also|all|both|still))? (?P<very>very) "
                      r"(?P<verb>like|likes|liked|love|loves|loved|enjoy|enjoys|enjoyed|want|wants|wanted|"
                      r"hope|hopes|hoped|miss|missed|thank|agree|agreed|admire|admired)\b", _I)

# "I am very like reading": the verb is "like", and "be" goes.
_BE_VERY_RE = re.compile(r"\b(?:i|we|you|they|he|she) (?P<be>(?P<tense>am|are|is|was|were) very (?P<verb>like|love|enjoy))"
                         r"(?= [a-z]+ing\b)", _I)
_VERB_FORMS = {"like": ("likes", "liked"), "love": ("loves", "loved"), "enjoy": ("enjoys", "enjoyed")}

# "I like play basketball": like/love/hate + a plain verb -> -ing. Verbs that are never nouns, and
# activities whose noun reading would need an article here ("I like the play").
_ACTIVITIES = frozenset("play watch read draw cook swim ride climb paint skate sing dance go".split())
_LIKE_RE = re.compile(r"\b(?:i|we|you|they|he|she) (?:really |also |very much )?(?P<like>like|likes|love|loves|hate|hates)"
                      r" (?P<verb>[a-z]+)(?= [a-z])", _I)

# "one of my best friend": the noun after "one of the/my ..." is plural.
_ONE_OF_RE = re.compile(r"\bone of (?:the|my|his|her|our|their|your|its|these|those)"
                        r"(?: (?:best|most [a-z]+|[a-z]+est|favourite|favorite|good|close|old|new))? (?P<noun>[a-z]+)"
                        r"(?P<after>\s*(?:[.,;!?]|(?:is|was|in|at|who|that|and)\b))", _I)

_UNCOUNTABLE = "advice|information|homework|housework|furniture|luggage|baggage|equipment|news"
_UNCOUNTABLE_A_RE = re.compile(
    rf"\b(?P<article>an?) (?:(?P<adjective>[a-z]+) )?(?P<noun>{_UNCOUNTABLE})\b(?P<after>\s*[A-Za-z]*)", _I)

_SUBJECTS = ("English|Chinese|maths|math|mathematics|physics|chemistry|biology|history|geography|science|"
             "music|art|sports|PE|drawing|painting|singing|dancing|swimming|running|writing|reading|"
             "cooking|football|basketball|chess|computers|languages|study|studies")
_GOOD_ADJECTIVES = "good|bad|poor|better|best|great|excellent|weak|clever"
_GOOD_RE = re.compile(rf"\b(?:{_GOOD_ADJECTIVES}) (?P<in>in) (?:{_SUBJECTS})\b")


# Words one of which a text must hold for each pattern to be worth running (the patterns cost
# about 1.4 ms on a 500-word essay; the test costs a few microseconds).
_CLUES = {
    _PAIR_RE: ("although", "though", "because", "since"),
    _GERUND_RE: ("enjoy", "finish", "mind", "avoid", "practis", "practic", "forward to", "used to"),
    _SPEND_RE: ("spen",),
    _BARE_RE: ("me to ", "you to ", "him to ", "her to ", "us to ", "them to "),
    _TO_PAST_RE: ("to ",),  # each "to" is checked against _PAST_ONLY first
    _INTERESTED_RE: ("interesting in",),
    _LIKE_RE: ("like ", "likes ", "love ", "loves ", "hate ", "hates "),
    _ONE_OF_RE: ("one of ",),
    _VERY_RE: tuple(f"very {verb}" for verb in ("like", "love", "enjoy", "want", "hope", "miss", "thank",
                                                 "agree", "admire")),
    _BE_VERY_RE: ("very like", "very love", "very enjoy"),
    _UNCOUNTABLE_A_RE: tuple(_UNCOUNTABLE.split("|")),
    _GOOD_RE: tuple(f"{adjective} in " for adjective in _GOOD_ADJECTIVES.split("|")),
}


def learner_errors(text: str) -> list[TextError]:
    lower = text.lower()
    live = {pattern for pattern, clues in _CLUES.items() if any(clue in lower for clue in clues)}
    if not live:
        return []
    errors: list[TextError] = []
    for first in _PAIR_FIRST_RE.finditer(text) if _PAIR_RE in live else ():
        before = text[:first.start()].rstrip()
        if before and before[-1] not in ".!?\n\"“":
            continue  # only a sentence that opens with the conjunction
        match = _PAIR_RE.match(text, first.start())
        if not match:
            continue
        second, following = match.group("second"), match.group("next")
        start = match.start("second")
        errors.append(TextError(
            start, match.end("next") - start, "grammar", "EN_CONJUNCTION_PAIR",
            f"“{match.group('first').capitalize()}” already joins the two clauses: leave out “{second}”.",
            (following,)))
    to_patterns = [pattern for pattern in (_GERUND_RE, _SPEND_RE, _BARE_RE, _TO_PAST_RE) if pattern in live]
    for site in _TO_RE.finditer(text) if to_patterns else ():
        before = text[max(0, site.start() - _BEFORE_TO):site.start()]
        infinitive = site.group(1)
        for pattern in to_patterns:
            if pattern is _TO_PAST_RE and infinitive.lower() not in _PAST_ONLY:
                continue
            found = pattern.search(before)
            if found:
                errors.extend(_before_to(pattern, found, site, infinitive))
    for match in _LIKE_RE.finditer(text) if _LIKE_RE in live else ():
        verb = match.group("verb")
        lemmas = getAllLemmas(verb)
        if lemmas.get("VERB") != (verb,) or (("NOUN" in lemmas or "ADJ" in lemmas) and verb not in _ACTIVITIES):
            continue
        gerund = _gerund(verb)
        if gerund:
            errors.append(TextError(
                match.start("verb"), len(verb), "grammar", "EN_GERUND_AFTER",
                f"After “{match.group('like').lower()}” use “{gerund}” (or “to {verb}”).", (gerund, f"to {verb}")))
    for match in _ONE_OF_RE.finditer(text) if _ONE_OF_RE in live else ():
        noun = match.group("noun")
        lemmas = getAllLemmas(noun)
        end = match.end("noun")
        if (not noun.islower() or (text[end:end + 1] == "." and text[end + 1:end + 2].isalnum())  # "GNOME", "user.name"
                or lemmas.get("NOUN") != (noun,) or "VERB" in lemmas or "ADJ" in lemmas or noun.endswith("s")):
            continue
        plural = getInflection(noun, tag="NNS")
        if plural and plural[0] != noun:
            errors.append(TextError(
                match.start("noun"), len(noun), "grammar", "EN_NOUN_NUMBER",
                f"After “one of the/my …” the noun is plural: “{plural[0]}”.", (plural[0],)))
    for match in _INTERESTED_RE.finditer(text) if _INTERESTED_RE in live else ():
        word = match.group("word")
        errors.append(TextError(
            match.start("word"), len(word), "grammar", "EN_INTERESTED_IN",
            "A person is “interested in” something; the thing is “interesting”.", (match_case(word, "interested"),)))
    for match in _VERY_RE.finditer(text) if _VERY_RE in live else ():
        very = match.group("very")
        errors.append(TextError(
            match.start("very"), len(very), "grammar", "EN_VERY_VERB",
            f"“very” does not go before a verb: “really {match.group('verb')}” "
            f"(or “{match.group('verb')} … very much”).", (match_case(very, "really"),)))
    for match in _BE_VERY_RE.finditer(text) if _BE_VERY_RE in live else ():
        verb, tense = match.group("verb").lower(), match.group("tense").lower()
        third, past = _VERB_FORMS[verb]
        fixed = "really " + (past if tense in ("was", "were") else third if tense == "is" else verb)
        errors.append(TextError(
            match.start("be"), len(match.group("be")), "grammar", "EN_VERY_VERB",
            f"“{verb}” here is a verb, with no “{tense}” or “very” before it: “{fixed}”.",
            (match_case(match.group("be"), fixed),)))
    for match in _UNCOUNTABLE_A_RE.finditer(text) if _UNCOUNTABLE_A_RE in live else ():
        after = match.group("after").strip().lower()
        if after and "NOUN" in getAllLemmas(after) and after not in ("today", "yesterday", "tomorrow"):
            continue  # a noun modifier: "a homework assignment", "a news story", "an advice message"
        adjective = match.group("adjective")
        if adjective and "ADJ" not in getAllLemmas(adjective.lower()):
            continue  # "an old piece of advice" stays; "a lot of information" is not this pattern
        start = match.start("article")
        phrase_end = match.end("noun")
        fixed = text[match.start("adjective") if adjective else match.start("noun"):phrase_end]
        errors.append(TextError(
            start, phrase_end - start, "grammar", "EN_UNCOUNTABLE_A",
            f"“{match.group('noun').lower()}” is uncountable and takes no “a”: “{fixed}”"
            f" (or “a piece of {match.group('noun').lower()}”).", (match_case(match.group("article"), fixed),)))
    for match in _GOOD_RE.finditer(text) if _GOOD_RE in live else ():
        errors.append(TextError(
            match.start("in"), 2, "grammar", "EN_GOOD_AT",
            "One is good (or bad) “at” a subject or an activity.", ("at",)))
    return [TextError(e.offset, e.length, e.category, e.rule_id, e.message, e.replacements,
                      RULE_CONFIDENCE[e.rule_id]) for e in errors]


def _before_to(pattern: re.Pattern, found: re.Match, site: re.Match, infinitive: str) -> list[TextError]:
    """The error, if any, of ``pattern`` (found in the words before "to") at "to" + ``infinitive``."""
    start, end = site.start(), site.end()
    if pattern is _TO_PAST_RE:
        base = _PAST_ONLY.get(infinitive.lower())
        if not base:
            return []
        return [TextError(site.start(1), len(infinitive), "grammar", "EN_TO_PAST_FORM",
                          f"After “to” the verb is in its plain form: “{base}”.", (match_case(infinitive, base),))]
    if not infinitive.islower() or not _base_verb(infinitive):
        return []
    if pattern is _BARE_RE:
        return [TextError(start, end - start, "grammar", "EN_BARE_INFINITIVE",
                          f"After “let” and “make” + an object the verb has no “to”: “{infinitive}”.",
                          (infinitive,))]
    gerund = _gerund(_base_verb(infinitive))
    if not gerund:
        return []
    if pattern is _SPEND_RE:
        return [TextError(start, end - start, "grammar", "EN_SPEND_TIME",
                          f"After “spend … time” the verb takes -ing: “{gerund}”.", (gerund,))]
    verb = found.group("verb").lower()
    # "look forward to" and "get used to" keep their "to", a preposition: "to seeing".
    if verb.endswith(("forward", "used")):
        return [TextError(site.start(1), len(infinitive), "grammar", "EN_GERUND_AFTER",
                          f"After “{verb} to” the verb takes -ing: “{gerund}”.", (gerund,))]
    return [TextError(start, end - start, "grammar", "EN_GERUND_AFTER",
                      f"After “{verb}” the verb takes -ing: “{gerund}”.", (gerund,))]

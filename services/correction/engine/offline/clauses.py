"""English rules that look at the start of a clause: who the subject is and when it happens.

    EN_SVA_NOUN_SUBJECT  noun or indefinite subject + verb   "my mother work" -> "works",
                                                             "the students was" -> "were",
                                                             "everyone have" -> "has"
    EN_PAST_TENSE        past-time phrase + present verb     "yesterday I go" -> "went"
    EN_THERE_BE          there + be + a noun phrase          "there is many students" -> "are",
                                                             "there have a park" -> "is"
    EN_COMMA_SPLICE      two sentences joined by a comma     "I like apples, they are sweet" ->
                                                             "apples. They"
    EN_PRONOUN_CASE      an object pronoun in a compound     "Me and my sister went" -> "My sister and I",
                         subject                             "my friend and me were" -> "I"
    EN_DETERMINER_NUMBER this/these + a noun of the other    "This books are" -> "These", "in this days" ->
                         number                              "these", "these book is" -> "this"
    EN_SINCE_PERFECT     a present verb + "since" + a point  "I live here since 2010" -> "have lived",
                         in time                             "I am living here since May" -> "have been
                                                             living", "we are friends since" -> "have been"
    EN_ITS_ITS           its/it's                            "its a place" -> "it's"
    EN_YOUR_YOURE        your/you're                         "your welcome" -> "you're"

Each rule fires only in a clear pattern, found from the start of a clause (the start of a
sentence, or after a comma or a linking word), because a wrong guess about who the subject is
would turn correct sentences into wrong ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from lemminflect import getAllInflections, getAllLemmas

from services.correction.engine.result import TextError
from services.correction.engine.simple import match_case

_DETERMINERS = frozenset("""
the my your his her our their its this that these those a an many all some most both every each
several few no two three four five six seven eight nine ten
""".split())
_PLURAL_DETERMINERS = frozenset("these those many all both several few two three four five six seven "
                                "eight nine ten".split())
_SINGULAR_DETERMINERS = frozenset("a an this that every each".split())
_INDEFINITE = frozenset("""
everyone everybody someone somebody anyone anybody nobody everything something nothing anything
""".split())
# Nouns whose number does not show in their form, or that take either verb form.
_NUMBERLESS = frozenset("""
maths mathematics physics economics politics athletics gymnastics ethics genetics statistics police
cattle staff team family class government group audience crowd couple majority public company committee rest number percent half lot series species data media sheep fish deer crew army
navy jury youth clergy personnel offspring aircraft means headquarters band choir orchestra club board cast panel
union darts dominoes checkers draughts mumps wildebeest bison moose salmon trout cod reindeer swine generation
population community faculty council department management workforce
""".split())
_LINKS = frozenset("and but so because when if while although though since after before until once "
                   "then".split())
_CLAUSE_PUNCT = ".!?;:\n"
_ADVERBS = frozenset("always often usually sometimes never also really just still rarely seldom even "
                     "only already normally generally mostly "
                     # times, which end a subject rather than head it ("some people today believe")
                     "now today nowadays tonight yesterday tomorrow currently recently".split())
_PREPOSITIONS = frozenset("in at of from on with".split())
_PP_PREPOSITIONS = frozenset("in at of from on with near for".split())
# Verbs whose object is a clause of its own after a subject pronoun: "I think the food is good".
# The other verbs that take a clause need "that" for it (_SAYING_THAT): "he said that the books is".
_THINKING = frozenset("think thinks thought hope hopes hoped".split())
# Adverbs that may open a clause before its subject ("Soon everyone knew").
_OPENING_ADVERBS = frozenset("soon now today finally suddenly later then still sometimes usually often "
                             "also luckily unfortunately fortunately recently nowadays".split())
# Closed-class words that never belong to a noun phrase's modifiers or head.
_CLOSED = frozenset("""
i you he she it we they me him us them who whom which what that there here not no yes to for as than
like about into onto over under after before during without within by up down out off very too so
except including besides
""".split())
_EXCEPT = frozenset("except including besides".split())  # "everyone in my class except Tom likes"

_SINGULAR_FOR = {"are": "is", "were": "was", "have": "has", "do": "does", "don't": "doesn't",
                 "aren't": "isn't", "weren't": "wasn't", "haven't": "hasn't"}
_PLURAL_FOR = {"is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't",
               "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't"}
_AUXILIARIES = frozenset(_SINGULAR_FOR) | frozenset(_PLURAL_FOR) | frozenset(
    "am can could will would shall should may might must did didn't had can't won't".split())
_SUBJECT_PRONOUNS = {"i": "I", "we": "we", "they": "they", "he": "he", "she": "she", "you": "you", "it": "it"}
# The pronouns a compound subject may hold, and the subject form of each ("me and my sister" -> "I").
_PERSONAL = {**_SUBJECT_PRONOUNS, "me": "I", "him": "he", "her": "she", "us": "we", "them": "they"}

_PAST_UNITS = ("week month year night summer winter spring autumn fall weekend term semester time "
               "monday tuesday wednesday thursday friday saturday sunday january february march april "
               "may june july august september october november december holiday holidays").split()
_UNITS = "|".join(_PAST_UNITS)
_PAST_PHRASE_RE = re.compile(
    rf"(?:(?:the day before )?yesterday(?: (?:morning|afternoon|evening))?"
    r"|last (?:national day|spring festival|mid-autumn festival|new year's day|christmas|halloween)"
    rf"|last (?:{_UNITS})(?: (?:holiday|holidays|vacation|morning|afternoon|evening|night))?"
    r"|the (?:next|following) (?:day|morning|week)"
    r"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|many) "
    r"(?:days?|weeks?|months?|years?|hours?|minutes?) ago|that (?:morning|afternoon|evening|night|day|summer)"
    # a span of years that is over: "from 2000 to 2010", "between 1990 and 2005"
    r"|(?:from|between) (?:19\d\d|20[01]\d|202[0-4]) (?:to|and) (?:19\d\d|20[01]\d|202[0-4]))\b",
    re.IGNORECASE)

_NOT_AFTER_ITS = frozenset("own".split())
# Words after which only a possessive fits ("for its", "down your"), never "it is" / "you are".
_BEFORE_POSSESSIVE = frozenset("for of in on with about from into by at down up off through under over "
                               "all lost love loved like liked".split())
# Verbs before "it's" + a noun that is their object: "the dog wagged it's tail" -> "its".
_ITS_OBJECT_VERBS = frozenset("wagged wags wag wagging shook shakes raised opened closed lifted spread flapped changed "
                          "licked hid hides lose loses".split())
# After "its" + an -ing form, words that keep it "it's" + a verb ("Its raining outside").
_AFTER_ITS_VERB = frozenset("outside again now today hard heavily here there too so very all".split())
# Adjectives after which "your" must have been "you're" ("if your tired").
_STATE_ADJECTIVES = frozenset("tired sure ready late right wrong happy sad sorry busy afraid able lucky "
                              "free welcome hungry angry bored worried interested".split())
# Words that follow "it is" / "you are" but never a possessive.
_AFTER_BE = frozenset("a an the not so too really still always never just quite rather getting going "
                      "been".split())
# Adjectives that follow "it is"; after "its" only when no noun follows ("its important role").
_IT_IS_ADJECTIVES = frozenset("""
easy hard difficult important necessary possible impossible true clear good bad nice great interesting
useful often very raining snowing time fun
""".split())


@lru_cache(maxsize=20_000)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    return getAllLemmas(word)


@lru_cache(maxsize=20_000)
def _forms(lemma: str) -> dict[str, tuple[str, ...]]:
    return getAllInflections(lemma, upos="VERB") or {}


def _noun_number(word: str) -> str:
    """'plural', 'singular' or '' (not a noun, or its number cannot be told from its form)."""
    if word in _NUMBERLESS or word in _SINGULAR_IN_S:
        return ""
    if word == "news":
        return "singular"
    if word == "people":
        return "plural"  # "a people" (a nation) has "a" before it
    nouns = _lemmas(word).get("NOUN")
    if not nouns:
        return ""
    if nouns[0] != word:
        return "plural"
    if word.endswith("s") and not word.endswith("ss"):
        return ""  # news, bus, series: the form does not tell
    return "singular"


def _verb_kind(word: str) -> tuple[str, str]:
    """('third', lemma) for an -s verb, ('base', lemma) for an unambiguous base form, else ('', '')."""
    if word in _SINGULAR_FOR:
        return "base", word
    if word in ("like", "live", "come", "become"):
        # Adjectives too ("a live show"), or participles ("has come"), but after a subject the verb.
        return "base", word
    if word in _PLURAL_FOR:
        return "third", word
    lemmas = _lemmas(word)
    verbs = lemmas.get("VERB")
    if not verbs or "AUX" in lemmas or "ADJ" in lemmas or "ADV" in lemmas:
        return "", ""
    lemma = verbs[0]
    forms = _forms(lemma)
    if word in forms.get("VBZ", ()) and word != lemma:
        return "third", lemma
    if word == lemma and word not in forms.get("VBD", ()) and word not in forms.get("VBN", ()):
        return "base", lemma
    return "", ""


# What follows a verb and not an adjective after a subject pronoun: "She live in Shanghai",
# "Yesterday I open the door".
_VERB_FOLLOWERS = frozenset("""
the a an my his her their our your its this these those me him us them in at on with to from into near by
""".split())
# Adjectives and base verbs that are read as neither here ("he long for", "she still").
_NOT_ADJECTIVE_VERBS = frozenset("""
near long forward round even still just better best well fine right back up down out off home first last
""".split())


def _bare_plural(word: str) -> bool:
    """A plural noun with no determiner ("leaves", "photos"): after a subject and an adjective-or-
    verb, the verb's object ("we collect leaves")."""
    return len(word) > 3 and word.endswith("s") and not word.endswith("ss") and \
        any(lemma != word for lemma in _lemmas(word).get("NOUN", ()))


def adjective_verb(word: str, following: str) -> bool:
    """A word that is an adjective and a base verb ("live", "open", "clean"), read as the verb
    after a subject pronoun when an object or a place follows it."""
    if word in _NOT_ADJECTIVE_VERBS or (following not in _VERB_FOLLOWERS and not _bare_plural(following)):
        return False
    lemmas = _lemmas(word)
    if "ADJ" not in lemmas or "AUX" in lemmas or lemmas.get("VERB", ("",))[0] != word:
        return False
    forms = _forms(word)
    return word not in forms.get("VBD", ()) and word not in forms.get("VBN", ())


def _past(lemma: str, word: str, subject: str) -> str:
    if word in ("is", "am"):
        return "was"
    if word == "are":
        return "were" if subject not in ("i", "he", "she", "it") else "was"
    past = _forms(lemma).get("VBD", ())
    return past[0] if past else ""


class _Tokens:
    def __init__(self, text: str, tokens: list[tuple[int, int, str]],
                 plural_of: Callable[[str], str] | None = None) -> None:
        self.text = text
        self.plural_of = plural_of
        self._subjects: dict[int, tuple[int, str] | None] = {}
        self.spans = tokens
        self.lowers = [w.lower().replace("’", "'") for _s, _e, w in tokens]

    def __len__(self) -> int:
        return len(self.spans)

    def subject(self, i: int) -> tuple[int, str] | None:
        """``_subject(self, i)``, once per token: the agreement, pronoun and past-time rules all ask."""
        if i not in self._subjects:
            self._subjects[i] = _subject(self, i)
        return self._subjects[i]

    def gap(self, i: int) -> str:
        """The text between token i-1 and token i."""
        return self.text[self.spans[i - 1][1]:self.spans[i][0]] if i > 0 else self.text[:self.spans[0][0]]

    def linked(self, i: int) -> bool:
        """Token i follows token i-1 with only spaces between."""
        gap = self.gap(i) if i > 0 else ""
        return i > 0 and 0 < len(gap) <= 3 and gap.isspace() and "\n" not in gap

    def subject_position(self, i: int) -> bool:
        """A subject may start at token i: a sentence start, after a comma, or after a linking word
        ("and", "but", "so" and "then" only after a comma, since they also join words)."""
        gap = self.gap(i).strip(" \t\"'“‘(")
        if i == 0:
            return gap == ""
        if gap and gap[-1] in _CLAUSE_PUNCT + ",":
            return True
        prev = self.lowers[i - 1]
        if not gap and prev in _OPENING_ADVERBS and self.subject_position(i - 1):
            return True
        if not gap and self._after_saying(i):
            return True
        if gap or prev not in _LINKS:
            return False
        # After a comma, also when a quotation closes before it ('"Some pig", and soon everyone').
        return prev not in ("and", "but", "so", "then") or self.gap(i - 1).strip(" \t\"'“”‘’") == ","

    def _after_saying(self, i: int) -> bool:
        """Token i opens the clause after "I think", "we hope", or a subject pronoun + a verb of
        saying + "that" ("he said that"): "I think this holiday are the best". Verbs that also take
        a plain object ("I know the process group ID", "you said something like") need the "that"."""
        verb = i - 1
        if self.lowers[verb] == "that" and verb > 0 and self.linked(verb):
            verb -= 1
            verbs = _SAYING_THAT
        else:
            verbs = _THINKING
        # Not before a name or a title: "I think Wales is", "I think the Hunger Games is".
        return (self.lowers[verb] in verbs and verb > 0 and self.linked(verb)
                and self.lowers[verb - 1] in _SUBJECT_PRONOUNS
                and not any(w[:1].isupper() and w != "I" for _s, _e, w in self.spans[i:i + 4]))

# A wish, a condition or a comparison before "he were", "the weather were" ("if it were", "I
# wish my brother were", "as if the ground were").
UNREAL = frozenset("if wish wished wishes though unless suppose supposing imagine rather whether".split())
# Words after which a clause takes the mandative subjunctive ("I suggest that he take", "it is vital that
# each of them bring"): grammar.py and learner.py leave such a verb alone.
MANDATIVE = frozenset("""suggest suggests suggested insist insists insisted demand demands demanded recommend
recommends recommended require requires required request requests requested propose proposes proposed urge
urges urged ask asks asked order orders ordered stipulate stipulates stipulated important essential necessary
vital crucial imperative""".split())
_SENTENCE_BREAK = frozenset(".!?;:\n")


def unreal_before(text: str, spans: list[tuple[int, int, str]], lowers: list[str], i: int) -> bool:
    """A word of the unreal mood in the sentence before token i, up to twelve words back, across
    commas ("If, as many people believe, it were possible")."""
    for k in range(i - 1, max(-1, i - 13), -1):
        if any(ch in _SENTENCE_BREAK for ch in text[spans[k][1]:spans[k + 1][0]]):
            return False
        if lowers[k] in UNREAL:
            return True
    return False


def _after_a_place_phrase(t: _Tokens, i: int) -> bool:
    """"there" at i ends a phrase of place that opens the sentence, with no comma, and "have/has"
    follows: "In our school there have three libraries"."""
    if i + 1 >= len(t) or t.lowers[i + 1] not in ("have", "has"):
        return False
    own = _sentence_before(t.text, t.spans, t.lowers, i)
    return 2 <= i - own.start <= 5 and t.lowers[own.start] in ("in", "at", "on", "near", "behind")


def clause_errors(text: str, tokens: list[tuple[int, int, str]],
                  plural_of: Callable[[str], str] | None = None) -> list[TextError]:
    """``plural_of``: a countable noun's plural ("" for others), so that "there are lots of
    tree" asks for "trees" rather than "is"."""
    if not tokens:
        return []
    t = _Tokens(text, tokens, plural_of)
    errors: list[TextError] = []
    starts = {i for i in range(len(t)) if t.subject_position(i)}
    for match in _PAST_PHRASE_RE.finditer(text):
        after = _past_after(t, match, errors)
        if after is not None:
            starts.add(after)
    starts.update(i for i in range(1, len(t)) if t.lowers[i] in _OPENING_SUBJECTS and _since_opening(t, i))
    # "Since 2018 I live here", with no comma
    for i in range(len(t)):
        if i in starts:
            _subject_verb(t, i, errors)
            _pronoun_case(t, i, errors)
            _there_be(t, i, errors)
            _since_perfect(t, i, errors)
        elif t.lowers[i] == "there" and i > 0 and t.linked(i) and (
                t.lowers[i - 1] in _CLAUSE_BEFORE or _after_a_place_phrase(t, i)):
            _there_be(t, i, errors)
        _its_your(t, i, errors)
    _comma_splices(t, errors)
    _determiner_number(t, errors)
    return errors


# this/these/those and what they become for the other number ("that" is left out: it is also a
# conjunction and a relative, "the books that students read").
_OTHER_NUMBER = {"this": "these", "these": "this", "those": "that"}
_PLURAL_VERBS = frozenset("are were have do don't aren't weren't haven't".split())
_SINGULAR_VERBS = frozenset("is was has does doesn't isn't wasn't hasn't".split())
# What may follow the noun of "this days" / "these book" when it ends the noun phrase.
_AFTER_NOUN_PHRASE = frozenset("""of in on at for with from to and but or so because when that which who
can could will would should must may might""".split())
_KIND_WORDS = frozenset("kind sort type".split())
_TIME_PLURALS = frozenset("days years weeks months".split())
# Verbs after which "this" is a determiner when a noun and the end of the clause follow ("I love this movies.").
_TAKING_VERBS = frozenset("like likes liked love loves loved enjoy enjoyed read bought buy watch watched".split())
# Singular nouns that end in -s ("this crossroads is").
_SINGULAR_IN_S = frozenset("""crossroads innings works gasworks ironworks steelworks waterworks barracks summons
gallows kudos shambles does""".split())
_NO_PLURAL_FORM = frozenset("yuan yen renminbi rmb".split())


def _determiner_number(t: _Tokens, errors: list[TextError]) -> None:
    """this + a plural noun, these/those + a singular one: "This books are mine" -> "These",
    "in this days" -> "these", "these book is" -> "this", "these kind of" -> "this"."""
    n = len(t)
    for i in range(n - 1):
        determiner = t.lowers[i]
        if determiner not in _OTHER_NUMBER or not t.linked(i + 1):
            continue
        noun, word = t.lowers[i + 1], t.spans[i + 1][2]
        if word[0].isupper() or noun in _NO_PLURAL_FORM or noun in _CLOSED or "ADV" in _lemmas(noun):
            continue  # "tracking these down is"
        number = _noun_number(noun)
        if not number or number == ("singular" if determiner == "this" else "plural"):
            continue
        after = t.lowers[i + 2] if i + 2 < n and t.linked(i + 2) else ""
        lemmas = _lemmas(noun)
        opens = i == 0 or t.gap(i).strip(" \t\"'“‘(")[-1:] in tuple(_CLAUSE_PUNCT)
        prev = t.lowers[i - 1] if i > 0 and t.linked(i) else ""
        if number == "singular" and noun in _KIND_WORDS and after == "of":
            pass  # "these kind of games"
        elif determiner == "this" and noun in _TIME_PLURALS and (opens or prev in _PREPOSITIONS | {"during", "for"}) \
                and after not in ("ago", "before", "later", "earlier", "after", "from", "in", "of") \
                and t.text[t.spans[i + 1][1]:t.spans[i + 1][1] + 1] != "-":
            pass  # "This days I miss him", "in this days people": only "these days" (not "agreed on this months ago")
        elif number == "singular" and (after not in _SINGULAR_VERBS or not opens):
            continue  # "these book." is grammar.py's EN_NOUN_NUMBER ("these books"); "what these mean is"
        elif after in _SINGULAR_VERBS | _PLURAL_VERBS:
            if not opens or noun in _SINGULAR_IN_S:
                continue  # only where a sentence opens: "This books are mine", not "what this costs is"
        elif not (after == "" and prev in _PREPOSITIONS | _TAKING_VERBS and not (lemmas.keys() & {"VERB", "ADJ"})):
            continue  # "in this days,", not "done this hundreds of times", "this sports car", "the last"
        elif i + 2 < n and t.text[t.spans[i + 1][1]:t.spans[i + 2][0]].strip() in ("-", "'", "’"):
            continue
        fix_noun = (number == "plural" and after in _SINGULAR_VERBS) or (
            number == "singular" and after in _PLURAL_VERBS)
        if fix_noun:  # "this books is" -> "book", "these book are" -> "books"
            fixed = lemmas["NOUN"][0] if number == "plural" else (t.plural_of(noun) if t.plural_of else "")
            if not fixed or fixed == noun:
                continue
            start, end, text = t.spans[i + 1]
            fixed = match_case(text, fixed)
        else:
            start, end, text = t.spans[i]
            fixed = match_case(text, _OTHER_NUMBER[determiner])
        which = "plural" if number == "plural" else "singular"
        message = (f"“{word}” is {which}, so “{determiner}” does not fit: "
                   f"“{fixed} {word}”." if not fix_noun else
                   f"“{t.spans[i][2]}” and the verb ask for “{fixed}”, not “{word}”.")
        errors.append(TextError(start, end - start, "grammar", "EN_DETERMINER_NUMBER", message, (fixed,)))


def _subject(t: _Tokens, i: int, bare_adjective: bool = True) -> tuple[int, str] | None:
    """(index of the verb after the subject, number) for a noun or indefinite subject at i;
    ``bare_adjective``: an adjective and a plural noun with no determiner may be one."""
    n = len(t)
    first = t.lowers[i]
    if first in _INDEFINITE:
        k = i + 1
        if k < n and t.lowers[k] in _PREPOSITIONS and t.linked(k):  # everyone in the town believe
            k += 1
            if k < n and t.lowers[k] in _DETERMINERS and t.linked(k):
                k += 1
            if k >= n or not t.linked(k) or not (_noun_number(t.lowers[k]) or "NOUN" in _lemmas(t.lowers[k])):
                return None  # "everyone in my class like"
            k += 1
        return (k, "singular") if k < n and t.linked(k) and t.lowers[k] not in _EXCEPT else None
    if first in _PERSONAL and i + 2 < n and t.lowers[i + 1] == "and" and t.linked(i + 1) and t.linked(i + 2):
        # A compound subject that opens with a pronoun: "he and his brother like", "me and my sister went".
        if i > 0 and t.linked(i) and t.lowers[i - 1] in _PREPOSITION_LINKS:
            return None  # "Before us and our guests stood a table": a preposition, then the verb and its subject
        second = t.lowers[i + 2]
        if second in _PERSONAL and (t.spans[i + 2][2][0].isupper() and second != "i" or (
                i + 3 < n and t.lowers[i + 3] in _PLURAL_FOR)):
            return None  # "Us and Them is", "Him and Her was": the name of a work
        if first == "her" and second in ("his", "their", "my", "our", "your", "its"):
            return None  # "her and his parents": two owners of one noun
        verb = _conjunct(t, i + 2)
        return (verb, "plural") if verb is not None else None
    k = i
    determiner = ""
    if first in _DETERMINERS:
        determiner = first
        k += 1
    words = []
    while k < n and (k == i or t.linked(k)) and len(words) < 3:
        lower = t.lowers[k]
        if (lower in _ADVERBS or lower in _AUXILIARIES or lower in _CLOSED or "'" in lower or lower == "of"
                or (k != i and lower in _DETERMINERS)):
            return None  # "of": the head is before it ("the number of cars in the city is")
        words.append(k)
        k += 1
        if k < n and t.lowers[k] == "and" and t.linked(k):
            if k + 1 < n and t.lowers[k + 1] == "no":
                return None  # "all work and no play makes": one idea
            # A compound subject: "factories and cars", "my mother and my father".
            verb = _conjunct(t, k + 1) if k + 1 < n and t.linked(k + 1) else None
            head = _noun_number(t.lowers[words[-1]])
            if set(_lemmas(t.lowers[i])) == {"VERB"} and t.lowers[i].endswith("ing"):
                return None  # "Inspecting lists and objects is": one activity
            if verb is not None and (head or t.lowers[words[-1]] in _NUMBERLESS):  # "my family and I go"
                if determiner in ("each", "every"):
                    return None  # "each boy and each girl has": one at a time
                return verb, "plural"
            return None
        number = _noun_number(t.lowers[words[-1]])
        if k < n and t.lowers[words[-1]] in _NUMBERLESS and _verb_kind(t.lowers[k])[0] == "third":
            return None  # "the company makes toys", "my family lives": its verb, either number
        if k < n and t.lowers[k] == "of" and t.lowers[words[-1]] in _OF_HEADS:
            return None  # "that kind of people are", "the number of cars is": the noun after "of" may decide
        if number and (determiner or words == [i] and t.lowers[i] in ("people", "children")) \
                and k < n and t.lowers[k] in _PP_PREPOSITIONS and t.linked(k):
            # "the computers in the library was": only be/have, whose forms are never nouns.
            v = _after_phrase(t, k + 1)
            if v is not None and (t.lowers[v] in _SINGULAR_FOR or t.lowers[v] in _PLURAL_FOR) \
                    and _determiner_agrees(determiner, number):
                return v, number
            return None
        if number and k < n and t.linked(k) and not _noun_head(t, k) and not _compound_head(t, words[-1], k):
            if "ADJ" in _lemmas(t.lowers[words[-1]]):
                return None  # "a small act of kindness": the adjective's noun, not a subject and its verb
            kind, _lemma = _verb_kind_at(t, k)
            if kind or t.lowers[k] in _ADVERBS:
                if not determiner and (number != "plural" or len(words) > 2 or (len(words) == 2 and (
                        not bare_adjective or set(_lemmas(t.lowers[words[0]])) != {"ADJ"}))) \
                        and not (number == "singular" and _abstract_subject(t, words, k)):
                    # Only a bare plural noun, or one after a word that is only an adjective
                    # ("environmental problems has"), may start a subject without a determiner; or
                    # a noun of an idea or an activity ("Technology make", "Online learning require").
                    return None
                if not _determiner_agrees(determiner, number):
                    return None
                if any(not _lemmas(t.lowers[w]).keys() & {"ADJ", "NOUN"} and t.lowers[w] not in _CHART_KINDS
                       for w in words[:-1]):
                    return None  # (lemminflect knows "bar" only as a verb)
                return k, number
    return None


# Nouns of ideas and activities that are subjects without a determiner ("Technology make our life
# easier"), besides those their ending shows (pollution, development, happiness, reading).
_ABSTRACT = frozenset("""technology music homework money water food traffic health science knowledge internet
society nature exercise practice sport sleep love friendship school work""".split())
_ABSTRACT_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ogy", "ism", "ance", "ence", "ing")


def _abstract_subject(t: _Tokens, words: list[int], k: int) -> bool:
    """Words (one or two) that may be a singular subject with no determiner, before the verb at k: a
    noun of an idea ("technology", "air pollution"), or an -ing noun after an adjective ("online
    learning"; a bare one is a verb with its object: "running configure"). Only before be or have,
    or before a verb whose object then starts ("Technology make our life", "Pollution cause many"),
    not in a noun phrase that goes on ("exclamation mark in", "location list context")."""
    head = t.lowers[words[-1]]
    if len(words) > 2 or not (head in _ABSTRACT or head.endswith(_ABSTRACT_ENDINGS) and "NOUN" in _lemmas(head)):
        return False
    if head.endswith("ing") and (len(words) < 2 or set(_lemmas(t.lowers[words[0]])) - {"ADV"} != {"ADJ"}):
        return False
    if any(t.spans[w][2][:1].isupper() for w in words[1:]) or not all(
            _lemmas(t.lowers[w]).keys() & {"ADJ", "NOUN"} for w in words[:-1]):
        return False  # a name: "Apple Music"
    if words[0] > 0 and not any(ch in ".!?\n" for ch in t.gap(words[0])) or t.spans[k][2][:1].isupper():
        return False  # only where a sentence starts: "Technology make …", not "… and .operation store"
    verb, after = t.lowers[k], t.lowers[k + 1] if k + 1 < len(t) and t.linked(k + 1) else ""
    return verb in _SINGULAR_FOR or verb in _PLURAL_FOR or after in _OBJECT_STARTS


# The words an object starts with ("make our life", "cause many problems", "help me").
_OBJECT_STARTS = _DETERMINERS - {"that", "this"} | frozenset("me him us them it people".split())


# Nouns before "of" whose verb may agree with the noun after it ("that kind of people are", "a lot of
# students are", "the majority of voters were").
_OF_HEADS = frozenset("kind kinds sort sorts type types number part percent majority lot lots half rest "
                      "couple pair group bunch variety range total".split())
# Linking words that are prepositions too ("before us stood a table").
_PREPOSITION_LINKS = frozenset("before after since until".split())


# Nouns that share the determiner of the noun before them in a pair ("my mother and father").
_FAMILY = frozenset("""mother father brother brothers sister sisters parents grandmother grandfather grandparents aunt
uncle cousin cousins wife husband son daughter""".split())


def _conjunct(t: _Tokens, j: int) -> int | None:
    """The index of the verb after the second part of a compound subject, which starts at j: a noun
    phrase ("my father"), or a pronoun ("my sister and I", "my sister and me")."""
    if t.lowers[j] in _INDEFINITE:
        return None
    rest = _subject(t, j, bare_adjective=False)
    if rest:
        return rest[0]
    n = len(t)
    if t.lowers[j] in _PERSONAL and t.lowers[j] != "it" and j + 1 < n and t.linked(j + 1) and not (
            t.lowers[j] == "her" and "NOUN" in _lemmas(t.lowers[j + 1])):  # "her husband", "her guests"
        return j + 1
    # A short noun phrase or a name before a verb whose form shows no number ("my sister went",
    # "Tom will"), which _subject leaves alone.
    if t.lowers[j] in _FAMILY and j + 1 < n and t.linked(j + 1) and (
            t.lowers[j + 1] in _SINGULAR_FOR | _PLURAL_FOR or _verb_kind(t.lowers[j + 1])[0]):
        return j + 1  # "my mother and father is / likes": the determiner before "mother" serves both
    k = j + 1 if t.lowers[j] in _DETERMINERS else j
    if k == j and not t.spans[j][2][0].isupper():
        return None
    start = k
    while k < n and k - start < 2 and t.linked(k) and "NOUN" in _lemmas(t.lowers[k]) and t.lowers[k] not in _CLOSED \
            and t.lowers[k] not in _AUXILIARIES:  # "can", "will" are nouns too
        k += 1
    if k == start or k >= n or not t.linked(k) or _verb_kind(t.lowers[k])[0]:
        return None
    return k if _finite(t, k) else None


def _determiner_agrees(determiner: str, number: str) -> bool:
    if determiner in _PLURAL_DETERMINERS:
        return number == "plural"
    if determiner in _SINGULAR_DETERMINERS:
        return number == "singular"
    return True


def _after_phrase(t: _Tokens, k: int) -> int | None:
    """The index after a short noun phrase starting at k (determiner, up to two words, a noun)."""
    n = len(t)
    if k < n and t.lowers[k] in _DETERMINERS and t.linked(k):
        k += 1
    for length in (1, 2, 3):
        end = k + length
        if end >= n or not all(t.linked(m) for m in range(k, end + 1)):
            return None
        words = t.lowers[k:end]
        if any(w in _CLOSED or w in _AUXILIARIES or w in _DETERMINERS for w in words):
            return None
        if "NOUN" in _lemmas(words[-1]) and (t.lowers[end] in _SINGULAR_FOR or t.lowers[end] in _PLURAL_FOR):
            return end
    return None


# Modifiers that make the next noun-like word the head ("the first time", "the last line").
_ORDINALS = frozenset("first second third fourth fifth last next main best only other same whole final "
                      "previous following".split())


def _compound_head(t: _Tokens, modifier: int, k: int) -> bool:
    """Token k, which may be a verb, is more likely a noun after the word at ``modifier``: an
    adjective or ordinal before it ("the first time", "an abstract base class"), or a noun
    phrase going on after it ("a helper function to", "the first line of", "the first time I")."""
    if "NOUN" not in _lemmas(t.lowers[k]):
        return False
    before = t.lowers[modifier]
    if before in _ORDINALS or _lemmas(before).keys() & {"ADJ", "NUM"}:
        return True
    after = t.lowers[k + 1] if k + 1 < len(t) and t.linked(k + 1) else ""
    if after == "to" and t.lowers[k] in _TO_VERBS:
        return False  # "my sister want to be"
    if after in _SUBJECT_PRONOUNS and t.lowers[k] in _CLAUSE_TAKING:
        return False  # "my teacher say we should": a verb taking a clause
    return after in ("of", "for", "to") or after in _SUBJECT_PRONOUNS


# After a base verb that is also a noun, what shows it is a verb: its object or an adverb
# ("my mother work in a shop", "the teacher say that", "my father work very hard").
_VERB_CONTINUATIONS = frozenset("""
a an the my your his her our their its this that these those some any every each all no
me you him her us them it in at on with from about into by near after before around over under through
very hard well really always often never here there home together alone late early every so too much
""".split())
# Verbs that take "to" and a verb ("my sister want to be"), unlike nouns ("a helper function to").
_TO_VERBS = frozenset("want like love hate need hope try plan decide learn begin start wish prefer agree "
                      "refuse forget remember go come walk run travel return listen talk belong move".split())


_CLAUSE_TAKING = frozenset("say think know hope believe feel".split())


def _verb_continues(t: _Tokens, k: int) -> bool:
    after = t.lowers[k + 1]
    if after in _VERB_CONTINUATIONS:
        return True
    if after in _SUBJECT_PRONOUNS and t.lowers[k] in _CLAUSE_TAKING:
        return True  # "my teacher say we should"
    if after == "to":
        return t.lowers[k] in _TO_VERBS
    # A bare noun object that cannot be a verb ("my brother play football every week"), unless a
    # verb follows it, which makes it the head of the subject ("the school bus driver is").
    lemmas = _lemmas(after)
    if "NOUN" not in lemmas or "VERB" in lemmas or after in _AUXILIARIES:
        return False
    following = t.lowers[k + 2] if k + 2 < len(t) and t.linked(k + 2) else ""
    return not (following in _AUXILIARIES or _verb_kind(following)[0])


def _noun_head(t: _Tokens, k: int) -> bool:
    """Token k, which may be a verb, is more likely the head of the noun phrase before it: it can be
    a noun and is followed by a finite verb ("our history class visited", "the bus stop is") or ends
    the clause ("until the last page.")."""
    if "NOUN" not in _lemmas(t.lowers[k]) or t.lowers[k] in _AUXILIARIES:
        return False
    if k + 1 >= len(t) or not t.linked(k + 1):
        return True
    if t.lowers[k] in _CHARTS and t.lowers[k - 1] in _CHART_KINDS:
        return True  # "the line graph illustrate", "the bar chart show": the name of a chart, then its verb
    after = t.lowers[k + 1]
    if after in _AUXILIARIES:
        return True
    if after in ("or", "and") and k + 2 < len(t) and t.lowers[k + 2] in _DETERMINERS:
        return True  # "the football club or the music club is"
    word = t.lowers[k]
    if word.endswith("s") and after.endswith("s") and _verb_kind(word)[0] == "third" and _noun_number(after) == "plural" \
            and k > 1 and _noun_number(t.lowers[k - 1]) and (_noun_number(t.lowers[k - 1]) == "singular"
                                                             or t.lowers[k - 2] in _DETERMINERS
                                                             or "ADJ" in _lemmas(t.lowers[k - 2])):
        return False  # "the chart shows changes", "those elements takes effects": a verb and its object
    verbs = _lemmas(after).get("VERB")
    if not verbs:
        return False
    forms = _forms(verbs[0])
    return after in forms.get("VBD", ()) + forms.get("VBZ", ()) and after != verbs[0]


_CHARTS = frozenset("graph graphs chart charts table tables diagram diagrams map maps".split())
_CHART_KINDS = frozenset("line bar pie flow column process".split())


# A plural form that names one thing ("the United States is") or an amount ("ten dollars is").
_SINGULAR_PLURALS = frozenset("united".split())
_AMOUNT_UNITS = frozenset("""dollars cents pounds euros yuan yen pence years months weeks days hours minutes seconds
miles kilometres kilometers metres meters feet inches kilos kilograms grams litres liters percent degrees""".split())
_NUMBER_WORDS = frozenset("""two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty
fifty sixty seventy eighty ninety hundred thousand million several few many""".split())


_FIELDS = frozenset("""environmental social cultural religious american chinese english asian african european
international gender media business film area women's legal""".split())
_FRACTIONS = frozenset("halves thirds quarters fourths fifths sixths sevenths eighths ninths tenths".split())


def _names_one_thing(words: list[str]) -> bool:
    if any(w in _SINGULAR_PLURALS for w in words[:-1]) or any(w in _FRACTIONS for w in words):
        return True  # "the United States is", "three quarters of the land is"
    if words and (words[-1].endswith("ics") or (words[-1] == "studies" and len(words) > 1 and words[-2] in _FIELDS)):
        return True  # a field: "environmental studies is", "economics is" (not "recent studies show")
    return len(words) >= 2 and words[-1] in _AMOUNT_UNITS and (words[-2] in _NUMBER_WORDS or words[-2].isdigit())


def _subject_verb(t: _Tokens, i: int, errors: list[TextError]) -> None:
    if t.lowers[i] in _SUBJECT_PRONOUNS and not (i + 1 < len(t) and t.lowers[i + 1] == "and"):
        return  # the pronoun rules of grammar.py
    found = t.subject(i)
    if not found:
        return
    k, number = found
    n = len(t)
    subject_end = k  # before an adverb ("my grandfather always eat")
    if k < n and t.lowers[k] in _ADVERBS and k + 1 < n and t.linked(k + 1):
        k += 1
    if k >= n:
        return
    verb = t.lowers[k]
    kind, lemma = _verb_kind_at(t, k)
    if not kind or (verb == "were" and unreal_before(t.text, t.spans, t.lowers, i)):
        return
    if verb == "like" and (_verb_later(t, k + 1) or not _like_verb(t, k) and any(
            _verb_kind(t.lowers[j])[0] == "third" for j in range(k + 2, min(n, k + 7))
            if t.lowers[j] != "like" and t.linked(j) and t.lowers[j - 1] not in _NOUN_BEFORE)):
        # "a man like him would", "a day like this is": a preposition ("my sister like cats": "cats" is its object)
        return
    if kind == "base" and verb not in _SINGULAR_FOR and verb not in ("like", "need"):
        # A noun that can also be a verb may be the head of a longer noun phrase ("the bus stop is").
        after = t.lowers[k + 1] if k + 1 < n and t.linked(k + 1) else ""
        if after and (after in _AUXILIARIES or _verb_kind(after)[0] == "third" or _noun_number(verb) and
                      _verb_kind(after)[0]):
            return
        if "NOUN" in _lemmas(verb) and after and not _verb_continues(t, k):
            return  # "the school bus stop", "the copyright notice and": more nouns, not a verb's object
        if "NOUN" in _lemmas(verb) and _verb_later(t, k + 1):
            return  # "this name change early in its life won't be hard": the noun phrase goes on to its verb
    fix = ""
    if number == "singular" and kind == "base":
        fix = _SINGULAR_FOR.get(verb) or (_forms(lemma).get("VBZ", ("",))[0])
    elif number == "plural" and kind == "third":
        capitals = sum(t.spans[j][2][:1].isupper() for j in range(i + 1, k))
        if capitals >= 2 or capitals == k - i - 1 == 1 and t.lowers[i] == "the":
            return  # a title or a name: "The Old Man and the Sea is a short novel", "The Times is"
        if _names_one_thing(t.lowers[i:k]) or verb in ("is", "was") and "and" in t.lowers[i:k] and (
                t.lowers[k + 1:k + 2] in (["a"], ["my"], ["our"], ["his"], ["her"], ["their"], ["the"])
                and t.lowers[k + 2:k + 3] in (["favourite"], ["favorite"])):
            return  # "bacon and eggs is my favourite breakfast": one dish
        fix = _PLURAL_FOR.get(verb) or lemma
    if not fix or fix == verb:
        return
    start, end, word = t.spans[k]
    subject = t.text[t.spans[i][0]:t.spans[subject_end - 1][1]] if subject_end > i else ""
    fixes = (fix,)
    if (number == "singular" and verb not in _SINGULAR_FOR) or (number == "plural" and verb not in _PLURAL_FOR):
        fixes = past_first(t.text, t.spans, t.lowers, k, fix, lemma)  # "we swam … my sister and me builds" -> "built"
    if len(fixes) > 1:
        message = f"The text here tells of the past: “{fixes[0]}” (or, in the present, “{fix}”)."
    else:
        message = f"The verb should agree with its subject “{subject}”: “{fix}”."
    errors.append(TextError(start, end - start, "grammar", "EN_SVA_NOUN_SUBJECT", message,
                            tuple(match_case(word, f) for f in fixes)))


# After these an -s word is a noun ("like the books and games"); after "this" it may be a verb ("like this is").
_NOUN_BEFORE = _DETERMINERS - {"this", "that"} | {"and", "or"}


def _like_verb(t: _Tokens, k: int) -> bool:
    """"like" at k is the verb before "to" or an -ing form: "my father like to read / reading books"."""
    after = t.lowers[k + 1] if k + 1 < len(t) else ""
    return after == "to" or after.endswith("ing") and "VERB" in _lemmas(after)


def _verb_later(t: _Tokens, m: int) -> bool:
    """An auxiliary later in the clause that starts at token m, before another clause begins."""
    for j in range(m, min(len(t), m + 10)):
        if any(ch in _CLAUSE_PUNCT + "," for ch in t.gap(j)) or t.lowers[j] in _CLAUSE_WITHIN:
            return False
        if t.lowers[j] in _AUXILIARIES or t.lowers[j] in ("won't", "will"):
            return True
    return False


# What follows "need" the verb and never "need" the modal ("he need not go", "need we say more"):
# "the teacher need help" -> "needs".
_NEED_OBJECT = frozenset("to a an the my your his her our their its this that these those some more "
                         "me him us them it help money time".split())


def _verb_kind_at(t: _Tokens, k: int) -> tuple[str, str]:
    """``_verb_kind`` of token k, where the words after it tell "need" the verb from the modal."""
    if t.lowers[k] == "need" and k + 1 < len(t) and t.linked(k + 1) and t.lowers[k + 1] in _NEED_OBJECT:
        return "base", "need"
    return _verb_kind(t.lowers[k])


def _finite(t: _Tokens, k: int) -> bool:
    """Token k (or the one after an adverb there) is a verb that can end a subject: "went", "are", "like"."""
    if k < len(t) and t.lowers[k] in _ADVERBS and k + 1 < len(t) and t.linked(k + 1):
        k += 1
    if k >= len(t) or not t.linked(k):
        return False
    word = t.lowers[k]
    if word in _AUXILIARIES:
        return True
    verbs = _lemmas(word).get("VERB")
    if not verbs:
        return False
    forms = _forms(verbs[0])
    return word in forms.get("VBD", ()) + forms.get("VBZ", ()) + forms.get("VBP", ()) + forms.get("VB", ())


def _pronoun_case(t: _Tokens, i: int, errors: list[TextError]) -> None:
    """An object pronoun in a compound subject: "Me and my sister went" -> "My sister and I",
    "my sister and me were" -> "I", "Him and his friends play" -> "He"."""
    if i > 0 and t.lowers[i - 1] in _OBJECT_OR_CLAUSE:
        return  # "I know him and his brother like football": the pronoun may be the verb's object
    found = t.subject(i)
    if not found or found[1] != "plural" or not _finite(t, found[0]):
        return
    k = found[0]
    verb = t.lowers[k]
    if verb.endswith("ed") and (k + 1 >= len(t) or not t.linked(k + 1)) and "," in t.gap(i):
        return  # "everyone was invited, him and his wife included": a participle
    for j in range(i, k):
        word = t.lowers[j]
        if word not in _PERSONAL or word == _PERSONAL[word].lower():
            continue
        if word == "her" and j + 1 < k and t.lowers[j + 1] != "and":
            continue  # "her mother": the determiner
        if j != i and t.lowers[j - 1] != "and":
            continue
        start, end, text = t.spans[j]
        fix = _PERSONAL[word]
        if word == "me" and j == i and k - i >= 3:
            # "Me and my sister" -> "My sister and I": the pronoun goes last.
            rest = t.text[t.spans[i + 2][0]:t.spans[k - 1][1]]
            if k - i == 3 and t.lowers[i + 2] in _PERSONAL:
                rest = _PERSONAL[t.lowers[i + 2]]  # "Me and him played" -> "He and I"
            if text[0].isupper():
                rest = rest[0].upper() + rest[1:]
            end = t.spans[k - 1][1]
            fixed = f"{rest} and I"
        else:
            fixed = fix if fix == "I" else match_case(text, fix)
        message = (f"“{text}” cannot be the subject of a verb: “{fixed}”"
                   + (" (name yourself last)." if word == "me" else "."))
        errors.append(TextError(start, end - start, "grammar", "EN_PRONOUN_CASE", message, (fixed,)))
        if end == t.spans[k - 1][1]:
            return  # the whole subject is rewritten


def _past_after(t: _Tokens, match: re.Match, errors: list[TextError]) -> int | None:
    """A past-time phrase at the start of a clause, then subject + present verb. Returns the index
    of the token after the phrase when a subject may start there."""
    text = t.text
    before = text[:match.start()].rstrip(" \t\"'“‘")
    if before and before[-1] not in _CLAUSE_PUNCT + ",":
        return None
    following = [i for i, (s, _e, _w) in enumerate(t.spans) if s >= match.end()]
    if not following:
        return None
    i = following[0]
    gap = text[match.end():t.spans[i][0]]
    if gap.strip() not in ("", ",") or "\n" in gap:
        return None
    _past_verb(t, match, i, errors)
    return i


# Auxiliaries after a past-time phrase: "yesterday I don't go" -> "didn't", "I can't find" -> "couldn't".
_PAST_AUXILIARIES = {"don't": "didn't", "doesn't": "didn't", "can't": "couldn't", "cannot": "could not",
                     "have": "had", "has": "had"}


def _past_verb(t: _Tokens, match: re.Match, i: int, errors: list[TextError]) -> None:
    n = len(t)
    subject = t.lowers[i]
    if subject == "there" and i + 1 < n and t.linked(i + 1) and t.lowers[i + 1] in ("is", "are"):
        start, end, word = t.spans[i + 1]  # "yesterday there is a match" -> "was"
        fix = "was" if t.lowers[i + 1] == "is" else "were"
        errors.append(TextError(start, end - start, "grammar", "EN_PAST_TENSE",
                                f"“{match.group()}” is in the past: use the past tense “{fix}”.",
                                (match_case(word, fix),)))
        return
    if subject in _SUBJECT_PRONOUNS:
        k = i + 1
    elif subject in ("my", "our", "the", "his", "her", "their", "your") and i + 2 < n and t.linked(i + 1) \
            and t.linked(i + 2) and t.lowers[i + 1] in _NUMBERLESS and _verb_kind(t.lowers[i + 2])[0]:
        k = i + 2  # "two years ago my family move": a noun of either number, and the past either way
    else:
        found = t.subject(i)
        if not found:
            return
        k = found[0]
    if k < n and t.lowers[k] in _ADVERBS and k + 1 < n and t.linked(k + 1):
        k += 1
    if k >= n or not t.linked(k):
        return
    verb = t.lowers[k]
    after = t.lowers[k + 1] if k + 1 < n and t.linked(k + 1) else ""
    fix = _PAST_AUXILIARIES.get(verb, "")
    if verb in ("have", "has") and after not in _DETERMINERS:
        fix = ""  # "yesterday I have a test" is "had"; "have been", "have finished" are left alone
    if fix:
        start, end, word = t.spans[k]
        errors.append(TextError(start, end - start, "grammar", "EN_PAST_TENSE",
                                f"“{match.group()}” is in the past: use the past tense “{fix}”.",
                                (match_case(word, fix),)))
        return
    if verb in ("am", "is", "are"):
        lemma = "be"
    else:
        kind, lemma = _verb_kind(verb)
        if not kind and subject in _SUBJECT_PRONOUNS and adjective_verb(verb, after):
            kind, lemma = "base", verb  # "yesterday I open the door"
        if verb in _STORY_PASTS or verb in _forms(_lemmas(verb).get("VERB", ("",))[0]).get("VBD", ()):
            _coordinated_past(t, match, k, subject, errors)  # "yesterday I went there and play"
            return
        if not kind or verb in _AUXILIARIES:
            return
    fix = _past(lemma, verb, subject)
    if not fix or fix == verb:
        return
    start, end, word = t.spans[k]
    errors.append(TextError(start, end - start, "grammar", "EN_PAST_TENSE",
                            f"“{match.group()}” is in the past: use the past tense “{fix}”.",
                            (match_case(word, fix),)))
    if lemma != "be":
        _coordinated_past(t, match, k, subject, errors)


# After "and" + a verb that is also a noun, what shows it is the verb: "and play with my friend"
# (not "a shirt and tie for my dad").
_OBJECT_STARTS = frozenset("""
the a an my your his her our their this that these those some me him them us it with to together home back
many lots several two three four five
""".split())
_NOW = frozenset("now today nowadays currently still usually always every often sometimes anymore".split())
# Words that end the stretch of a clause whose subject a verb after "and" shares.
_NEW_CLAUSE = frozenset("because when if while although though since after before until once that which "
                        "who where but so or then".split())


def _coordinated_past(t: _Tokens, match: re.Match, k: int, subject: str, errors: list[TextError]) -> None:
    """A past-time clause's verbs joined by "and" share its tense: "yesterday I went to the park
    and play with my friend" -> "played". Only a verb right after "and", in the same clause."""
    n = len(t)
    m = k + 1
    while m + 1 < n:
        if any(ch in _CLAUSE_PUNCT + "," for ch in t.gap(m)) or t.lowers[m] in _NEW_CLAUSE:
            return
        if t.lowers[m] == "and" and t.linked(m):
            break
        m += 1
    else:
        return
    if not t.linked(m + 1):
        return
    start, end, word = t.spans[m + 1]
    lower = t.lowers[m + 1]
    kind, lemma = _verb_kind(lower)
    lemmas = _lemmas(lower)
    following = t.lowers[m + 2] if m + 2 < n and t.linked(m + 2) else ""
    if not kind and lemmas.get("VERB") == (lower,) and "AUX" not in lemmas and following in _OBJECT_STARTS:
        kind, lemma = "base", lower  # also an adjective: "and wash the dishes", "and clean my room"
    if not word.islower() or kind not in ("base", "third") or lower in _AUXILIARIES or lemma == "be":
        return
    if kind == "third" and subject not in ("he", "she", "it"):
        return
    if "NOUN" in lemmas and following not in _OBJECT_STARTS:
        return
    for r in range(m + 2, min(n, m + 8)):
        if any(ch in _CLAUSE_PUNCT + "," for ch in t.gap(r)):
            break
        if t.lowers[r] in _NOW:
            return  # "and live there now"
    past = _forms(lemma).get("VBD", ("",))[0]
    if not past or past == lower:
        return
    errors.append(TextError(start, end - start, "grammar", "EN_PAST_TENSE",
                            f"“{match.group()}” is in the past, and so is this verb: “{past}”.",
                            (match_case(word, past),)))


# Words after which a clause (and so a subject) begins.
_SUBJECT_OPENERS = frozenset("""and but so because if when while that then now think hope know knew
said say guess maybe perhaps""".split())


def _its_your(t: _Tokens, i: int, errors: list[TextError]) -> None:
    lower = t.lowers[i]
    if lower not in ("its", "it's", "your", "you're") or i + 1 >= len(t) or not t.linked(i + 1):
        return
    nxt = t.lowers[i + 1]
    after = t.lowers[i + 2] if i + 2 < len(t) and t.linked(i + 2) else ""
    lemmas = _lemmas(nxt)
    fix = ""
    noun_follows = bool(after) and "NOUN" in _lemmas(after) and after not in _CLOSED
    # "it's/you're" + -ing is a subject and its verb: at a clause start, not after a verb or a
    # preposition, whose object "its housing", "your cooking" is ("improve your listening").
    subject = not t.linked(i) or t.lowers[i - 1] in _SUBJECT_OPENERS
    if lower == "its" and (nxt in _AFTER_BE or (nxt in _IT_IS_ADJECTIVES and not noun_follows)
                           or (nxt.endswith("ing") and "VERB" in lemmas and (not after or after in _AFTER_ITS_VERB)
                               and subject)):
        fix = "it's"
    elif lower == "your" and (nxt in _AFTER_BE or (nxt in _STATE_ADJECTIVES and not noun_follows)
                              or (nxt.endswith("ing") and "VERB" in lemmas and "NOUN" not in lemmas
                                  and after not in _AUXILIARIES and _verb_kind(after)[0] == "" and subject)):
        fix = "you're"
    elif lower in ("it's", "you're") and i > 0 and t.linked(i) and (t.lowers[i - 1] in _BEFORE_POSSESSIVE or (
            t.lowers[i - 1] in _ITS_OBJECT_VERBS and "NOUN" in lemmas and "ADJ" not in lemmas and "ADV" not in lemmas)):
        fix = "its" if lower == "it's" else "your"  # "famous for it's bridge", "put down you're phone"
    elif lower in ("it's", "you're") and (nxt in _NOT_AFTER_ITS or (
            _noun_number(nxt) == "plural" and "ADJ" not in lemmas and "ADV" not in lemmas
            and not nxt.endswith("ing"))):
        fix = "its" if lower == "it's" else "your"
    if not fix:
        return
    start, end, word = t.spans[i]
    rule = "EN_ITS_ITS" if lower.startswith("it") else "EN_YOUR_YOURE"
    meaning = {"it's": "“it's” means “it is”", "its": "“its” means “belonging to it”",
               "you're": "“you're” means “you are”", "your": "“your” means “belonging to you”"}[fix]
    errors.append(TextError(start, end - start, "grammar", rule,
                            f"Use “{fix}” here: {meaning}.", (match_case(word, fix),)))


# Words after which a clause, and so an existential "there", begins ("I think there is").
_CLAUSE_BEFORE = frozenset("""and but so that because think thought believe know knew say said hope feel felt find found
sure if when where why how""".split())
# "there" + these: is, was ... take the number of the noun phrase after them; has/have is
# "there is/are" in a learner's "there have a park" (but "there have been" is right).
_THERE_VERBS = {"is": ("is", "are"), "was": ("was", "were"), "are": ("is", "are"), "were": ("was", "were"),
                "isn't": ("isn't", "aren't"), "wasn't": ("wasn't", "weren't"), "aren't": ("isn't", "aren't"),
                "weren't": ("wasn't", "weren't"), "has": ("is", "are"), "have": ("is", "are"), "had": ("was", "were")}
_THERE_MODALS = frozenset("will would can could may might must should".split())
_THERE_ADVERBS = frozenset("also still always only just often usually never really sometimes even".split())
_PLURAL_COUNTS = frozenset("""many several few two three four five six seven eight nine ten eleven twelve twenty
thirty forty fifty hundreds thousands millions dozens these those both various numerous""".split())
_QUANTIFIERS = frozenset("some any no more most all enough other".split())
# After "a": a quantity, whose number is the next noun's ("a lot of", "a few"), not one thing.
_QUANTITY_NOUNS = frozenset("""lot lots few couple number great variety pair group bunch total series range
dozen handful kind type sort majority minority plenty hundred thousand million""".split())
_PLURAL_ONLY = frozenset("people children men women police cattle".split())
# Nouns that are never counted: "there is some water", "there is a lot of traffic".
_MASS_NOUNS = frozenset("""water money bread rice milk juice food time work homework housework information advice
news furniture traffic rain snow music fun love sugar salt coffee tea meat weather knowledge help noise pollution
rubbish garbage trash luggage equipment space air sunshine light fruit paper wood grass sand soup cheese butter
oil gas electricity energy progress research stuff damage trouble""".split())


def _head_number(t: _Tokens, k: int) -> tuple[str, int]:
    """The number of the noun heading the phrase at k (up to two adjectives before it) and its
    index: ('plural', k) for "students", "beautiful flowers", ('', k) when it is not clear."""
    for m in range(k, min(k + 3, len(t))):
        if m > k and not t.linked(m):
            break
        word = t.lowers[m]
        if word in _PLURAL_ONLY:
            return "plural", m
        if word in ("other", "same", "own"):
            continue  # "no other remaining real poles": modifiers, never the head here
        lemmas = _lemmas(word)
        if "NOUN" in lemmas and not lemmas.keys() & {"ADV", "DET", "PRON", "AUX"}:
            following = t.lowers[m + 1] if m + 1 < len(t) and t.linked(m + 1) else ""
            if following and "NOUN" in _lemmas(following) and following not in _CLOSED and \
                    not _lemmas(following).keys() & {"ADP", "ADV", "DET", "AUX"}:
                continue  # "many school buses": the head is further on
            return _noun_number(word), m
        if "ADJ" not in lemmas or word in _CLOSED:
            break
    return "", k


def _noun_phrase_number(t: _Tokens, k: int, digits: str) -> str:
    """'plural', 'singular' or '' for the noun phrase starting at token k; ``digits`` is a
    number written in digits just before it ("there is 40 students")."""
    n = len(t)
    first = t.lowers[k]
    if digits:
        if digits == "1" or not digits.isdigit():
            return ""
        number, m = _head_number(t, k)
        return "plural" if number == "plural" and t.lowers[m] not in _AMOUNT_UNITS else ""
    if first in ("so", "too") and k + 1 < n and t.linked(k + 1) and t.lowers[k + 1] == "many":
        return "plural"  # "there was so many people"
    if first in _PLURAL_COUNTS:
        if k + 1 < n and t.linked(k + 1) and t.lowers[k + 1] in ("of", "more", "less"):
            return "plural"  # "many of them"
        if k + 1 >= n or not t.linked(k + 1):
            return ""
        number, m = _head_number(t, k + 1)
        if t.lowers[m] in _AMOUNT_UNITS:
            return ""  # "there is ten minutes left"
        return "plural" if number == "plural" or first not in ("few", "both") else ""
    if first in ("lots", "plenty") or (first == "a" and k + 1 < n and t.lowers[k + 1] in ("lot", "number", "couple", "few")):
        if first == "a" and t.lowers[k + 1] == "few":
            return "plural"
        m = k + 1 if first != "a" else k + 2
        if m < n and t.lowers[m] == "of" and m + 1 < n and t.linked(m + 1):
            number, head = _head_number(t, m + 1)
            if number == "singular" and t.lowers[head] not in _MASS_NOUNS:
                # "there are lots of tree": the noun is wrong (learner.py), not the verb; and
                # "there are a lot of apple" is no reason to say "there is"
                return "plural" if t.plural_of is not None and t.plural_of(t.lowers[head]) else ""
            return number if first != "a" or t.lowers[k + 1] == "lot" else "plural" if number == "plural" else ""
        return ""
    if first in _QUANTIFIERS:
        if k + 1 < n and t.linked(k + 1) and t.lowers[k + 1] != "of":
            number, head = _head_number(t, k + 1)
            if number == "singular" and first in ("some", "any", "other", "more", "most", "all", "enough") \
                    and t.lowers[head] not in _MASS_NOUNS:
                return ""  # "there are some apple": the noun wants its plural, not the verb "is"
            return number
        return ""
    if first in ("a", "an", "one", "another", "every", "each"):
        if k + 1 >= n or not t.linked(k + 1) or t.lowers[k + 1] in _QUANTITY_NOUNS:
            return ""
        number, m = _head_number(t, k + 1)
        if number != "singular":
            return ""
        # "there are a book and two pens": the verb may agree with the whole list
        for later in range(m + 1, min(n, m + 8)):
            if any(ch in _CLAUSE_PUNCT + "," for ch in t.gap(later)):
                break
            if t.lowers[later] in ("and", "or"):
                return ""
        return "singular"
    number, m = _head_number(t, k)
    return "plural" if number == "plural" and t.lowers[m] not in _AMOUNT_UNITS else ""


def _there_be(t: _Tokens, i: int, errors: list[TextError]) -> None:
    """ "There is many students" -> "are", "there are a book" -> "is", "there was so many
    people" -> "were", and the learner's "there have a park" -> "there is"."""
    n = len(t)
    if t.lowers[i] != "there" or i + 1 >= n or not t.linked(i + 1):
        return
    v = i + 1
    verb = t.lowers[v]
    if verb in _THERE_MODALS and v + 2 < n and t.lowers[v + 1] == "have" and t.linked(v + 1) and t.linked(v + 2) \
            and t.lowers[v + 2] not in ("been", "got", "gotten", "to", "had") and t.lowers[v + 2] not in _THERE_ADVERBS \
            and "been" not in t.lowers[v + 2:v + 4]:  # "there might have already been a fight"
        start, end, word = t.spans[v + 1]  # "there will have a sports meeting" -> "will be"
        errors.append(TextError(start, end - start, "grammar", "EN_THERE_BE",
                                f"“There {verb} have” does not say that something exists: use “there {verb} be”.",
                                (match_case(word, "be"),)))
        return
    if verb not in _THERE_VERBS:
        return
    k = v + 1
    if k < n and t.lowers[k] in _THERE_ADVERBS and t.linked(k):
        k += 1
    if k >= n:
        return
    gap = t.gap(k)
    digits = gap.strip()
    if digits and not (0 < len(gap) <= 12 and re.fullmatch(r"\s+\d+\s+", gap)):
        return  # punctuation or a line break: "there is. Many"
    if not digits and not t.linked(k):
        return
    if verb in ("has", "have", "had") and (t.lowers[k] in ("been", "got", "gotten", "to") or digits == "" and
                                    t.lowers[k] in _THERE_ADVERBS):
        return  # "there have been", "there has to be"
    number = _noun_phrase_number(t, k, digits)
    if not number:
        return
    singular, plural = _THERE_VERBS[verb]
    if verb in ("has", "have") and _past_context(t, v):
        singular, plural = "was", "were"  # "Yesterday there have many people" -> "there were"
    fix = plural if number == "plural" else singular
    if fix == verb:
        return
    start, end, word = t.spans[v]
    noun = t.text[t.spans[k][0] - (len(gap) - 1 if digits else 0):t.spans[min(k + 1, n - 1)][1]].strip()
    if verb in ("has", "have", "had"):
        message = f"“There {verb}” does not say that something exists: use “there {fix}”."
    else:
        message = f"After “there” the verb agrees with what follows (“{noun}”): “{fix}”."
    errors.append(TextError(start, end - start, "grammar", "EN_THERE_BE", message, (match_case(word, fix),)))


# A comma splice: "I like apples, they are sweet."
_PRONOUN_CLAUSE = frozenset("""i we they he she you it i'm we're they're he's she's you're it's i've we've
they've i'll we'll they'll he'll she'll you'll i'd we'd they'd""".split())
_SPLICE_FINITE = frozenset("""am is are was were have has had do does did can could will would should must may
might don't doesn't didn't can't couldn't won't wouldn't shouldn't isn't aren't wasn't weren't haven't hasn't
hadn't""".split())
# Verbs that take a clause before the comma ("I think, it is") or report one after it ("I'm
# fine, he said").
_CLAUSE_VERBS = frozenset("""think thinks thought believe believes believed know knows knew say says said tell
tells told ask asks asked hope hopes hoped feel feels felt guess mean means suppose wonder wondered remember
remembered realize realized realise realised promise promised agree agreed imagine expect sure afraid""".split())
_SAYING_THAT = _CLAUSE_VERBS - MANDATIVE  # "he said that the books is"; not "I asked that each bring"
_OBJECT_OR_CLAUSE = _CLAUSE_VERBS - _THINKING  # "I know him and his brother like football"
_REPORTING = _CLAUSE_VERBS | frozenset("""answer answers answered reply replies replied shout shouts shouted cry cries
cried whisper whispers whispered explain explains explained add adds added write writes wrote call calls
called laugh laughed smile smiled sigh sighed""".split())
_CLAUSE_OPENING_WORDS = frozenset("""this that there it""".split())
_SENTENCE_DETERMINERS = frozenset("the my our his her their your its this that these those".split())


def _finite_at(t: _Tokens, k: int) -> bool:
    """Token k (after an adverb, perhaps) is a finite verb: "is", "likes", "went"."""
    n = len(t)
    if k < n and t.lowers[k] in _ADVERBS and k + 1 < n and t.linked(k + 1):
        k += 1
    if k >= n or not t.linked(k):
        return False
    word = t.lowers[k]
    if word in _SPLICE_FINITE:
        return True
    if (word in _CLOSED and word != "like") or word in ("all", "both", "alone", "too", "own", "self", "first"):
        return False
    verbs = _lemmas(word).get("VERB")
    if not verbs:
        return False
    forms = _forms(verbs[0])
    return word in forms.get("VBZ", ()) + forms.get("VBD", ()) + forms.get("VBP", ()) or word == verbs[0]


def _independent_start(t: _Tokens, i: int, end: int) -> bool:
    """Tokens i..end-1 open with a subject and its finite verb: "I like", "it was", "my mother
    is", "there are"."""
    first = t.lowers[i]
    if first in _PRONOUN_CLAUSE:
        return "'" in first or _finite_at(t, i + 1)
    if first in _CLAUSE_OPENING_WORDS:
        return i + 1 < end and t.linked(i + 1) and t.lowers[i + 1] in _SPLICE_FINITE
    if first in _SENTENCE_DETERMINERS:
        for k in range(i + 1, min(i + 4, end)):
            if not t.linked(k) or t.lowers[k] in _CLOSED or t.lowers[k] in _DETERMINERS:
                return False
            if t.lowers[k] in _SPLICE_FINITE and k > i + 1:
                return True
        return False
    return False


def _comma_splices(t: _Tokens, errors: list[TextError]) -> None:
    text = t.text
    n = len(t)
    clause = sentence = 0  # where the current clause and sentence started
    if "," not in text:
        return
    for i in range(1, n):
        gap = t.gap(i)
        if gap == " ":
            continue  # most words: nothing between them but a space
        if any(ch in _CLAUSE_PUNCT for ch in gap):
            clause = sentence = i
            continue
        if gap.strip() != "," or "\n" in gap:
            if any(ch in gap for ch in ",;()\"“”"):
                clause = i
            continue
        # "<clause>, he is ...": a subject pronoun and a finite verb right after the comma
        starts_here, clause_start = i, clause
        clause = i
        if t.lowers[i] not in _PRONOUN_CLAUSE or not (
                "'" in t.lowers[i] or _finite_at(t, i + 1)):
            continue
        if i - clause_start < 3 or not _independent_start(t, clause_start, i):
            continue
        before = t.lowers[clause_start:i]
        if any(w in _REPORTING or w in _REPORTING_ING or w in ("myself", "himself", "herself") for w in before) \
                or before[-1] in ("is", "was"):
            continue  # "I kept telling myself, I can do it"; "the truth is, I"
        if _tail_follows(t, i):
            continue  # "You are right, I admit."; "It was a great trip, I have to say."
        if any(w in _CLAUSE_VERBS for w in before[-3:]) or any(
                w in _LINKS or w in UNREAL or w == "as" for w in t.lowers[sentence:i]):
            continue  # "I think, it is"; "If, as many believe, it were", "because I was ill, I"
        if before[0].split("'")[0] == t.lowers[i].split("'")[0] and any(
                w == "not" or w.endswith("n't") for w in before):
            continue  # a contrast: "It wasn't me, it was my brother"; "she's not just smart, she's brilliant"
        verb = t.lowers[i + 1] if i + 1 < n else ""
        if verb in _REPORTING or _series_follows(t, i):
            continue  # "I'm fine, he said"; a series: "I came, I saw, and I won"
        lead = text[:t.spans[starts_here][0]]
        if lead.count("\"") % 2 or lead.count("“") > lead.count("”") or lead.count("‘") > lead.count("’") \
                or len(re.findall(r"(?:^|\s)'", lead)) > len(re.findall(r"'(?=\s|$|[.,!?])", lead)):
            continue  # inside a quotation
        comma = text.index(",", t.spans[i - 1][1])
        start, end, word = t.spans[i]
        pronoun = word if t.lowers[i].startswith("i'") or t.lowers[i] == "i" else word[:1].upper() + word[1:]
        errors.append(TextError(
            comma, end - comma, "punctuation", "EN_COMMA_SPLICE",
            "A comma cannot join two sentences: end the first with a full stop, or join them with "
            "“and”, “but” or “because”.", (f". {pronoun}", f"; {word}")))


_REPORTING_ING = frozenset("""telling saying asking thinking whispering shouting crying answering replying
writing calling""".split())
# Short tails after a comma that comment on the sentence: "I admit", "I have to say", "it seems".
_TAILS = (("i", "admit"), ("i", "think"), ("i", "guess"), ("i", "believe"), ("i", "suppose"), ("i", "must", "say"),
          ("i", "have", "to", "say"), ("it", "seems"), ("i", "hope"), ("i", "know"), ("i", "mean"), ("i", "bet"),
          ("you", "know"), ("i", "must", "admit"), ("i", "have", "to", "admit"))


def _tail_follows(t: _Tokens, i: int) -> bool:
    """The words after the comma at token i are a short comment that ends the sentence."""
    for tail in _TAILS:
        end = i + len(tail)
        if tuple(t.lowers[i:end]) == tail and (end == len(t) or any(ch in _CLAUSE_PUNCT for ch in t.gap(end))):
            return True
    return False


def _series_follows(t: _Tokens, i: int) -> bool:
    """", and" or ", or" later in the sentence of token i: the clauses are a series."""
    for m in range(i + 1, min(len(t), i + 20)):
        gap = t.gap(m)
        if any(ch in _CLAUSE_PUNCT for ch in gap):
            return False
        if "," in gap and t.lowers[m] in ("and", "or"):
            return True
    return False


# Past forms that tell a story ("I fell down, but my father encourage me" wants "encouraged").
_STORY_PASTS = frozenset("""was were did went came saw said told got took made fell felt thought knew began ran ate
gave found bought brought left met sat stood heard kept lost won paid spent taught caught drove flew grew threw
wore woke broke chose forgot hid rode rang sang swam wrote became""".split())


def _past_context(t: _Tokens, v: int) -> bool:
    """The sentence of token v tells of the past: another verb in the past, or a past-time
    phrase before or after it in the sentence ("Yesterday there have", "there have … last night")."""
    if past_in_sentence(t.text, t.spans, t.lowers, v) or past_time_after(t.text, t.spans, t.lowers, v):
        return True
    m = v - 1
    while m >= 0 and not any(ch in ".!?\n" for ch in t.gap(m + 1)):
        if t.lowers[m] in ("yesterday", "ago") or (t.lowers[m] == "last" and m + 1 < len(t)
                                                    and t.lowers[m + 1] in _PAST_TIME_NOUNS):
            return True
        m -= 1
    return False


def past_in_sentence(text: str, spans: list[tuple[int, int, str]], lowers: list[str], k: int) -> bool:
    """Another verb of the sentence of token k is in the past: an irregular past form, or an
    -ed form right after a subject pronoun ("I played", "she smiled")."""
    for step in (-1, 1):
        m = k + step
        while 0 <= m < len(spans):
            gap = text[spans[min(m, m - step)][1]:spans[max(m, m - step)][0]]
            if any(ch in ".!?\n" for ch in gap):
                break
            word = lowers[m]
            if word in _STORY_PASTS or (word.endswith("ed") and m > 0 and lowers[m - 1] in _SUBJECT_PRONOUNS
                                        and word in _forms(_lemmas(word).get("VERB", ("",))[0]).get("VBD", ())):
                return True
            m += step
    return False


_PAST_TIME_NOUNS = frozenset("""week weekend month year night morning afternoon evening summer winter spring autumn
term time monday tuesday wednesday thursday friday saturday sunday""".split())


# Words that open a clause of its own inside the sentence, with its own time.
_CLAUSE_WITHIN = frozenset("""what that which who whom whose when where why how if whether because since
after before until while and but or so i you he she it we they""".split())


_AUXILIARIES_BEFORE_PARTICIPLE = frozenset("have has had having be been being is are was were am".split())


@lru_cache(maxsize=20_000)
def _past_forms_of(word: str) -> tuple[str, ...]:
    """The past forms (VBD) of the verb ``word`` may be one of, when it is one."""
    if word in _STORY_PASTS:
        return (word,)
    if not word.endswith("ed"):
        return ()
    lemma = _lemmas(word).get("VERB", ("",))[0]
    return _forms(lemma).get("VBD", ()) if lemma and lemma != word else ()


def past_time_after(text: str, tokens, lowers: list[str], j: int) -> bool:
    """A past-time phrase later in the clause of the verb at j: "yesterday", "two days ago",
    "last Sunday"."""
    for k in range(j + 1, min(len(tokens), j + 9)):
        if any(ch in ".!?;:,\n" for ch in text[tokens[k - 1][1]:tokens[k][0]]):
            return False
        if lowers[k] in _CLAUSE_WITHIN:
            return False  # the phrase is another clause's: "you know what I did yesterday"
        if k > j + 1 and lowers[k - 1] not in _AUXILIARIES_BEFORE_PARTICIPLE and lowers[k] in _past_forms_of(lowers[k]):
            return False  # a clause of its own, with its own past verb: "the book my mom bought yesterday"
        if lowers[k] in ("yesterday", "ago") or (
                lowers[k] == "last" and k + 1 < len(lowers) and lowers[k + 1] in _PAST_TIME_NOUNS):
            return True
    return False


_PRESENT_TIMES = frozenset("now today nowadays usually often always sometimes every never".split())


def _sentence_before(text: str, spans, lowers, k: int) -> range:
    """The tokens of k's sentence before it."""
    m = k
    while m > 0 and not any(ch in ".!?\n" for ch in text[spans[m - 1][1]:spans[m][0]]):
        m -= 1
    return range(m, k)


def _past_time_before(text: str, spans, lowers, k: int) -> bool:
    """A past time earlier in the sentence: "When I lost it last week, she lend me hers"."""
    for m in _sentence_before(text, spans, lowers, k):
        word = lowers[m]
        if word in ("yesterday", "ago") or (word == "last" and m + 1 < k and lowers[m + 1] in _PAST_TIME_NOUNS):
            return True
    return False


def _story_so_far(text: str, spans, lowers, k: int) -> bool:
    """The sentence before, in the same paragraph, tells of the past, and this one names no present
    time: a story told in the past ("We went to the library. My mother take me there")."""
    own = _sentence_before(text, spans, lowers, k)
    if any(lowers[m] in _PRESENT_TIMES for m in range(own.start, min(len(lowers), k + 8))):
        return False
    if own.start == 0 or "\n" in text[spans[own.start - 1][1]:spans[own.start][0]]:
        return False
    previous = _sentence_before(text, spans, lowers, own.start - 1)
    return any(lowers[m] in _STORY_PASTS for m in (*previous, own.start - 1))


def past_first(text: str, spans, lowers, k: int, present: str, lemma: str) -> tuple[str, ...]:
    """The replacements for a verb that disagrees with its subject: the past form first when
    the sentence tells of the past, then the present one."""
    if not (past_in_sentence(text, spans, lowers, k) or past_time_after(text, spans, lowers, k)
            or _past_time_before(text, spans, lowers, k) or _story_so_far(text, spans, lowers, k)):
        return (present,)
    past = _forms(lemma).get("VBD", ("",))[0] if lemma not in ("be",) else ""
    return (past, present) if past and past != present else (present,)


# "since" + a point in time (not "since" + a clause, which may give a reason: "I am tired since I
# was up all night"). Months only with a capital ("since may" is the verb). The point must close its
# phrase (_SINCE_CLOSES): "since then I avoid the traffic", "since Monday is a holiday", "since 2020
# figures are reliable" give reasons.
_SMALL_NUMBERS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"  # regex alternatives
_SINCE_POINT_RE = re.compile(
    rf"\s+(?:(?:(?:19|20)\d\d|last\s+(?:{_UNITS})|then|yesterday|childhood|birth|kindergarten|university|college"
    r"|(?:primary|junior|middle|high|elementary)\s+school|this\s+(?:morning|afternoon|week|month|year|term|semester)"
    r"|the\s+weekend|christmas|(?:my|his|her|our|their)\s+(?:childhood|birthday)"
    rf"|grade\s+(?:\d+|{_SMALL_NUMBERS})|the\s+age\s+of\s+(?:\d+|{_SMALL_NUMBERS})"
    r"|(?:i|he|she|we|they|you)\s+(?:was|were)\s+(?:born|little|young|small|a\s+(?:child|kid|baby|boy|girl|teenager)"
    rf"|(?:\d+|{_SMALL_NUMBERS})(?:\s+years?\s+old)?)"
    r"|(?-i:January|February|March|April|May|June|July|August|September|October|November|December|Monday"
    r"|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?(?:,?\s+(?:19|20)\d\d\b)?"
    # a time of day: "since 8 a.m.", "since 7:30", "since ten o'clock"
    rf"|(?:\d{{1,2}}|{_SMALL_NUMBERS})\s*o['’]clock\b|\d{{1,2}}(?::\d\d)?\s*(?:[ap]\.m\.|[ap]m\b)|\d{{1,2}}:\d\d\b)",
    re.IGNORECASE)
_SINCE_CLOSES = re.compile(r"\s*(?:$|[.,!?;:)](?!\w)|(?:and|but|so|when|because|in|at|with|now|already|too)\b)",
                           re.IGNORECASE)
_SINCE_CLAUSE_CLOSES = re.compile(r"\s*(?:$|[.!?;:)](?!\w)|,|and\b)", re.IGNORECASE)
# The verbs a learner puts in the present with "since": what lasts, is done again and again, or
# (after don't) has not happened. Verbs of a state take the present perfect ("have known"); the
# lasting ones both; the others its progressive first ("have been playing").
_STATE_VERBS = frozenset("be have know like love hate want own miss believe understand belong feel".split())
_LASTING_VERBS = frozenset("live work study teach learn stay use keep collect".split())
_SINCE_VERBS = _STATE_VERBS | _LASTING_VERBS | frozenset(
    "play practise practice smoke drive swim sing dance draw paint cook help volunteer attend go walk ride run "
    "wait rain snow".split())
# What follows "be" when it tells of a lasting state: "we are friends since 2015", "he is ill since Monday".
_BE_STATES = frozenset("""here there in at abroad away friends classmates married together a an ill sick alone
single busy absent interested my your his her our their best good close old happy sad tired bored worried
afraid scared closed open famous bad broken empty full dirty polluted crowded quiet noisy""".split())
_DEGREE_WORDS = frozenset("very so really quite too".split())  # "the river is very dirty since 2015"
# "it" is a time too ("it is two years since"): only the weather's "it".
_WEATHER = frozenset("cold hot warm wet dry sunny rainy windy cloudy foggy snowy rains snows raining snowing".split())
_CONTRACTED_BE = {"i'm": "i", "we're": "we", "you're": "you", "they're": "they", "he's": "he", "she's": "she"}
# Words after which "since" belongs to something else: a comparison, a noun's list ("every winner
# since 1901", "the history of China since 1949"), an infinitive ("want to see all the photos since May").
_SINCE_STOPS = frozenset("""of than first last only every all each any best worst most least next
about better worse much less often anything everything nothing years period era changes figures data results
records events history developments second third fourth fifth sixth seventh eighth ninth tenth""".split())


def _since_point(t: _Tokens, m: int) -> re.Match | None:
    """Token m is "since" and a point in time follows it that closes the phrase: "since 2010",
    "since last year,"."""
    if t.spans[m][2] != "since" and not (t.spans[m][2] == "Since" and (m == 0 or t.gap(m).strip())):
        return None  # "We watch Since Yesterday": a title
    found = _SINCE_POINT_RE.match(t.text, t.spans[m][1])
    if not found or not _SINCE_CLOSES.match(t.text, found.end()):
        return None
    if re.search(r"\b(?:was|were)\b", found.group(), re.IGNORECASE) and not _SINCE_CLAUSE_CLOSES.match(t.text, found.end()):
        return None  # "I am a Leo since I was born in August": a reason
    return found


def _since_perfect(t: _Tokens, i: int, errors: list[TextError]) -> None:
    """A present verb whose clause runs "since" a point in time: "I live here since 2010" -> "have
    lived", "Since May, he is ill" -> "has been". The clause's subject starts at i."""
    n = len(t)
    first = t.lowers[i]
    if first in _CONTRACTED_BE:  # "I'm living here since 2019"
        subject, k = _CONTRACTED_BE[first], i
    elif first == "it" and not (i + 2 < n and t.lowers[i + 1] in ("is", "rains", "snows") and (
            t.lowers[i + 1] != "is" or t.lowers[i + 2] in _WEATHER)):
        return  # "it" also stands for a time: "it is two years since"; "it rains since Monday"
    elif first in _SUBJECT_PRONOUNS and not (i + 1 < n and t.lowers[i + 1] == "and"):
        subject, k = first, i + 1
    else:
        found = t.subject(i)
        if not found:
            return
        k, number = found
        subject = "he" if number == "singular" else "they"
    if k >= n or not t.linked(k) and k != i:
        return
    have = "has" if subject in ("he", "she", "it") else "have"
    verb = t.lowers[k]
    after = t.lowers[k + 1] if k + 1 < n and t.linked(k + 1) else ""
    end = k  # the last token the fix replaces
    scan = k + 1  # where the search for "since" starts
    if k == i or verb in ("am", "is", "are"):
        lemma = _lemmas(after).get("VERB", ("",))[0] if after.endswith("ing") else ""
        if lemma and after in _forms(lemma).get("VBG", ()):
            # "I am living" -> "have been living"; a state's -ing ("I am having this bike") -> "have had"
            fixes = (f"{have} {_participle(lemma)}",) if lemma in _STATE_VERBS else (f"{have} been {after}",)
            end, scan = k + 1, k + 2
        elif after in _DEGREE_WORDS and k + 2 < n and t.linked(k + 2) and t.lowers[k + 2] in _BE_STATES:
            fixes, scan = (f"{have} been",), k + 3
        elif after in _BE_STATES or first == "it" and after in _WEATHER:
            fixes, scan = (f"{have} been",), k + 2
        else:
            return
    elif verb in ("don't", "doesn't") and after not in ("remember", "recall"):
        lemma = _lemmas(after).get("VERB", ("",))[0]
        participle = _participle(lemma) if lemma == after else ""
        if not participle:
            return
        fixes, end = (f"{have}n't {participle}",), k + 1
        scan = k + 2
    elif verb in ("have", "has"):
        if after not in _DETERMINERS:
            return  # "have lived": already the perfect
        fixes = (f"{have} had",)
    else:
        kind, lemma = _verb_kind(verb)
        if lemma not in _SINCE_VERBS or verb in _AUXILIARIES or (
                (kind == "third") != (have == "has") and first not in _PERSONAL):
            return
        participle, progressive = _participle(lemma), _forms(lemma).get("VBG", ("",))[0]
        if not participle or not progressive:
            return
        perfect, lasting = f"{have} {participle}", f"{have} been {progressive}"
        fixes = (perfect,) if lemma in _STATE_VERBS else (perfect, lasting) if lemma in _LASTING_VERBS \
            else (lasting, perfect)
    point = _since_after(t, scan) or _since_before(t, i)
    if point is None:
        return
    start, stop = t.spans[k][0], t.spans[end][1]
    message = f"With “since {point}”, use the present perfect: “{fixes[0]}”."
    if k == i:  # "I'm living" -> "I have been living"
        fixes = tuple(f"{t.spans[i][2][:len(subject)]} {fix}" for fix in fixes)
    else:
        fixes = tuple(match_case(t.text[start:stop], fix) for fix in fixes)
    errors.append(TextError(start, stop - start, "grammar", "EN_SINCE_PERFECT", message, fixes))


def _participle(lemma: str) -> str:
    """The past participle; lemminflect lists a regular verb's only as its past ("lived")."""
    forms = _forms(lemma)
    return (forms.get("VBN") or forms.get("VBD") or ("",))[0]


def _since_after(t: _Tokens, m: int) -> str | None:
    """The point in time of a "since" later in the clause that starts at token m."""
    for j in range(m, min(len(t), m + 10)):
        if any(ch in _CLAUSE_PUNCT + ",\"“”" for ch in t.gap(j)):
            return None
        word = t.lowers[j]
        if word == "since":
            found = _since_point(t, j)
            return found.group().strip() if found else None
        if word in ("you", "it") and (j == m or t.lowers[j - 1] in _PP_PREPOSITIONS) or (
                word == "each" and j + 1 < len(t) and t.lowers[j + 1] == "other"):
            continue  # the object: "I know you since 2010", "we know each other"
        if word == "to" and j + 1 < len(t) and _lemmas(t.lowers[j + 1]).get("VERB", ("",))[0] == t.lowers[j + 1] \
                and "NOUN" not in _lemmas(t.lowers[j + 1]):
            return None  # an infinitive's own phrase: "I want to see all the photos since May"
        if word in _CLAUSE_WITHIN or word in _AUXILIARIES or word in _SINCE_STOPS or _past_forms_of(word):
            return None  # another clause, with its own time: "the house that was built since"
        if word in ("anymore", "more", "longer") or word.endswith("est") and "ADJ" in _lemmas(word):
            return None  # "we don't support it any more since 2017": the state now; "the highest since"
    return None


def _since_opening(t: _Tokens, i: int) -> str | None:
    """The point in time of a sentence that opens with "Since" and a point, then at once, with no
    comma, the subject pronoun at i: "Since 2018 I live here"."""
    own = _sentence_before(t.text, t.spans, t.lowers, i)
    if not own or t.spans[own.start][2] != "Since" or t.lowers[i] not in _OPENING_SUBJECTS:
        return None
    found = _SINCE_POINT_RE.match(t.text, t.spans[own.start][1])
    if not found or re.search(r"\b(?:was|were|is|am|are)\b", found.group(), re.IGNORECASE) \
            or found.end() > t.spans[i][0] or t.text[found.end():t.spans[i][0]].strip():
        return None
    return found.group().strip()


# The subjects a "Since …" phrase without a comma may run into.
_OPENING_SUBJECTS = frozenset("i we he she they".split())


def _since_before(t: _Tokens, i: int) -> str | None:
    """The point in time of a "since" phrase that opens the sentence before the clause at i:
    "Since 2010, I live in Beijing"."""
    own = _sentence_before(t.text, t.spans, t.lowers, i)
    if not own or i - own.start > 6:
        return None
    if "," not in t.gap(i):
        return _since_opening(t, i)
    found = _since_point(t, own.start)
    if not found or any(ch in _CLAUSE_PUNCT + "," for j in range(own.start + 1, i) for ch in t.gap(j)) \
            or t.text[found.end():t.spans[i][0]].strip() != ",":
        return None
    return found.group().strip()

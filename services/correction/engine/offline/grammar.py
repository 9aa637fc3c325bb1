"""A few English grammar rules in clear, local patterns (lemminflect for verb and adjective forms).

    EN_SVA_THIRD_PERSON   he/she/it + base verb            "he go" -> "goes"
    EN_SVA_NON_THIRD      I/you/we/they + 3rd-person verb  "they goes" -> "go", "I is" -> "am"
    EN_MODAL_VERB_FORM    modal + non-base form            "can goes" -> "go", "must to go" -> "must go"
    EN_DOUBLE_COMPARATIVE more/most + comparative          "more better" -> "better"
    EN_THERE_THEIR        their/there/they're confusions   "their is" -> "there is"
    EN_THEN_THAN          then/than confusions             "more then" -> "more than"
    EN_NOUN_NUMBER        a count word + singular noun     "many tree" -> "trees", "two book" -> "books"
    EN_PAST_PARTICIPLE    have + a past form               "have went" -> "gone" (and "didn't went" -> "go")
    (and in the pronoun rules: "he were" -> "was", "I were" -> "was", outside a wish or a condition)

and the clause rules of ``clauses.py`` (noun subjects, tense after past-time phrases, its/it's,
your/you're), and the fixed learner patterns of ``learner.py``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from functools import lru_cache

from lemminflect import getAllInflections, getAllLemmas, getInflection

from services.correction.engine.offline.clauses import (
    MANDATIVE,
    adjective_verb,
    clause_errors,
    past_first,
    past_time_after,
    unreal_before,
)
from services.correction.engine.offline.collocations import RULE_CONFIDENCE as COLLOCATION_CONFIDENCE
from services.correction.engine.offline.collocations import collocation_errors
from services.correction.engine.offline.learner import RULE_CONFIDENCE as LEARNER_CONFIDENCE
from services.correction.engine.offline.learner import countable_plural, learner_errors
from services.correction.engine.result import TextError
from services.correction.engine.simple import match_case

# How sure each rule is (TextError.confidence): the farther a rule looks for its context, the less.
RULE_CONFIDENCE = {
    "EN_SVA_THIRD_PERSON": 0.85, "EN_SVA_NON_THIRD": 0.85, "EN_MODAL_VERB_FORM": 0.9,
    "EN_DOUBLE_COMPARATIVE": 0.95, "EN_THERE_THEIR": 0.85, "EN_THEN_THAN": 0.85,
    "EN_SVA_NOUN_SUBJECT": 0.75, "EN_THERE_BE": 0.85, "EN_POSSESSIVE": 0.8, "EN_COMMA_SPLICE": 0.6, "EN_NOUN_NUMBER": 0.8, "EN_PAST_PARTICIPLE": 0.85, "EN_PAST_TENSE": 0.7, "EN_ITS_ITS": 0.8, "EN_YOUR_YOURE": 0.8,
    "EN_PRONOUN_CASE": 0.85, "EN_DETERMINER_NUMBER": 0.8, "EN_SINCE_PERFECT": 0.75,
    "EN_HYPHENATED_AGE": 0.9, **LEARNER_CONFIDENCE, **COLLOCATION_CONFIDENCE,
}

_TOKEN_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")

_THIRD = frozenset({"he", "she", "it"})
_NON_THIRD = frozenset({"i", "you", "we", "they"})
_MODALS = frozenset({"can", "could", "will", "would", "shall", "should", "may", "might", "must", "can't", "cannot",
                     "couldn't", "won't", "wouldn't", "shouldn't", "mustn't"})
# Words before a pronoun that make it an object or an inverted subject ("let it go", "does he know").
_OBJECT_CONTEXT = frozenset("""
let make makes made help helps helped see sees saw seen watch watched hear heard heard have has had
do does did can could will would shall should may might must don't doesn't didn't can't couldn't
won't wouldn't shouldn't mustn't isn't aren't wasn't weren't why how where when what who whom which
that if whether to and or but than as like let's bid
letting making seeing watching hearing helping feeling having getting keeping leaving
in on at of for with from by about into under over through without within behind near
preceding following containing contained returning lets makes
""".split())
# Before he/she/I/we/they only a question or an inversion makes the next verb non-finite.
_INVERSION = frozenset("""
do does did can could will would shall should may might must is are was were have has had
don't doesn't didn't can't couldn't won't wouldn't shouldn't isn't aren't wasn't weren't
let let's make makes made help helps helped see sees saw watch watched hear heard
""".split())
_ADVERBS = frozenset("always often usually sometimes never also really just still rarely seldom "
                     "even only already ever".split())
_NOT_VERBS = frozenset("""
need dare used ought better best well home fine right back up down out off so very too much
more most less least all both alone together here there now then today tonight again first last
self said yet away
""".split())
_ARTICLE_LIKE = frozenset("a an the his her my your our their its this that free good ill own "
                          "strong political".split())
_POSSESSIVES = {"it": "its", "he": "his", "she": "her"}
_BE_FOR = {"i": "am", "you": "are", "we": "are", "they": "are"}
_IRREGULAR_THIRD = {"have": "has", "do": "does", "don't": "doesn't", "are": "is", "am": "is",
                    "haven't": "hasn't", "aren't": "isn't"}
_IRREGULAR_NON_THIRD = {"has": "have", "does": "do", "was": "were", "is": "are"}


@lru_cache(maxsize=20_000)
def _verb_lemma(word: str) -> str:
    lemmas = getAllLemmas(word).get("VERB") or getAllLemmas(word).get("AUX") or ()
    return lemmas[0] if lemmas else ""


@lru_cache(maxsize=20_000)
def _inflections(lemma: str) -> dict[str, tuple[str, ...]]:
    return getAllInflections(lemma, upos="VERB") or {}


def _is_base_verb(word: str) -> bool:
    """An unambiguous base-form verb (not also a past form, not a function word)."""
    if word in _NOT_VERBS or word in _MODALS:
        return False
    lemmas = getAllLemmas(word)
    if "VERB" not in lemmas or lemmas["VERB"][0] != word or "AUX" in lemmas:
        return False
    if ("ADJ" in lemmas or "ADV" in lemmas) and word not in ("like",):
        return False
    forms = _inflections(word)
    return word not in forms.get("VBD", ()) and word not in forms.get("VBN", ())


def _third_person(lemma: str) -> str:
    forms = _inflections(lemma).get("VBZ", ())
    return forms[0] if forms else ""



def _adjacent(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return 0 < len(gap) <= 3 and gap.isspace() and "\n" not in gap


def _bare_plural_object(word: str) -> bool:
    """A plural noun that can also be an -s verb ("kites", "books"): after "we"/"you" + a verb, its object."""
    return len(word) > 3 and word.endswith("s") and not word.endswith("ss") and "NOUN" in getAllLemmas(word)


def _comparative(word: str) -> bool:
    lemmas = getAllLemmas(word).get("ADJ", ())
    if not lemmas or lemmas[0] == word:
        return word in ("more", "less", "fewer", "rather", "other")
    forms = getAllInflections(lemmas[0], upos="ADJ") or {}
    return word in forms.get("JJR", ()) + forms.get("JJS", ())


def grammar_errors(text: str, word_counts: Mapping[str, int] | None = None, bigrams=None) -> list[TextError]:
    """``word_counts``: a word-frequency list (symspellpy's), which tells countable nouns from
    the others ("dogs" is common, "informations" is not); without it the count-word rule keeps
    to nouns whose only plural differs from them. ``bigrams`` (symspellpy's bigram counts, with
    ``get``) tells which nouns take a plural after "a lot of"; without it that is not checked."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]
    lowers = [w.lower().replace("’", "'") for _s, _e, w in tokens]
    errors: list[TextError] = []

    def linked(i: int) -> bool:  # token i and i+1 are separated by spaces only
        return i + 1 < len(tokens) and _adjacent(text, tokens[i][1], tokens[i + 1][0])

    for i, lower in enumerate(lowers):
        prev = lowers[i - 1] if i > 0 and _adjacent(text, tokens[i - 1][1], tokens[i][0]) else ""
        if not linked(i):
            continue
        j = i + 1
        if lowers[j] in _ADVERBS and linked(j):
            j += 1
        start_j, end_j, word_j = tokens[j]
        next_lower = lowers[j]
        word = tokens[i][2]

        # he/she/it + base verb; he/she/it/I + were.
        context = _OBJECT_CONTEXT if lower in ("it", "you") else _INVERSION
        if lower in ("it", "you") and prev in _GIVING_VERBS:
            context = context | {prev}  # "I fed it fish", "I gave you thanks": an object
        if prev in ("and", "or", "nor") and i >= 2 and lowers[i - 2] in _SUBJECT_AFTER_AUX | _THIRD:
            context = context | {prev}  # "she and he are", "he and she play": a compound subject
        if prev in ("and", "but", "or", "so") and text[:tokens[i - 1][0]].rstrip().endswith(","):
            context = context - {prev}  # ", and it also take": a clause of its own, "it" its subject
        if next_lower == "were" and (lower in _THIRD or lower == "i") and j == i + 1:
            # Not the last part of a compound subject ("my friends and I were"; but "I was
            # tired, and he were" is a clause of its own) nor unreal.
            compound = prev in ("and", "or", "nor") and not text[:tokens[i - 1][0]].rstrip().endswith(",")
            if prev not in context and not compound and not unreal_before(text, tokens, lowers, i):
                errors.append(TextError(
                    start_j, end_j - start_j, "grammar",
                    "EN_SVA_THIRD_PERSON" if lower in _THIRD else "EN_SVA_NON_THIRD",
                    f"After “{word}” use “was”, not “were”.", (match_case(word_j, "was"),)))
        elif lower in _THIRD and prev not in context and not _mandative(lowers, i) and (
                next_lower in _IRREGULAR_THIRD or _is_base_verb(next_lower) or (
                    lower != "it" and linked(j) and adjective_verb(next_lower, lowers[j + 1])
                    and _plain_subject(text, tokens, lowers, i))):
            after_j = lowers[j + 1] if linked(j) else ""
            if (j == i + 1 and "NOUN" in getAllLemmas(next_lower) and _clause_start(text, tokens, lowers, i)
                    and "ADJ" not in getAllLemmas(next_lower)  # "He clean windows": a verb, read so above
                    and (after_j in ("is", "was", "has") or next_lower not in _EVERYDAY_VERBS and (
                        after_j == "and" or _third_or_past(after_j)))):
                # "It name is Lucky", "He father is a doctor": a possessive, not a verb
                possessive = _POSSESSIVES[lower]
                errors.append(TextError(
                    tokens[i][0], len(word), "grammar", "EN_POSSESSIVE",
                    f"Before a noun use “{possessive}”: “{possessive} {word_j}”.", (match_case(word, possessive),)))
                continue
            past = _past_form(next_lower) if past_time_after(text, tokens, lowers, j) else ""
            if past:  # "she go to school yesterday": the past, not "goes"
                errors.append(TextError(
                    start_j, end_j - start_j, "grammar", "EN_PAST_TENSE",
                    f"The sentence tells of the past: “{past}”.", (match_case(word_j, past),)))
                continue
            fix = _IRREGULAR_THIRD.get(next_lower) or _third_person(next_lower)
            if fix and fix != next_lower:
                fixes = past_first(text, tokens, lowers, j, fix, next_lower) if next_lower not in _IRREGULAR_THIRD \
                    else (fix,)
                message = (f"The text here tells of the past: “{fixes[0]}” (or, in the present, “{fix}”)."
                           if len(fixes) > 1 else f"After “{word}” the verb takes -s: “{fix}”.")
                errors.append(TextError(start_j, end_j - start_j, "grammar", "EN_SVA_THIRD_PERSON", message,
                                        tuple(match_case(word_j, f) for f in fixes)))

        elif lower in _THIRD and j == i + 1 and _plain_noun(next_lower) and _clause_start(text, tokens, lowers, i) \
                and linked(j) and (lowers[j + 1] in _FINITE or _third_or_past(lowers[j + 1])):
            # "She hair is long", "It eyes are big", "He hobby is reading": the possessive
            possessive = _POSSESSIVES[lower]
            errors.append(TextError(
                tokens[i][0], len(word), "grammar", "EN_POSSESSIVE",
                f"Before a noun use “{possessive}”: “{possessive} {word_j}”.", (match_case(word, possessive),)))

        # I/you/we/they + third-person verb.
        elif lower in _NON_THIRD and (lower == "i" or prev not in context):
            fix = ""
            if next_lower in _IRREGULAR_NON_THIRD:
                fix = _BE_FOR[lower] if next_lower == "is" else _IRREGULAR_NON_THIRD[next_lower]
                if next_lower == "was" and lower == "i":
                    fix = ""
            elif next_lower.endswith("s") and next_lower not in _NOT_VERBS:
                lemma = _verb_lemma(next_lower)
                lemmas = getAllLemmas(next_lower)
                if (lemma and lemma != next_lower and next_lower in _inflections(lemma).get("VBZ", ())
                        and not (lower in ("we", "you") and "NOUN" in lemmas and j == i + 1
                                 and ((not _clause_start(text, tokens, lowers, i)  # "thank you notes"
                                       and (lower == "you" or prev in _WE_AS_A_WORD or text[:tokens[i][0]].rstrip()[-1:]
                                            in "\"'“‘"))  # "the royal we sounds", "the word “we” means"
                                      or (linked(j) and (lowers[j + 1] in _FINITE  # "you guys are"
                                                         or getAllLemmas(lowers[j + 1]).keys() & {"VERB", "ADJ"}
                                                         == {"VERB"} and not _bare_plural_object(lowers[j + 1])))))):
                    # "we fans cheered" (not "we flies kites", whose plural noun is the object)
                    fix = lemma
            if fix:
                fixes = (fix,) if next_lower in _IRREGULAR_NON_THIRD else past_first(text, tokens, lowers, j, fix, fix)
                message = (f"The text here tells of the past: “{fixes[0]}” (or, in the present, “{fix}”)."
                           if len(fixes) > 1 else f"After “{word}” use “{fix}”, not “{word_j}”.")
                errors.append(TextError(
                    start_j, end_j - start_j, "grammar", "EN_SVA_NON_THIRD", message,
                    tuple(match_case(word_j, f) for f in fixes)))
            elif (next_lower in ("have", "am", "are") or _is_base_verb(next_lower)) \
                    and not unreal_before(text, tokens, lowers, i) and past_time_after(text, tokens, lowers, j):
                past = "was" if next_lower == "am" or (next_lower == "are" and lower == "i") else \
                    "were" if next_lower == "are" else _past_form(next_lower)
                perfect = _perfect_to_past(tokens, lowers, j) if next_lower == "have" else None
                if perfect:  # "I have been to Beijing last year": "went to", not "had been"
                    end_k, fixed = perfect
                    errors.append(TextError(
                        start_j, end_k - start_j, "grammar", "EN_PAST_TENSE",
                        f"With a past time the present perfect becomes the past: “{fixed}”.",
                        (match_case(word_j, fixed),)))
                elif past and past != next_lower:  # "I go to the park yesterday": the past
                    errors.append(TextError(
                        start_j, end_j - start_j, "grammar", "EN_PAST_TENSE",
                        f"The sentence tells of the past: “{past}”.", (match_case(word_j, past),)))

        # modal + non-base form.
        elif lower in _MODALS and prev not in _ARTICLE_LIKE and (word[0].islower() or prev == "") and not (
                word in ("May", "Will") and (next_lower in _FINITE or (
                    _finite_verb(next_lower) and next_lower != _verb_lemma(next_lower)))):  # "May is a month", "Will likes football"
            if next_lower == "to" and j == i + 1 and lower not in ("would",) and linked(j):
                k = j + 1
                if _verb_lemma(lowers[k]) == lowers[k]:
                    errors.append(TextError(
                        start_j, tokens[k][0] - start_j, "grammar", "EN_MODAL_VERB_FORM",
                        f"Do not use “to” after “{word}”: “{word} {tokens[k][2]}”.", ("",)))
                continue
            participle = lowers[j + 1] if next_lower == "of" and j == i + 1 and linked(j) else ""
            forms = _inflections(_verb_lemma(participle)) if participle else {}
            if participle and (participle == "been" or participle in (forms.get("VBN") or forms.get("VBD", ()))):
                errors.append(TextError(  # "could of helped": "could've", heard as "could of"
                    tokens[j][0], len(word_j), "grammar", "EN_MODAL_VERB_FORM",
                    f"“{word} of” is heard for “{word} have”: “{word} have {tokens[j + 1][2]}”.",
                    (match_case(word_j, "have"),)))
                continue
            m = j + 1 if next_lower == "not" and j == i + 1 and linked(j) else j  # "could not came"
            verb_m = lowers[m]
            lemma = _verb_lemma(verb_m)
            if lemma and lemma != verb_m and verb_m not in _NOT_VERBS:
                forms = _inflections(lemma)
                bad = forms.get("VBZ", ()) + forms.get("VBD", ()) + forms.get("VBG", ())
                if verb_m in bad and verb_m not in forms.get("VB", ()) and verb_m != "been":
                    start_m, end_m, word_m = tokens[m]
                    errors.append(TextError(
                        start_m, end_m - start_m, "grammar", "EN_MODAL_VERB_FORM",
                        f"After “{word}” use the base form “{lemma}”.", (match_case(word_m, lemma),)))

        # did/didn't + a past form ("didn't went", "did you went"); have/has/had + a past form
        # that is not the participle ("have went", "had ran").
        elif lower in _DO_SUPPORT or lower in _PERFECT_AUX:
            k = j + 1 if lowers[j] in _SUBJECT_AFTER_AUX and lower in _DO_SUPPORT and linked(j) else j
            if lower in ("did", "does", "do") and k < len(tokens) and lowers[k] == "not" and linked(k):
                k += 1  # "did not went", "does not likes"
            # After "did he" or "didn't" only a verb can come, so a past form that is also a noun or
            # an adjective is the verb ("did you saw", "didn't left"); after a plain "did" it may not be.
            settled = k < len(tokens) and _only_a_verb_after(text, tokens, lowers, i, j, k) \
                and text[tokens[k][1]:tokens[k][1] + 1] != "-"
            fix = _verb_form_after(lower, lowers[k], settled) if k < len(tokens) else ""
            if fix and k < len(tokens):
                start_k, end_k, word_k = tokens[k]
                rule = "EN_MODAL_VERB_FORM" if lower in _DO_SUPPORT else "EN_PAST_PARTICIPLE"
                what = "the base form" if lower in _DO_SUPPORT else "the past participle"
                errors.append(TextError(start_k, end_k - start_k, "grammar", rule,
                                        f"After “{word}” use {what}: “{fix}”.", (match_case(word_k, fix),)))

        # more/most + comparative or superlative.
        elif lower in ("more", "most") and j == i + 1 and next_lower not in ("more", "less", "rather", "other"):
            if lower == "more" and i >= 2 and lowers[i - 2:i] == ["more", "and"] and _comparative(next_lower):
                # "more and more better" -> "better and better"
                start = tokens[i - 2][0]
                errors.append(TextError(
                    start, end_j - start, "grammar", "EN_DOUBLE_COMPARATIVE",
                    f"“{next_lower}” is already comparative: “{next_lower} and {next_lower}”.",
                    (match_case(tokens[i - 2][2], f"{next_lower} and {next_lower}"),)))
            elif _comparative(next_lower) and next_lower not in ("fewer",):
                errors.append(TextError(
                    tokens[i][0], end_j - tokens[i][0], "grammar", "EN_DOUBLE_COMPARATIVE",
                    f"“{next_lower}” is already {'comparative' if lower == 'more' else 'superlative'}; "
                    f"drop “{word}”.", (match_case(word, word_j),)))

        # many/two/several + a singular countable noun.
        if lower in _COUNT_WORDS and j == i + 1 and prev != "one":
            _noun_number(text, tokens, lowers, j, linked(j), prev, word_counts, errors)

        # their/there/they're.
        if j == i + 1:
            _there_their(text, tokens, lowers, i, errors)
            _then_than(text, tokens, lowers, i, errors)
    _digit_counts(text, tokens, lowers, word_counts, errors)
    _hyphenated_ages(text, errors)
    for k, ((start, end, word), lower) in enumerate(zip(tokens, lowers, strict=True)):
        if lower in _UNCOUNTABLE_PLURALS:  # "informations", "advices": web text has them, English does not
            singular = lower[:-1] if not lower.endswith("ies") else lower[:-3] + "y"
            m = k - 1 if k > 0 and lowers[k - 1] in _COUNT_WORDS else k - 2 if k > 1 and lowers[k - 2] in _COUNT_WORDS \
                and "ADJ" in getAllLemmas(lowers[k - 1]) else -1
            if m >= 0 and _adjacent(text, tokens[m][1], tokens[m + 1][0]):
                # The count word goes too: "many advices" -> "much advice", "two new furnitures" ->
                # "two pieces of new furniture".
                count = tokens[m][2]
                middle = text[tokens[m + 1][0]:start]  # an adjective and its space, or nothing
                lead = {"many": "much ", "these": "this ", "those": "that "}.get(lowers[m], f"{count} pieces of ")
                fixed = lead + middle + singular
                fixed = match_case(count, fixed.split(" ")[0]) + fixed[len(fixed.split(" ")[0]):]
                errors.append(TextError(tokens[m][0], end - tokens[m][0], "grammar", "EN_NOUN_NUMBER",
                                        f"“{singular}” is uncountable: “{fixed}”.", (fixed,)))
                continue
            errors.append(TextError(start, end - start, "grammar", "EN_NOUN_NUMBER",
                                    f"“{singular}” is uncountable and takes no -s.", (match_case(word, singular),)))
        elif lower in _IRREGULAR_PLURALS and k > 0 and (lowers[k - 1] in _COUNT_WORDS or lowers[k - 1] in (
                "some", "all") or k > 1 and lowers[k - 1] in _ADJECTIVE_BEFORE_PLURAL and lowers[k - 2] in _COUNT_WORDS):
            plural = _IRREGULAR_PLURALS[lower]  # "many mouses", "two beautiful foots": words, but verbs
            errors.append(TextError(start, end - start, "grammar", "EN_NOUN_NUMBER",
                                    f"The plural of “{plural[1]}” is “{plural[0]}”.", (match_case(word, plural[0]),)))
    plural_of = None
    if word_counts is not None and bigrams is not None:
        def plural_of(noun: str) -> str:
            return countable_plural(noun, word_counts, bigrams)
    errors.extend(clause_errors(text, tokens, plural_of))
    errors.extend(learner_errors(text, plural_of))
    errors.extend(collocation_errors(text))
    errors = _one_fix_per_verb(text, errors)
    return [dataclasses.replace(e, confidence=RULE_CONFIDENCE[e.rule_id]) for e in errors]


_FORM_RULES = ("EN_SVA_THIRD_PERSON", "EN_SVA_NON_THIRD", "EN_SVA_NOUN_SUBJECT", "EN_PAST_TENSE")


def _one_fix_per_verb(text: str, errors: list[TextError]) -> list[TextError]:
    """A verb whose word choice is wrong and whose form is wrong too ("Yesterday I open the light",
    "my grandfather always eat medicine") gets one fix that mends both: "turned on", "takes"."""
    forms = {(e.offset, e.length): e for e in errors if e.rule_id in _FORM_RULES and e.replacements}
    if not forms:
        return errors
    merged, dropped = [], set()
    for error in errors:
        other = forms.get((error.offset, error.length)) if error.rule_id == "EN_COLLOCATION" else None
        if other is not None and error.replacements:
            word = text[error.offset:error.offset + error.length].lower()
            lemma = _verb_lemma(word)
            wanted = other.replacements[0].lower()
            tag = next((t for t in ("VBZ", "VBD", "VBN", "VBG", "VB") if wanted in getInflection(lemma, tag=t)), "") \
                if lemma else ""
            head, _space, rest = error.replacements[0].partition(" ")
            inflected = getInflection(head.lower(), tag=tag) if tag else ()
            if inflected:
                fixed = match_case(error.replacements[0], inflected[0] + (" " + rest if rest else ""))
                error = dataclasses.replace(error, replacements=(fixed, *error.replacements[1:]),
                                            message=f"{error.message} {other.message}")
                dropped.add(id(other))
        merged.append(error)
    return [e for e in merged if id(e) not in dropped]


def _perfect_to_past(tokens, lowers: list[str], j: int) -> tuple[int, str] | None:
    """(end, past) for "have" + a past participle at j: "have been to" -> "went to" (ending at
    "been"), "have visited" -> "visited"; None when no participle follows."""
    if j + 1 >= len(lowers):
        return None
    participle = lowers[j + 1]
    if participle == "been":
        return (tokens[j + 1][1], "went") if j + 2 < len(lowers) and lowers[j + 2] == "to" else None
    lemma = _verb_lemma(participle)
    if not lemma or participle not in (getInflection(lemma, tag="VBN") or ()) or (
            participle == lemma and participle not in (getInflection(lemma, tag="VBD") or ())):
        return None  # "have come" is not a past; "have read", "have put" are
    past = _past_form(lemma)
    return (tokens[j + 1][1], past) if past else None


_DO_SUPPORT = frozenset("did didn't does doesn't".split())
# Past forms that are also nouns, which after have can only be the verb.
_NOUN_LIKE_PASTS = {"saw": "seen", "spoke": "spoken", "wrote": "written", "drove": "driven"}
# Past participles in British use that lemminflect lists only as past forms.
_BRITISH_PARTICIPLES = frozenset("learnt burnt spilt dreamt spelt smelt leant leapt knelt spoilt dwelt lit".split())
_PERFECT_AUX = frozenset("have has had having haven't hasn't hadn't".split())
# Verbs that take "it" as an object before another noun: "I fed it fish", "they called it Star".
_GIVING_VERBS = frozenset("""give gives gave given giving feed feeds fed feeding name names named naming call calls
called calling wish wishes wished send sends sent show shows showed teach teaches taught buy buys bought bring brings
brought offer offers offered lend lends lent hand hands handed pay pays paid sell sells sold throw throws threw
tell tells told leave leaves left keep keeps kept get gets got""".split())
_SUBJECT_AFTER_AUX = frozenset("i you he she it we they".split())


_WH_OPENERS = frozenset("why where when how what which who".split())
_SUBJECT_FORMS = frozenset("i he she we they".split())


def _opens_sentence(text: str, tokens, i: int) -> bool:
    before = text[tokens[i - 1][1] if i else 0:tokens[i][0]]
    return i == 0 or any(ch in before for ch in ".!?\n")


def _only_a_verb_after(text: str, tokens, lowers: list[str], i: int, j: int, k: int) -> bool:
    """Whether token k, after the did/didn't at i, can only be a verb: in a question that opens
    with "did" or a wh-word ("Did you saw", "Why did he left"), or after a subject pronoun and
    "didn't" / "did not" ("I didn't felt"); not "Who did it matters", "those who didn't got"."""
    pronoun = lowers[j]
    if pronoun in _SUBJECT_FORMS | {"it", "you"}:  # "did you saw", "did he not see"
        if _opens_sentence(text, tokens, i):
            return True
        wh = lowers[i - 1] if i > 0 else ""
        return wh in _WH_OPENERS and _opens_sentence(text, tokens, i - 1) and (
            pronoun != "it" or wh not in ("what", "which", "who"))
    # "I didn't felt", "she did not left": right after its subject
    return (k != j or lowers[i].endswith("n't")) and i > 0 and lowers[i - 1] in _SUBJECT_FORMS | {"you"} and \
        _adjacent(text, tokens[i - 1][1], tokens[i][0])


def _verb_form_after(aux: str, word: str, settled: bool = False) -> str:
    """The form a verb takes after ``aux`` when ``word`` is a past form that does not fit: "went"
    after did is "go", after have is "gone"; "" when it fits or is not plainly a verb. ``settled``:
    only a verb can stand there."""
    if word == "said" and aux in _DO_SUPPORT:
        return "say"  # "what did he said"
    if settled and aux in _DO_SUPPORT:
        if word == "saw":
            return "see"
        verbs = getAllLemmas(word).get("VERB", ())
        if len(verbs) == 1 and verbs[0] != word and verbs[0] not in ("be", "have", "do"):
            forms = _inflections(verbs[0])
            if word in forms.get("VBD", ()) + forms.get("VBZ", ()) and word not in forms.get("VB", ()):
                return verbs[0]  # "did you saw", "didn't left", "why did she felt"
    if word in _BRITISH_PARTICIPLES and aux in _PERFECT_AUX:
        return ""  # "I have learnt a lot"
    lemmas = getAllLemmas(word)
    if word in _NOUN_LIKE_PASTS and aux in _PERFECT_AUX:
        return _NOUN_LIKE_PASTS[word]  # "I have never saw a panda", "I had never spoke": not the tool or the spoke
    if "NOUN" in lemmas or "ADJ" in lemmas or word in _NOT_VERBS or word == "got":
        return ""  # "I have rose bushes", "have got"
    lemma = _verb_lemma(word)
    if not lemma or lemma == word or lemma in ("be", "have", "do"):
        return ""  # "what it does is", "all I had was": the verb of another clause
    forms = _inflections(lemma)
    if word in forms.get("VB", ()):
        return ""
    if aux in _DO_SUPPORT:  # "didn't went", "doesn't likes"
        return lemma if word in forms.get("VBD", ()) + forms.get("VBZ", ()) else ""
    if word not in forms.get("VBD", ()):
        return ""
    participles = forms.get("VBN", ())
    return participles[0] if participles and word not in participles else ""


def _past_form(verb: str) -> str:
    if verb in ("are", "am", "is"):
        return "was"
    lemma = "do" if verb == "don't" else "have" if verb == "haven't" else verb
    forms = _inflections(lemma).get("VBD", ())
    past = forms[0] if forms else ""
    return f"{past}n't" if past and verb.endswith("n't") else past


# The mandative subjunctive: "I suggest that he take", "it is important that she arrive".
def _mandative(lowers: list[str], i: int) -> bool:
    before = lowers[max(0, i - 3):i]
    if before[-1:] in (["lest"], ["rather"]) or (before[-1:] and before[-1] in MANDATIVE):
        return True
    return before[-1:] == ["that"] and len(before) >= 2 and before[-2] in MANDATIVE


# Words that count more than one of the noun after them.
_NUMBERS = frozenset("""two three four five six seven eight nine ten eleven twelve fifteen twenty thirty
forty fifty hundred""".split())
# Also pronouns ("many stay at home", "these look at it"); not "both" ("both mother and father").
_COUNT_WORDS = _NUMBERS | frozenset("many several few these those various numerous".split())
# Before a count word, these make it a determiner: "there are many tree", "in two book".
_BEFORE_A_DETERMINER = frozenset("""are is were was be been have has had of in on at for with from by about
into among like than""".split())


def _noun_number(text: str, tokens, lowers: list[str], k: int, linked: bool, before: str,
                 word_counts: Mapping[str, int] | None, errors: list[TextError], count: str = "") -> None:
    """A singular countable noun right after a count word, ending its noun phrase: "many tree
    in", "two book." (not "many school buses", "these information", "we both swim"). ``before``
    is the word before the count word; ``count`` the count word when it is not token k-1 (digits)."""
    start, end, word = tokens[k]
    lower = lowers[k]
    if not word.islower() or "'" in lower or text[end:end + 1] in ("-", "_"):
        return  # "two sub-packages", "many read_*() methods"
    if linked and lowers[k - 1] in ("these", "those") and lowers[k + 1] in ("is", "was", "has", "does"):
        return  # "these book is": the determiner is wrong (clauses.EN_DETERMINER_NUMBER)
    lemmas = getAllLemmas(lower)
    if lemmas.get("NOUN") != (lower,) or "ADJ" in lemmas or "ADV" in lemmas:
        return
    plurals = _noun_plurals(lower)
    if lower in _UNCOUNTABLE or not plurals:
        return
    if lower in plurals:  # lemminflect allows both: "dog" / "dogs", and "information"
        others = [p for p in plurals if p != lower]
        if not others or word_counts is None or (
                word_counts.get(others[0], 0) < COUNTABLE_SHARE * word_counts.get(lower, 1)):
            return  # uncountable or unchanged: information, sheep, water, fish
        plurals = tuple(others)
    subject = linked and _plural_subject_verb(text, tokens, lowers, k, before)
    if subject and "ADJ" in getAllLemmas(lowers[k + 1]) and k + 2 < len(lowers) and "NOUN" in getAllLemmas(lowers[k + 2]):
        subject = False  # "many report lower stress levels": an adjective and its noun, not a verb and its object
    if linked and "NOUN" in getAllLemmas(lowers[k + 1]) and lowers[k + 1] not in _ADVERBIAL_NOUNS \
            and not subject:
        return  # a noun phrase goes on: "many school buses"
    if "VERB" in lemmas and not (subject and lower not in _CATENATIVE):
        # It may be the verb of a count word used as a pronoun ("many stay at home", "four
        # score and seven"): only a count word that is plainly a determiner counts here.
        before_lemmas = getAllLemmas(before) if before else {}
        verb_before = ("VERB" in before_lemmas and "NOUN" not in before_lemmas) or (
            not before_lemmas and before.endswith("ed"))  # a misspelt past verb: "buyed two book"
        verb_after = linked and lowers[k + 1] in _FINITE_AFTER
        if before not in _BEFORE_A_DETERMINER and not verb_before and not verb_after:
            return  # after a verb ("bought two book") or before one ("those book are") it is a determiner
        if linked and lowers[k + 1] not in _AFTER_A_NOUN | _ADVERBIAL_NOUNS:
            return
    errors.append(TextError(start, end - start, "grammar", "EN_NOUN_NUMBER",
                            f"After “{count or lowers[k - 1]}” the noun is plural: “{plurals[0]}”.", (plurals[0],)))


# Verbs that take a plain verb after them: "these help explain", "few dare go".
_CATENATIVE = frozenset("help let make dare need go come try".split())


def _plural_subject_verb(text: str, tokens, lowers: list[str], k: int, before: str) -> bool:
    """Whether the word after noun k is the plain verb of a clause the count phrase opens:
    "Many student play football", "Two boy sing." (not "many school play areas")."""
    if before and before not in _CLAUSE_OPENERS:
        return False
    gap = text[tokens[k - 2][1] if k >= 2 else 0:tokens[k - 1][0]].strip()
    if not before and gap and gap[-1] not in ".!?;:,\"'(“‘\n":
        return False  # "many-to-many context produce"
    after = lowers[k + 1]
    if getAllLemmas(after).get("VERB") != (after,) or after in _NOT_VERBS:
        return False
    if k + 2 < len(tokens) and _adjacent(text, tokens[k + 1][1], tokens[k + 2][0]):
        following = getAllLemmas(lowers[k + 2]).get("NOUN")
        if following and following != (lowers[k + 2],):
            return False  # a plural noun goes on: "many family run businesses"
    return True


_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                 "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred")
# "a twelve year old boy", "an 18 years old girl": an age before a noun (or standing for one) is
# one hyphenated adjective with a singular unit (not "he is twelve years old").
_AGE_RE = re.compile(
    rf"\b[Aa]n? ((?:(?:{_NUMBER_WORDS})(?:[- ](?:{_NUMBER_WORDS}))?|[1-9][0-9]{{0,2}})"
    r"[- ](year|month|week|day)s?[- ]old)\b", re.IGNORECASE)


def _hyphenated_ages(text: str, errors: list[TextError]) -> None:
    for match in _AGE_RE.finditer(text):
        phrase = match.group(1)
        number = re.sub(r"[- ]+", "-", phrase[:phrase.lower().rfind(match.group(2).lower())].strip(" -"))
        fixed = f"{number}-{match.group(2)}-old"
        if fixed == phrase:
            continue
        errors.append(TextError(match.start(1), len(phrase), "punctuation", "EN_HYPHENATED_AGE",
                                f"An age before a noun is one word with hyphens and a singular unit: “{fixed}”.",
                                (fixed,)))


# A number in digits before a word: "I have 2 book", "3 apple" (not "page 2 line", "a 5 year old").
_DIGITS_RE = re.compile(r"(?<![\w.,:/+\-])([2-9]|[1-9][0-9]{1,2})(?= {1,2}[a-z])")
# Before a number, these make it a label or part of a compound adjective ("a 5 year old boy").
_NOT_BEFORE_DIGITS = frozenset("""a an the every per page pages chapter grade room number no class unit lesson
at by step level part section bus line platform gate track""".split())
_MEASURE_ADJECTIVES = frozenset("old long high tall wide deep thick heavy".split())
_ANY_DIGIT_RE = re.compile(r"\d")


def _digit_counts(text: str, tokens, lowers: list[str], word_counts: Mapping[str, int] | None,
                  errors: list[TextError]) -> None:
    if not _ANY_DIGIT_RE.search(text):
        return
    starts = {s: k for k, (s, _e, _w) in enumerate(tokens)}
    for match in _DIGITS_RE.finditer(text):
        k = starts.get(match.end() + len(text[match.end():]) - len(text[match.end():].lstrip(" ")))
        if k is None:
            continue
        before_k = k - 1 if k > 0 and tokens[k - 1][1] <= match.start() else -1
        before = ""
        if before_k >= 0 and _adjacent(text, tokens[before_k][1], match.start()):
            before = lowers[before_k]
            if before in _NOT_BEFORE_DIGITS or not tokens[before_k][2].islower():
                continue  # "Room 3 door", "a 5 year old boy"
            lemmas = getAllLemmas(before)
            if before not in _BEFORE_A_DETERMINER | {"and", "or"} and not before.endswith("ed") and (
                    "VERB" not in lemmas or "NOUN" in lemmas):
                continue  # after a noun the number is a label: "base 10 logarithm"
        after = text[tokens[k][1]:tokens[k][1] + 1]
        if (after and after in "-/_") or (k + 1 < len(tokens) and lowers[k + 1] in _MEASURE_ADJECTIVES):
            continue
        linked = k + 1 < len(tokens) and _adjacent(text, tokens[k][1], tokens[k + 1][0])
        _noun_number(text, tokens, lowers, k, linked, before or "of", word_counts, errors, count=match.group(1))


# Regular -s forms of nouns with an irregular plural that are words of their own (mostly verbs: "he
# mans the desk"), and so no misspellings: wrong after a count word ("many mouses").
_IRREGULAR_PLURALS = {"mouses": ("mice", "mouse"), "foots": ("feet", "foot"), "mans": ("men", "man"),
                      "womans": ("women", "woman"), "knifes": ("knives", "knife"), "leafs": ("leaves", "leaf"),
                      "wolfs": ("wolves", "wolf"), "gooses": ("geese", "goose"), "tooths": ("teeth", "tooth"),
                      "sheeps": ("sheep", "sheep"), "deers": ("deer", "deer"), "fishs": ("fish", "fish"),
                      "halfs": ("halves", "half"), "shelfs": ("shelves", "shelf"), "thiefs": ("thieves", "thief")}
_ADJECTIVE_BEFORE_PLURAL = frozenset("big small little beautiful old young long short white black brown grey gray "
                                     "sharp cold wild tiny huge".split())
_UNCOUNTABLE_PLURALS = frozenset("""informations advices knowledges equipments luggages baggages sceneries
musics homeworks furnitures""".split())


# A plural at least this common, against the singular, makes a noun countable ("days": 0.68;
# "waters": 0.07, "fishes": 0.04, "informations": 0).
COUNTABLE_SHARE = 0.15
# Countable in dictionaries, but in learners' "many work" the uncountable sense.
_UNCOUNTABLE = frozenset("""work fun luck progress research stuff other another more less such same million billion
thousand hundred dozen percent score kind sort type lot""".split())
_FINITE_AFTER = frozenset("are were have had can could will would should must".split())
_ADVERBIAL_NOUNS = frozenset("yesterday today tomorrow tonight home ago instead".split())
# What follows a noun that ends its phrase, and never a verb's object ("many tree in the park").
_AFTER_A_NOUN = frozenset("""in on at of for with from near under behind and or but are were have had will
can could would should must that which who grow grew live lived stand stood""".split())


@lru_cache(maxsize=20_000)
def _noun_plurals(noun: str) -> tuple[str, ...]:
    return tuple(getAllInflections(noun, upos="NOUN").get("NNS", ()))


# A subject's finite verb: what follows the noun in "there parents are", "they're lives can".
_FINITE = frozenset("""
is are was were has have had can cannot can't could couldn't will won't would wouldn't should shouldn't
must may might do does did don't doesn't didn't isn't aren't wasn't weren't hasn't haven't
""".split())
# Nouns that are also pronouns or quantities ("there everyone was", "there two were").
_NOT_POSSESSED = frozenset("""
i you he she it we they me him us them
everyone everybody everything someone somebody something anyone anybody anything nobody nothing
none one ones all both each some many much most few lot lots time times today tonight tomorrow yesterday
""".split())
_CLAUSE_OPENERS = frozenset("and but so because when if then now".split())
# Words after which a clause's subject comes ("worry that their parents expect").
_SUBJECT_BEFORE = frozenset("""
that because if since so although though think thinks thought believe believes believed know knows knew
say says said feel feels felt hope hopes hoped worry worries worried sure
""".split())


def _there_their(text: str, tokens, lowers, i: int, errors: list[TextError]) -> None:
    lower, nxt = lowers[i], lowers[i + 1]
    start, end, word = tokens[i]
    after = lowers[i + 2] if i + 2 < len(lowers) and _adjacent(text, tokens[i + 1][1], tokens[i + 2][0]) else ""
    prev = lowers[i - 1] if i > 0 and _adjacent(text, tokens[i - 1][1], start) else ""
    fix, rule = "", "EN_THERE_THEIR"
    if lower in ("their", "they're") and nxt in ("is", "are", "was", "were", "isn't", "aren't", "wasn't"):
        fix = "there"
    elif lower == "there" and nxt in ("own",):
        fix = "their"
    elif lower in ("there", "their") and nxt == "going" and after == "to":
        if prev not in ("is", "was", "are", "were", "be"):
            fix = "they're"
    elif lower == "they're" and after in _FINITE and _possessed_noun(nxt):
        fix = "their"  # "they're lives are": a noun and its verb after "they're"
    elif lower == "there" and after and _possessed_noun(nxt) and (after in _FINITE or _finite_verb(after)):
        # "there parents are", "that there parents expect": a noun and its verb, so "there" owns
        # the noun, where a subject is due: at a clause start, after "that" or a verb of thinking
        # or saying. Elsewhere "there" may be a place ("when we arrived there people were").
        if prev in _SUBJECT_BEFORE or (not prev and _clause_start(text, tokens, lowers, i)):
            fix = "their"
    elif lower == "there" and prev in _POSSESSIVE_AFTER and _possessed_noun(nxt) and nxt not in _PLACE_AFTER_THERE \
            and not (after and (after in _FINITE or (_finite_verb(after) and "NOUN" not in getAllLemmas(after)))):
        fix = "their"  # "on there phones", "with there friends" (not "from there people walk")
    elif lower == "they" and (prev in _POSSESSIVE_AFTER or prev in ("in", "from")) and (
            _plain_noun(nxt) or _possessed_noun(nxt) and prev != "for"):  # ("for they say": because)
        fix = "their"  # "good for they health", "gave it to they mother": a preposition, an owner, its noun
    elif lower == "there" and prev in _OWNING_VERBS and _possessed_noun(nxt) and (
            not after or after in _POSSESSIVE_AFTER or after in ("and", "in", "at", "from")):
        fix = "their"  # "they forgot there books", "I like there house"
    elif lower == "there" and _present_participle(nxt) and _clause_start(text, tokens, lowers, i):
        # "There planning to visit us": a clause cannot open with "there" and a bare -ing verb.
        fix = "they're"
    if fix:
        fix = match_case(word, fix)
        errors.append(TextError(start, end - start, "grammar", rule,
                                f"Use “{fix}” here, not “{word}”.", (fix,)))


# Prepositions after which "there" + a noun is "their" + a noun ("on there phones"); not in, from,
# up, out, over, down, near, which take "there" as a place ("in there", "from there").
_POSSESSIVE_AFTER = frozenset("on with for of about into at by to".split())
# Verbs whose object "there" + a noun is: "there" as a place would come after the noun ("they
# forgot their books", not "they forgot there books"); not go, live, see, find, leave, put ….
_OWNING_VERBS = frozenset("""like likes liked love loves loved hate hated forgot forget forgets lost lose loses took
take takes brought bring brings did do does finished finish cleaned clean cleans sold sell sells made make makes
washed wash packed pack miss missed missing visit visited visiting help helped helps ate eat eats wore wear wears
bought buy buys showed show shows told tell tells""".split())
# Words after "there" that keep it a place ("by there yesterday", "to there alone").
_PLACE_AFTER_THERE = frozenset("alone together first last before after again instead".split())


@lru_cache(maxsize=20_000)
def _plain_noun(word: str) -> bool:
    """A word that is only a noun ("hair", "eyes", "hobby"), not a pronoun, verb or adjective."""
    lemmas = getAllLemmas(word)
    return (set(lemmas) == {"NOUN"} and word not in _NOT_POSSESSED and word not in _NOT_VERBS
            and word not in ("self", "today", "tonight", "yesterday", "tomorrow", "himself", "herself", "itself",
                             "alone", "too", "also"))


@lru_cache(maxsize=20_000)
def _third_or_past(word: str) -> bool:
    """An -s or past form of a lexical verb ("works", "cooked"), not its base form."""
    lemma = _verb_lemma(word) if word not in _NOT_VERBS else ""
    return bool(lemma) and lemma != word and any(word in _inflections(lemma).get(tag, ()) for tag in ("VBZ", "VBD"))


@lru_cache(maxsize=20_000)
def _possessed_noun(word: str) -> bool:
    """A common noun that can follow "their" ("parents", "lives", "actions")."""
    if word in _NOT_POSSESSED or word in _FINITE or word in _NOT_VERBS or "'" in word:
        return False
    lemmas = getAllLemmas(word)
    return "NOUN" in lemmas and not lemmas.keys() & {"ADV", "PRON", "DET", "NUM", "AUX", "ADP"}


@lru_cache(maxsize=20_000)
def _finite_verb(word: str) -> bool:
    """A present or past form of a lexical verb ("expect", "works", "lived")."""
    if word in _NOT_VERBS or word in _MODALS:
        return False
    lemma = _verb_lemma(word)
    forms = _inflections(lemma) if lemma else {}
    return any(word in forms.get(tag, ()) for tag in ("VBP", "VBZ", "VBD")) or (lemma == word and bool(forms))


@lru_cache(maxsize=20_000)
def _present_participle(word: str) -> bool:
    if not word.endswith("ing") or word == "being":
        return False
    lemma = _verb_lemma(word)
    return bool(lemma) and word in _inflections(lemma).get("VBG", ())


_WE_AS_A_WORD = frozenset("the a royal inclusive exclusive editorial word pronoun this".split())


# Everyday verbs that are nouns too: after he/she/it they are the verb ("She play games", "He wear
# glasses"), not a noun after a misspelt possessive ("He father works" -> "His father").
_EVERYDAY_VERBS = frozenset("""play wear need like love help work study cook walk run swim dance talk visit watch use
want drink look shop dream plan travel ride drive call answer start finish hope care change clean paint read sleep
make take give buy sell write sing draw jump climb fish dress laugh cry kiss hug wish worry rest stay wait show
smell taste touch fly fight win lose practice practise exercise miss guess""".split())
_PERSONAL_WORDS = frozenset("i me you he him she her it we us they them".split())


def _plain_subject(text: str, tokens, lowers, i: int) -> bool:
    """he/she at ``i`` opens a clause of its own with nothing that could make the next word a
    subjunctive or a shared verb: not after and/or ("my brother and he clean"), not after "that"
    in the sentence ("advised that she warm"), not after a modal ("she can cook and he clean")."""
    if not _clause_start(text, tokens, lowers, i):
        return False
    if i and lowers[i - 1] in ("and", "or", "nor") and (
            i < 2 or lowers[i - 2] in _PERSONAL_WORDS or tokens[i - 2][2][:1].isupper()
            or "NOUN" in (readings := getAllLemmas(lowers[i - 2])) and "ADJ" not in readings):
        return False  # "my brother and he clean"; not "she is 14 years old and she live in"
    k = i - 1
    while k >= 0 and not any(mark in text[tokens[k][1]:tokens[k + 1][0]] for mark in ".!?;\n"):
        if lowers[k] == "that" or lowers[k] in _MODALS:
            return False
        k -= 1
    return True


def _clause_start(text: str, tokens, lowers, i: int) -> bool:
    """Token ``i`` opens a sentence or a clause (after . ! ? ; or a comma, or and/but/so...)."""
    if i == 0:
        return not text[:tokens[0][0]].strip(" \t\n\"'“‘(")
    gap = text[tokens[i - 1][1]:tokens[i][0]]
    return any(mark in gap for mark in ".!?;,") or (gap.isspace() and lowers[i - 1] in _CLAUSE_OPENERS)


def _then_than(text: str, tokens, lowers, i: int, errors: list[TextError]) -> None:
    lower, nxt = lowers[i], lowers[i + 1]
    start, end, word = tokens[i + 1]
    if nxt == "then" and lower not in ("later", "earlier", "sooner", "since", "and", "until", "till"):
        after = lowers[i + 2] if i + 2 < len(lowers) and _adjacent(text, tokens[i + 1][1], tokens[i + 2][0]) else ""
        if not after or after in ("and", "but", "than", "so", "because", "when", "too"):
            return  # "he was taller then.", "I was younger then and": then, at that time
        before = lowers[i - 1] if i > 0 else ""
        if _comparative(lower) or (before in ("more", "less") and getAllLemmas(lower).keys() & {"ADJ", "ADV"}):
            errors.append(TextError(start, end - start, "grammar", "EN_THEN_THAN",
                                    f"Use “than” after the comparative “{' '.join(lowers[i - 1:i + 1]) if before in ('more', 'less') else tokens[i][2]}”.",
                                    (match_case(word, "than"),)))
    elif nxt == "than" and lower in ("since", "until", "till", "and", "just", "by"):
        window = lowers[max(0, i - 4):i]
        if lower == "and" and any(_comparative(w) for w in window):
            return
        errors.append(TextError(start, end - start, "grammar", "EN_THEN_THAN",
                                f"Use “then” (time) after “{tokens[i][2]}”, not “than”.",
                                (match_case(word, "then"),)))

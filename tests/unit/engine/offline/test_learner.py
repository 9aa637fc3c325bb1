"""Common learner patterns (services/correction/engine/offline/learner.py)."""

import pytest

from services.correction.engine.offline.learner import learner_errors


def _found(text):
    return [(text[e.offset:e.offset + e.length], e.rule_id, e.replacements[:1]) for e in learner_errors(text)]


@pytest.mark.parametrize("text,wrong,rule,fix", [
    ("Although it was raining, but we still went out.", "but we", "EN_CONJUNCTION_PAIR", "we"),
    ("Because I was tired, so I went to bed early.", "so I", "EN_CONJUNCTION_PAIR", "I"),
    ("I was ill. Though he was rich, but Tom was sad.", "but Tom", "EN_CONJUNCTION_PAIR", "Tom"),
    ("I look forward to see you soon.", "see", "EN_GERUND_AFTER", "seeing"),
    ("I got used to live here.", "live", "EN_GERUND_AFTER", "living"),
    ("She enjoys to swim in summer.", "to swim", "EN_GERUND_AFTER", "swimming"),
    ("Avoid to use this option.", "to use", "EN_GERUND_AFTER", "using"),
    ("Have you finished to read it?", "to read", "EN_GERUND_AFTER", "reading"),
    ("My mother let me to do my homework.", "to do", "EN_BARE_INFINITIVE", "do"),
    ("The film made her to cry.", "to cry", "EN_BARE_INFINITIVE", "cry"),
    ("I want to became a doctor in the future.", "became", "EN_TO_PAST_FORM", "become"),
    ("We decided to went home.", "went", "EN_TO_PAST_FORM", "go"),
    ("I spend two hours to do my homework every day.", "to do", "EN_SPEND_TIME", "doing"),
    ("She spent a lot of time to practise the piano.", "to practise", "EN_SPEND_TIME", "practising"),
    ("I am interesting in music.", "interesting", "EN_INTERESTED_IN", "interested"),
    ("They are very interesting in science.", "interesting", "EN_INTERESTED_IN", "interested"),
    ("I very like English.", "very", "EN_VERY_VERB", "really"),
    ("I am very like reading books.", "am very like", "EN_VERY_VERB", "really like"),
    ("She is very like singing songs.", "is very like", "EN_VERY_VERB", "really likes"),
    ("It is a useful advice for everyone.", "a useful advice", "EN_UNCOUNTABLE_A", "useful advice"),
    ("She gave me an advice.", "an advice", "EN_UNCOUNTABLE_A", "advice"),
    ("A news came.", "A news", "EN_UNCOUNTABLE_A", "News"),
    ("She is good in English.", "in", "EN_GOOD_AT", "at"),
    ("I like play basketball after school.", "play", "EN_GERUND_AFTER", "playing"),
    ("She likes go shopping with her mother.", "go", "EN_GERUND_AFTER", "going"),
    ("She is one of my best friend.", "friend", "EN_NOUN_NUMBER", "friends"),
    ("He is one of the best student in our class.", "student", "EN_NOUN_NUMBER", "students"),
    ("He is bad in maths.", "in", "EN_GOOD_AT", "at"),
])
def test_learner_patterns(text, wrong, rule, fix):
    assert _found(text) == [(wrong, rule, (fix,))]


@pytest.mark.parametrize("text", [
    # one conjunction, or a "so" that is an adverb
    "Although it was raining, we went out. Because I was tired, I slept. I was tired, so I slept.",
    "Because I was so tired, so tired. He stayed, because it rained, but she left.",
    # the infinitive after verbs that take one; passives; "to" as a preposition
    "He is considered to be the best. He quit to join another team. The knife is used to cut bread.",
    "I used to live here. I want to go. She was made to wait. I look forward to it. We got used to it.",
    "They let me go. She made me laugh. Let me know. It made it to the final.",
    "I went to school. We listened to music. I want to become a doctor. He had to go.",
    "I spent two hours on my homework. She spends her money to help others.",
    # interesting things; "very" before an adjective or "like" as a preposition
    "The book is interesting in many ways. It is interesting in that it is short. I am interested in art.",
    "You are very like your mother. He is very kind. I like it very much. I really like it.",
    # uncountable nouns as modifiers; "a piece of"
    "It was a piece of advice. He has a homework assignment. It is an information desk. A news story broke.",
    "I need some advice. The news is good. She did her homework.",
    "He is good at English. She is good in bed rest. It is the best in China.",
    # like + a noun; one of + a plural, a possessive, a name or a dotted identifier
    "I like fish and chips. I like cake very much. They like music. We like it a lot.",
    "One of my friends is ill. She is one of the people who help. It was one of my friend's books.",
    "It matches one of the user.committer values. Use one of the GNOME, Qt or GTK flavors.",
])
def test_no_false_alarms(text):
    assert _found(text) == []


def test_nothing_to_check_costs_nothing():
    assert learner_errors("") == []
    assert learner_errors("A plain sentence with nothing in it.") == []

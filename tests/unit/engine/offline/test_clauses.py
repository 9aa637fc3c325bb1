"""The clause rules (noun subjects, past-time phrases, its/it's, your/you're) on their own."""

import pytest

from services.correction.engine.offline.grammar import grammar_errors


def _found(text, rule=None):
    return [(text[e.offset:e.offset + e.length], e.rule_id, e.replacements) for e in grammar_errors(text)
            if rule is None or e.rule_id == rule]


@pytest.mark.parametrize("text,wrong,fix", [
    ("My mother work in a small shop.", "work", "works"),
    ("My parents supports my dream.", "supports", "support"),
    ("The students was asked to choose.", "was", "were"),
    ("Many international companies needs people.", "needs", "need"),
    ("In my family, everyone have a job.", "have", "has"),
    ("Soon everyone in the town believe it.", "believe", "believes"),
    ('The sign said "Closed", and nobody in the queue want to wait.', "want", "wants"),  # after a quotation
    ("Factories and cars produces smoke.", "produces", "produce"),
    ("When all students wears the same clothes, nobody minds.", "wears", "wear"),
    ("The books on the table is mine.", "is", "are"),
    ("The volunteers is always welcome.", "is", "are"),
    ("Students needs more sleep.", "needs", "need"),
    ("My brother play football every weekend.", "play", "plays"),  # a verb that is also a noun
    ("My sister want to be a doctor.", "want", "wants"),
    ("The teacher say that we must work hard.", "say", "says"),
])
def test_noun_subject_agreement(text, wrong, fix):
    assert _found(text, "EN_SVA_NOUN_SUBJECT") == [(wrong, "EN_SVA_NOUN_SUBJECT", (fix,))]


@pytest.mark.parametrize("text,wrong,fix", [
    ("Yesterday I write a card.", "write", "wrote"),
    ("Last week I find the photos.", "find", "found"),
    ("Last weekend we climb a hill.", "climb", "climbed"),
    ("The next day we go to the Great Wall.", "go", "went"),
    ("That morning my parents give me a bike.", "give", "gave"),
    ("Two days ago she is ill.", "is", "was"),
])
def test_past_tense_after_past_time_phrases(text, wrong, fix):
    assert _found(text, "EN_PAST_TENSE") == [(wrong, "EN_PAST_TENSE", (fix,))]


@pytest.mark.parametrize("text,wrong,fix,rule", [
    ("A school is not just a building; its a place to learn.", "its", "it's", "EN_ITS_ITS"),
    ("The festival is old, but its still popular.", "its", "it's", "EN_ITS_ITS"),
    ("Technology has it's problems.", "it's", "its", "EN_ITS_ITS"),
    ("The town is famous for it's bridge.", "it's", "its", "EN_ITS_ITS"),
    ("Remember that your the master of your phone.", "your", "you're", "EN_YOUR_YOURE"),
    ("If your tired, go to bed.", "your", "you're", "EN_YOUR_YOURE"),
    ("Put down you're phone.", "you're", "your", "EN_YOUR_YOURE"),
    ("Study hard, and you're grades will rise.", "you're", "your", "EN_YOUR_YOURE"),
])
def test_its_and_your(text, wrong, fix, rule):
    assert _found(text, rule) == [(wrong, rule, (fix,))]


@pytest.mark.parametrize("text", [
    "The bus stop is near our school. The police are here. The news is good.",
    "My best friend lives here. The students work hard. These books are mine. Her work is hard.",
    "Reading books is fun. Cats and dogs are friends. Tom and Jerry play games.",
    "The colour of the leaves is red. A friend of my parents is here. My parents both work.",
    "Two weeks ago our history class visited the museum. Last year we went to Beijing.",
    "Yesterday was cold. Last week I was ill, and yesterday I could not go out.",
    "Your free time is important. Your right hand hurts. Its important role is clear.",
    "The dog wagged its tail. It's raining. You're welcome. Your book is on the desk.",
    "The story keeps me guessing until the last page. Some people think it is too long.",
    "My family are all at home. The team has won. Every child needs love.",
    "I think that students should read more. Everyone knows the answer.",
    # A noun after an ordinal, an adjective or another noun is the head, not a verb.
    "The first time I visited Beijing, I was excited. The first line of the poem is sad.",
    "The old man lived alone. The school bus stop is near. The school bus driver is kind.",
    "An abstract base class for shapes. A helper function to choose a name.",
    "The above copyright notice and this permission notice shall be included.",
    # A plural form naming one thing, an amount.
    "The United States is large. The United Nations was founded in 1945.",
    "Ten dollars is enough. 20 minutes is a long time.",
])
def test_no_false_alarms(text):
    assert _found(text) == []

"""Word choices carried over from Chinese, and "How to …?" questions (offline/collocations.py)."""

import pytest

from services.correction.engine import load_engine
from services.correction.engine.offline.collocations import collocation_errors


def _fixed(text: str) -> str:
    errors = collocation_errors(text)
    for error in sorted(errors, key=lambda e: -e.offset):
        text = text[:error.offset] + error.replacements[0] + text[error.offset + error.length:]
    return text


@pytest.mark.parametrize("text,fixed", [
    ("I opened the light and started to read.", "I turned on the light and started to read."),
    ("Please close the TV when you leave.", "Please turn off the TV when you leave."),
    ("Open the computer and play.", "Turn on the computer and play."),
    ("He often plays computer after school.", "He often plays computer games after school."),
    ("We learn a lot of knowledge at school.", "We gain a lot of knowledge at school."),
    ("She ate some medicine and went to bed.", "She took some medicine and went to bed."),
    ("I made my homework last night.", "I did my homework last night."),
    ("Could you borrow me your pen?", "Could you lend me your pen?"),
    ("I like listening music very much.", "I like listening to music very much."),
    ("Listen the teacher carefully.", "Listen to the teacher carefully."),
    ("My grandpa sees TV every evening.", "My grandpa watches TV every evening."),
    ("After school I went to home.", "After school I went home."),
    ("We went back to there by bus.", "We went back there by bus."),
    ("I have been to there twice.", "I have been there twice."),
    ("He married with her in 2010.", "He married her in 2010."),
    ("He got married with her last year.", "He got married to her last year."),
    ("She was married with him for ten years.", "She was married to him for ten years."),
    ("He suggested me to go home.", "He suggested that I go home."),
    ("I hope you to come.", "I hope you will come."),
    ("She hoped him to win.", "She hoped he would win."),
    ("She arrived to the airport late.", "She arrived at the airport late."),
    ("I was born in 2008 year.", "I was born in 2008."),
    ("How do you think of it?", "What do you think of it?"),
    ("I can't wait seeing you.", "I can't wait to see you."),
    ("I like playing the basketball.", "I like playing basketball."),
    ("The teacher entered into the classroom.", "The teacher entered the classroom."),
    ("We discussed about the problem.", "We discussed the problem."),
    ("Despite of the rain, we went out.", "Despite the rain, we went out."),
    ("The teacher emphasized on the importance of reading.", "The teacher emphasized the importance of reading."),
    ("Many students lack of sleep.", "Many students lack sleep."),
    ("We returned back to the hotel.", "We returned to the hotel."),
    ("It is cheap. In the other hand, it breaks easily.", "It is cheap. On the other hand, it breaks easily."),
    ("According to me, it is wrong.", "In my opinion, it is wrong."),
    ("In my point of view, we should help.", "From my point of view, we should help."),
    ("I read English everyday.", "I read English every day."),
    ("Everyday I get up at six.", "Every day I get up at six."),
    ("The reason is because I was ill.", "The reason is that I was ill."),
    ("The reason I was late is because the bus broke down.", "The reason I was late is that the bus broke down."),
    ("The main reason why students like it is because it is fun.",
     "The main reason why students like it is that it is fun."),
    ("She said me that she was tired.", "She told me that she was tired."),
    ("He explained me how to do it.", "He explained to me how to do it."),
    ("We must act. How to protect the earth? First, plant trees.",
     "We must act. How can we protect the earth? First, plant trees."),
])
def test_word_choice_is_fixed(text, fixed):
    assert _fixed(text) == fixed


@pytest.mark.parametrize("text", [
    "I opened the window and the door.",
    "She opened the light box.",
    "He closed the computer case.",
    "They opened the TV series with a song.",
    "The app makes homework fun.",
    "It made homework easier for us.",
    "I play computer games.",
    "I borrowed a book from her.",
    "I borrowed them from the library.",
    "She is married with two children.",
    "They married with her parents' blessing.", "He was married with a baby on the way.",
    "I have been to Beijing.", "The road from here to there has been to the council twice.",
    "I suggested them to the committee.", "She suggested that I go.", "He suggested going home.",
    "I hope you can come.", "We arrived to find the door locked.", "In 2008 year-end results were good.",
    "It has a history of 2000 years.", "In 2000 years the city grew.", "How do you think he did it?",
    "How do you feel about it?", "I can't wait anything.", "He plays the piano.",
    "We played the football match on Sunday.",
    "Listen to me.",
    "Listen carefully, children.",
    "I saw it on TV.",
    "I see TV as a waste of time.",
    "She went home early.",
    "Click the link to go to home page settings.",
    "Move it from there back to here.",
    "We discussed the problem.",
    "In spite of the rain, we went out.",
    "There is an emphasis on reading.",
    "There is a lack of water.",
    "She returned the book.",
    "I had a cup in one hand and a pen in the other hand, so I could not wave.",
    "According to my teacher, we should read more.",
    "From my point of view, it is wrong.",
    "Everyday life is busy.",
    "This is our everyday English.",
    "It is a break from the everyday.",
    "in everyday\nprogramming",
    "The reason is that I was ill.",
    "She told me that she was tired.",
    "He explained to me how to do it.",
    "I can explain them.",
    "I don't know how to do it.",
    "How to Learn English Well?\nEnglish is hard, but I like it.",
    "He entered into an agreement with the school.",
    # a false-alarm review: right beside the phrases
    "She held a lamp in one hand. In the other hand, she held a candle.",
    "Please listen this time.", "We listened the whole time.", "I listened a lot.",
    "We discussed about twenty questions.", "I play computer and video games.", "I play computer, board and card games.",
    "She closed the computer and put it in her bag.", "He opened the computer to replace the hard drive.",
    "Students learn that knowledge is power.", "She learns knowledge-based skills.", "The dog ate my pills.",
    "He ate the tablets by mistake.", "The school made homework rules stricter.", "Can you explain them when you are free?",
    "She emphasised on Monday that rules matter.", "As emphasized on page five, we must wait.",
    "It was emphasized on the first day.", "We went to home economics class.", "We walked to Home Street.",
    "He saw television for the first time in 1960.", "They entered into the school's partnership program.",
    "1. How to save water at home?\nTurn off the tap.", "It is part of their everyday.", "The reason is because of the traffic.",
    "The reason I asked is that it was because of you.", "For this reason it is because of the rain.",
    "For that reason the game was cancelled because of rain.",
    "The reason is unclear but I think it is because the river flooded.",
    "Another reason we won was luck and I think it was because the other team was tired.",
])
def test_right_use_is_left_alone(text):
    assert collocation_errors(text) == []


def test_the_engine_reports_them_with_a_tip():
    engine = load_engine("offline")
    result = engine.correct("I opened the light. Then I made my homework and listened music everyday.", "", "8")
    assert result.corrected_text == "I turned on the light. Then I did my homework and listened to music every day."
    assert {e.rule_id for e in result.errors} == {"EN_COLLOCATION"}
    assert all(0 < e.confidence < 1 for e in result.errors)
    assert any("turn on the light" in s for s in result.improvement_suggestions)


@pytest.mark.parametrize("text,fixed", [
    ("My grandfather always eat medicine.", "My grandfather always takes medicine."),
    ("She always listen music.", "She always listens to music."),
    ("Yesterday I eat medicine.", "Yesterday I took medicine."),
])
def test_a_verb_wrong_in_word_and_form_gets_one_fix_for_both(text, fixed):
    assert load_engine("offline").correct(text, "", "8").corrected_text == fixed

"""Common learner patterns (services/correction/engine/offline/learner.py)."""

import pytest

from services.correction.engine.offline.collocations import collocation_errors
from services.correction.engine.offline.grammar import grammar_errors
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


@pytest.mark.parametrize("text,wrong,rule,fix", [
    # a preposition + a plain verb
    ("I am good at swim.", "swim", "EN_PREPOSITION_GERUND", "swimming"),
    ("He is good at play basketball.", "play", "EN_PREPOSITION_GERUND", "playing"),
    ("Thank you for help me with my English.", "help", "EN_PREPOSITION_GERUND", "helping"),
    ("Before go to bed, I brush my teeth.", "go", "EN_PREPOSITION_GERUND", "going"),
    ("After finish my homework, I watch TV.", "finish", "EN_PREPOSITION_GERUND", "finishing"),
    ("He left without say goodbye.", "say", "EN_PREPOSITION_GERUND", "saying"),
    ("How about go to the park?", "go", "EN_PREPOSITION_GERUND", "going"),
    ("Before cross the road, look both ways.", "cross", "EN_PREPOSITION_GERUND", "crossing"),
    ("He is excited about go to Beijing.", "go", "EN_PREPOSITION_GERUND", "going"),
    # -ing for the cause of a feeling, -ed for the one who has it
    ("I was very exciting when I heard the news.", "exciting", "EN_FEELING_ADJECTIVE", "excited"),
    ("I felt very boring at home.", "boring", "EN_FEELING_ADJECTIVE", "bored"),
    ("I'm so exciting!", "exciting", "EN_FEELING_ADJECTIVE", "excited"),
    ("She was tiring after the long walk.", "tiring", "EN_FEELING_ADJECTIVE", "tired"),
    ("The film was very bored.", "bored", "EN_FEELING_ADJECTIVE", "boring"),
    ("The story is very interested.", "interested", "EN_FEELING_ADJECTIVE", "interesting"),
    # a verb + a plain verb
    ("I want go to Beijing.", "go", "EN_VERB_PATTERN", "to go"),
    ("I want go again.", "go", "EN_VERB_PATTERN", "to go"),
    ("We want go shopping.", "go", "EN_VERB_PATTERN", "to go"),
    ("She wants buy a new dress.", "buy", "EN_VERB_PATTERN", "to buy"),
    ("I need finish my homework first.", "finish", "EN_VERB_PATTERN", "to finish"),
    ("Let's to go to the park.", "to go", "EN_VERB_PATTERN", "go"),
    ("My hobby is read books.", "read", "EN_VERB_PATTERN", "reading"),
    ("My dream is become a doctor.", "become", "EN_VERB_PATTERN", "to become"),
    ("I am busy do my homework.", "do", "EN_VERB_PATTERN", "doing"),
    ("I am used to get up early now.", "get", "EN_VERB_PATTERN", "getting"),
    ("I spent two hours do my homework.", "do", "EN_VERB_PATTERN", "doing"),
    # "be" + a plain verb, and no "be" at all
    ("She is study in the library.", "study", "EN_BE_VERB", "studying"),
    ("She is cook dinner now.", "cook", "EN_BE_VERB", "cooking"),
    ("I am agree with you.", " am agree", "EN_BE_VERB", " agree"),
    ("He is often play football after school.", " is often play", "EN_BE_VERB", " often plays"),
    ("I very happy today.", "very", "EN_BE_VERB", "am very"),
    # an -ing or "to" phrase as the subject
    ("Playing computer games are bad for our eyes.", "are", "EN_SVA_NOUN_SUBJECT", "is"),
    ("Reading books make me happy.", "make", "EN_SVA_NOUN_SUBJECT", "makes"),
    ("To learn English are important.", "are", "EN_SVA_NOUN_SUBJECT", "is"),
])
def test_more_learner_patterns(text, wrong, rule, fix):
    assert _found(text) == [(wrong, rule, (fix,))]


@pytest.mark.parametrize("text", [
    "After school we played football. Before long the rain stopped. After dinner my mum washes the dishes.",
    "I am good at it. Thank you for your help. She is interested in dance. Without help from friends we fail.",
    "After that we went home. Before dinner I did my homework. I am good at English and interested in art.",
    "I felt excited. We were amazing! He is boring. They are interesting people. The film was interesting.",
    "The book was written by him. I was relaxing at the beach. I am relaxing my muscles. I was worrying about it.",
    "She was boring when she talked about cars. My brother is boring; he only talks about cars.",
    "I want help. I need help with maths. I want love. She is like her mother. You are welcome.",
    "I am free today. They are open. I am home. I am sure. He is head of the club. We are friends.",
    "My hobby is music. My dream is big. I am busy with work. I am used to it. I need some water.",
    "They are now set up by the installer. If they are read out of order, it fails. He's always welcome back.",
    "Swimming lessons are fun. Reading skills are important. Playing cards are on the table.",
    "Working parents are busy. Growing children need sleep. Learning English is important.",
    "Using GNU make is recommended. To see the help text, run it. Enabling this can cause a penalty.",
    "I so want to go. I really like it. Don't make it too big. I found it very useful.",
    "Call chmod instead of abort(). Use the helper instead of write_file.",
])
def test_more_patterns_leave_correct_text(text):
    assert _found(text) == []


@pytest.fixture(scope="module")
def plural_of():
    from services.correction.engine.offline.learner import countable_plural
    from services.correction.engine.offline.spelling import Speller

    speller = Speller()
    return lambda noun: countable_plural(noun, speller.word_counts, speller.bigrams)


@pytest.mark.parametrize("text,noun,fix", [
    ("I have a lot of friend.", "friend", "friends"),
    ("There are lots of beautiful flower in our garden.", "flower", "flowers"),
    ("I bought some apple at the shop.", "apple", "apples"),
    ("I have many good friend.", "friend", "friends"),
    ("All the student in our class like him.", "student", "students"),
    ("Both of my parent are teachers.", "parent", "parents"),
    ("My mother bought three new dress for me.", "dress", "dresses"),
])
def test_count_words_before_a_singular_noun(plural_of, text, noun, fix):
    found = [(text[e.offset:e.offset + e.length], e.replacements) for e in learner_errors(text, plural_of)
             if e.rule_id == "EN_NOUN_NUMBER"]
    assert found == [(noun, (fix,))]


@pytest.mark.parametrize("text", [
    "We have a lot of fun and a lot of homework. There is plenty of water and plenty of time.",
    "We need a lot of practice. There's a lot of activity here. I read a lot of book reviews.",
    "Some day I will go there. I like it all the time. Some people like tea. We need some help.",
    "Return some element of the array. Both client and server agree. These attempt to use flock.",
    "Many vote for him. Support for curve25519 and both module/agent pairs. Several bug and leak fixes.",
])
def test_count_words_leave_correct_text(plural_of, text):
    assert [e for e in learner_errors(text, plural_of) if e.rule_id == "EN_NOUN_NUMBER"] == []


def test_without_the_bigram_counts_count_words_are_not_checked():
    assert [e for e in learner_errors("I have a lot of friend.") if e.rule_id == "EN_NOUN_NUMBER"] == []


@pytest.mark.parametrize("text,wrong,rule,fix", [
    ("Tom have a dog.", "have", "EN_SVA_THIRD_PERSON", "has"),
    ("Lily like dancing very much.", "like", "EN_SVA_THIRD_PERSON", "likes"),
    ("Mr. Wang teach us English.", "teach", "EN_SVA_THIRD_PERSON", "teaches"),
    ("He is more tall than me.", "more tall", "EN_COMPARATIVE_FORM", "taller"),
    ("This is the most good book I have read.", "most good", "EN_COMPARATIVE_FORM", "best"),
    ("She is beautifuler than her sister.", "beautifuler", "EN_COMPARATIVE_FORM", "more beautiful"),
    ("My English is badder than his.", "badder", "EN_COMPARATIVE_FORM", "worse"),
    ("Every students should study hard.", "students", "EN_NOUN_NUMBER", "student"),
    ("Each students has a desk.", "students", "EN_NOUN_NUMBER", "student"),
    ("There are many peoples in the street.", "peoples", "EN_NOUN_NUMBER", "people"),
    ("The math problem is very confused.", "confused", "EN_FEELING_ADJECTIVE", "confusing"),
    ("I'd like go with you.", "go", "EN_VERB_PATTERN", "to go"),
])
def test_names_comparatives_and_each(text, wrong, rule, fix):
    assert _found(text) == [(wrong, rule, (fix,))]


@pytest.mark.parametrize("text", [
    "He is taller than me. She is more beautiful. The forest is wonderful. It is a wonder.",
    "Tom and Jerry play. Tom is here. Mr. Smith said so. Tom, have a seat.",
    "The many peoples of Asia. Each of the students. Every day. Each gets one.",
    "More easy ways exist. Most good teachers agree. The most high-level function. See benjamin-bader/aiosmtp.",
])
def test_names_comparatives_and_each_leave_correct_text(text):
    assert _found(text) == []


@pytest.mark.parametrize("text", [
    # before/after/without + a noun, then the main clause
    "After practice the team went home. Without water the plants will die. Without help our team could not win.",
    "Without doubt this is the best day. Before bed my mother reads me a story. After exercise my body feels good.",
    # a noun modifying the next noun
    "We talked about study habits. We are worried about water pollution. They need water bottles for the trip.",
    "We are study partners. They are water bottles. We need paint brushes for art class.",
    # feelings of the right kind
    "I feel amazing today. I am boring, so I have few friends. I was tiring of the long game.",
    "My father is frightening when he is angry. The girl in the movie was shocked when she saw the ghost.",
    "The lesson was relaxed and fun. The people at the concert were excited.",
    # passives, adjectives, the past
    "They were used to build the Great Wall. He is mean to his little sister. She's mean to me.",
    "Playing games cost me a lot of money last year. Taking the bus cost two yuan.",
    "Playing football last week let me make new friends. Walking in the park the children were very happy.",
    "Tom put his bag on the desk and sat down. Mary read the story to us yesterday. Tom let me use his pen.",
    "I was more happy than sad. He is more busy than tired these days. Exercise does more good than harm.",
    "Volunteering does the most good. Every maths lesson is interesting. These peoples lived along the river.",
    "The rocket is ready and now we are go again. She is good at go again after years away from the board.",
])
def test_review_sentences_are_left_alone(text):
    assert _found(text) == []


@pytest.mark.parametrize("text", [
    "Would you like some cake? We ate a lot of cake at the party. There is a lot of room in the car.",
    "I take the number two bus to school. Some boy in my class told me the news.",
])
def test_review_count_words_are_left_alone(plural_of, text):
    assert [e for e in learner_errors(text, plural_of) if e.rule_id == "EN_NOUN_NUMBER"] == []


@pytest.mark.parametrize("text,wrong,fix", [
    ("One of my friends are a doctor.", "are", "is"),
    ("Every one of them are here.", "are", "is"),
    ("Each of the students have a book.", "have", "has"),
    ("Each of us have a dream.", "have", "has"),
    ("One of the reasons are that it is cheap.", "are", "is"),
    ("Each of these has a number of parts, and one of these are useless.", "are", "is"),
    ("One of the mice are sick.", "are", "is"),
    ("The number of students are increasing.", "are", "is"),
    ("A number of students is absent.", "is", "are"),
    ("Make sure the number of blocks do not exceed the limit.", "do", "does"),
    ("One of my classmates always have lunch at home.", "have", "has"),
    ("One of the people are late.", "are", "is"),
    ("Every one of us think he is clever.", "think", "thinks"),
    ("Each of the students bring a book.", "bring", "brings"),
    ("One of my friends often visit me.", "visit", "visits"),
    ("Each of these statements support an optional clause.", "support", "supports"),
    ("One of the students in my class are very tall.", "are", "is"),  # a place or an origin after the noun
    ("One of my friends from the city are coming.", "are", "is"),
    ("Each of the boys in the team have a ball.", "have", "has"),
    ("The number of cars in the city are growing.", "are", "is"),
    ("I think one of the girls in our school are ill.", "are", "is"),
])
def test_one_each_and_the_number_of_agree_with_their_verb(text, wrong, fix):
    assert [(w, f) for w, rule, f in _found(text) if rule == "EN_SVA_NOUN_SUBJECT"] == [(wrong, (fix,))]


@pytest.mark.parametrize("text", [
    "One of my friends is a doctor.",
    "Each of the students has a book.",
    "A number of students are absent.",
    "One of my friends who are here is a doctor.",
    "One of the students' parents are teachers.",
    "In one of the rooms are two beds.",
    "In one of the rooms in the house are two beds.",
    "One of the students in my class is very tall.",
    "A number of students in my class are absent.",
    "One of the best players in the team is injured.",
    "The one of them that are left.",
    "One of the things I like is books.",
    "One of the reasons people like it is price.", "One of the things students want is time.",
    "One of them hit the ball.", "Each of these include a manual.", "One of the boys will come.",
])
def test_one_each_and_the_number_of_that_agree(text):
    assert [f for f in _found(text) if f[1] == "EN_SVA_NOUN_SUBJECT"] == []


# A false-alarm review of the "one of / each of / the number of" rule: right sentences it once flagged.
@pytest.mark.parametrize("text", [
    '"Which one of the keys do I use?" she asked.',
    'Above each of the doors are carvings of saints.',
    'Across each of the rivers are old stone bridges.',
    'Against one of the walls were stacked dozens of chairs.',
    'Along one of the walls are shelves full of old books.',
    'Alongside each of the paths are wild flowers.',
    'Amid one of the busiest weeks were three public holidays.',
    'Around one of the trees were ribbons tied by local children.',
    'At the end of each of the corridors are fire exits.',
    'Below each of the photos are short captions.',
    'Beneath one of the floorboards were letters from the war.',
    'Beside one of the gates were a pair of stone lions.',
    'Between each of the columns are small niches with statues.',
    'Beyond each of the hills are small farming villages.',
    'Choosing a number of suppliers has reduced our risk.',
    'Copies of each of the reports were sent to the minister.',
    'Details about each of the candidates are published online.',
    'Each of the tasks employees have to complete is logged in the system.',
    'Having a number of close friends is good for your health.',
    'I wish each of you were able to stay longer.',
    'If each of the parties were willing to compromise, a deal could be reached.',
    'If one of my friends were here, he would help me.',
    'If one of them were to resign, the board would collapse.',
    'In front of one of the shops were three bicycles.',
    'It is as if each of the actors were speaking to you alone.',
    'Listing a number of examples is not the same as giving an argument.',
    'Measuring a number of samples is standard practice.',
    'On top of each of the boxes were labels in red ink.',
    'One of the cities tourists are most drawn to is Rome.',
    'One of the problems farmers have is the lack of rain.',
    'One of the questions parents have is whether the school is safe.',
    'One of the reasons students are leaving is the cost of housing.',
    'One of the things teachers are asked to do is write reports.',
    'One of the worst things governments do is ignore the evidence.',
    'Opposite one of the stations are several cheap hotels.',
    'Outside one of the houses were two police cars.',
    'Over each of the beds are reading lamps.',
    'Owning a number of cars is expensive in London.',
    'Past each of the checkpoints were soldiers with rifles.',
    'Photos of each of the rooms are available on our website.',
    'Relatives of one of the victims were present in court.',
    'Rumours about one of the players were spreading on social media.',
    'Suppose one of the variables were negative; what would happen?',
    'The authors of one of the studies were later found to have fabricated data.',
    'The average of a number of readings is more reliable.',
    'The closure of a number of factories was announced on Monday.',
    'The combination of a number of drugs is often more effective.',
    'The cost of a number of items is higher than expected.',
    'The costs of each of the options are summarised in Appendix B.',
    'The creation of a number of new jobs was welcomed by the unions.',
    'The disappearance of a number of documents was never explained.',
    'The fans of each of the teams were chanting loudly.',
    'The members of one of the bands were arrested in Oslo.',
    'The names of each of the winners are listed below.',
    'The number of cars families have has risen sharply.',
    'The number of hours students are in class has increased.',
    'The number of hours workers are allowed to work is limited by law.',
    'The number of times doctors have warned us is countless.',
    'The owners of one of the restaurants were fined last week.',
    'The parents of one of my friends are doctors.',
    'The results of each of the tests are shown in Table 2.',
    'The sum of a number of squares is always non-negative.',
    'The value of a number of properties has fallen.',
    'The windows of each of the classrooms were broken during the storm.',
    'Through one of the windows were visible the mountains.',
    'Throughout each of the chapters are references to her childhood.',
    'Two of the teachers and one of the parents are on the board.',
    'Upon each of the tables were vases of fresh flowers.',
    'Which one of my books were you reading last night?',
    'Which one of the candidates do voters trust more?',
    'Which one of the exits do we need?',
    'Which one of the routes do we take to the coast?',
    'Which one of the shirts do you prefer?',
    'Which one of them do you like best?',
    'Which one of these are you going to buy?',
    'Which one of those do you think is better?',
    'Which one of your parents were you closer to?',
    'Within each of the cells are tiny structures called organelles.',
])
def test_reviewed_of_subjects_that_agree(text):
    assert [f for f in _found(text) if f[1] == "EN_SVA_NOUN_SUBJECT"] == []


@pytest.mark.parametrize("text,wrong,rule,fix", [
    ("I don't know what should I do.", "should I", "EN_QUESTION_ORDER", "I should"),
    ("Can you tell me what is it?", "is it", "EN_QUESTION_ORDER", "it is"),
    ("I wonder where are they now.", "are they", "EN_QUESTION_ORDER", "they are"),
    ("She is a girl who like dancing.", "like", "EN_SVA_NOUN_SUBJECT", "likes"),
    ("The man who live next door is kind.", "live", "EN_SVA_NOUN_SUBJECT", "lives"),
    ("I have a friend who play the piano.", "play", "EN_SVA_NOUN_SUBJECT", "plays"),
    ("I have a friend who have a dog.", "have", "EN_SVA_NOUN_SUBJECT", "has"),
    ("She is a girl who don't like sports.", "don't", "EN_SVA_NOUN_SUBJECT", "doesn't"),
    ("He is a person who always help others.", "help", "EN_SVA_NOUN_SUBJECT", "helps"),
    ("He is a very good friend who like football.", "like", "EN_SVA_NOUN_SUBJECT", "likes"),
    ("It was a book about a girl who travel around the world.", "travel", "EN_SVA_NOUN_SUBJECT", "travels"),
    ("Do you know where is my phone?", "is my phone", "EN_QUESTION_ORDER", "my phone is"),
    ("I wonder what does he want.", "does he want", "EN_QUESTION_ORDER", "he wants"),
    ("I can't remember where did I put my keys.", "did I put", "EN_QUESTION_ORDER", "I put"),
    ("Do you know what time is it?", "is it", "EN_QUESTION_ORDER", "it is"),
    ("I asked her why was she crying.", "was she", "EN_QUESTION_ORDER", "she was"),
])
def test_questions_inside_sentences_and_relative_clauses(text, wrong, rule, fix):
    assert [f for f in _found(text) if f[1] == rule] == [(wrong, rule, (fix,))]


@pytest.mark.parametrize("text", [
    "I know what it is.", "Do you know what time it is?", "I wonder what is happening.", "I know who is coming.",
    "She asked me what was wrong.", "I know how important it is.", "I see what you mean.",
    "I saw the girl that time.", "I suggest the student who finish first help others.",
    "The family who live next door are kind.", "The man who came yesterday is my uncle.",
    "The girl who dances is my sister.", "I met a man who dare not speak.", "The book that I like is old.",
    "I have two sisters who live in Beijing.", "It is a file that may be created later.",
    "The members of the structure that describe the image are listed.",
    "The members of a team who play well win.",
    "The people of the village who live near the lake are kind.",
    "The staff at the hospital who work nights are tired.",
])
def test_questions_and_relative_clauses_that_are_right(text):
    assert [f for f in _found(text) if f[1] in ("EN_QUESTION_ORDER", "EN_SVA_NOUN_SUBJECT")] == []


# A false-alarm review of the questions inside sentences, relative clauses, ages, "go to -ing" and
# "like very much": right sentences that these once flagged.
@pytest.mark.parametrize("text", [
    'A friend who hurt me last year apologised today.',
    'A handful who refuse to leave are still inside the building.',
    'A teacher who let us leave early got into trouble.',
    'He told the manager that Rob would be late.',
    'He was liked very much the moment he arrived.',
    'I am a huge Doctor Who fan.',
    'I enjoyed very much the concert that the school orchestra gave last Friday.',
    'I know a guy who Lance works with.',
    'I sometimes wonder who am I to judge them.',
    'It is the parents and not the child who choose the school.',
    'It is the players and not the coach who decide how hard to train.',
    'It looks like very much the same problem as before.',
    'It seems like very much the right thing to do.',
    'It was a place he enjoyed very much the first time he visited.',
    'Most of the lottery money went to swimming and cycling.',
    'My daughter is learning to swim; she goes to swimming sessions at the leisure centre.',
    'My mum and my dad who live in Spain are visiting next week.',
    'My son goes to climbing walls after school.',
    'On Sundays we go to skating rinks across the city.',
    'On holiday we went to shopping arcades and museums.',
    'Our team met the pair who run the bakery.',
    'She asked the girl who people thought had won.',
    'She told my brother that Sue was ill.',
    'She used to go to dancing school in London.',
    'She was loved very much her whole life.',
    'The Doctor Who cast met the fans on Saturday.',
    'The aircraft that operate from this base are mostly helicopters.',
    'The boss and the secretary who work upstairs are on holiday.',
    'The boxer who beat him last night is only nineteen.',
    'The boy and the girl who live next door are twins.',
    'The boy who Coach Taylor picked for the team is only twelve.',
    'The boy who cut my hair yesterday was new.',
    'The cake that Rob baked was delicious.',
    'The children go to swimming galas every spring.',
    'The clergy who serve in rural parishes are often overworked.',
    'The conversation soon went to fishing and the weather.',
    'The deer that inhabit the forest are rarely seen.',
    'The faculty who teach in this department hold doctorates.',
    'The family went to boating lakes near Windermere.',
    "The fund's money went to skating and skiing programmes.",
    "The girl that shut the door didn't say a word.",
    "The girl who Mark invited to the party didn't come.",
    'The girl who Wade married is from Texas.',
    'The girl who read the poem aloud won a prize.',
    "The gold medal went to swimming's newest star.",
    'The letter that Sue wrote to me was lovely.',
    'The man who bet everything on that horse lost his house.',
    'The man who hit my car drove off without stopping.',
    'The management who make these decisions rarely visit the factory.',
    'The minority who oppose the plan are very vocal.',
    'The neighbour who cast the deciding vote lives at number 9.',
    'The nurse who set my broken arm was very gentle.',
    'The offspring that survive the winter are strong.',
    'The personnel who operate the reactor are highly trained.',
    'The player who quit last week has joined a rival club.',
    'The prisoner who Judge Harris sentenced has appealed.',
    'The rest who want to stay can stay.',
    'The sheep that belong to my uncle are grazing on the hill.',
    'The song is one she loved very much the year she turned ten.',
    'The student who Pierce tutored passed the exam.',
    'The students this year who want to join the club should see Mr Lee.',
    'The trawlers went to fishing grounds far out at sea.',
    'The trio who perform every Friday are brilliant.',
    'The woman who people call "Auntie" runs the shop.',
    'The woman who put the box there has gone home.',
    'The youth who gather in the square are mostly harmless.',
    'They went to hiking trails in the national park.',
    'We liked very much the way the director handled the ending.',
    'We went to camping grounds that had no showers.',
    'We went to fishing villages all along the Cornish coast.',
])
def test_reviewed_questions_clauses_and_phrases(text):
    rules = ("EN_QUESTION_ORDER", "EN_SVA_NOUN_SUBJECT", "EN_COLLOCATION")
    assert [e for e in learner_errors(text) + collocation_errors(text) if e.rule_id in rules] == []


@pytest.mark.parametrize("text,fix", [
    ("I wish you a good luck.", "good luck"),
    ("We made a great progress this term.", "great progress"),
    ("It was a good weather yesterday.", "good weather"),
    ("There was a heavy traffic on the road.", "heavy traffic"),
    ("We saw a beautiful scenery there.", "beautiful scenery"),
])
def test_more_uncountable_nouns_take_no_a(text, fix):
    assert [(rule, f) for _w, rule, f in _found(text)] == [("EN_UNCOUNTABLE_A", (fix,))]


@pytest.mark.parametrize("text", [
    "It is a progress report.", "He made a weather forecast.", "She wore a good luck charm.",
    "They were stuck in a traffic jam.", "He has a good knowledge of French.",
])
def test_uncountable_nouns_before_another_noun(text):
    assert [f for f in _found(text) if f[1] == "EN_UNCOUNTABLE_A"] == []


def test_one_of_a_singular_noun_and_a_plural_verb():
    text = "One of his dream are to fly."
    assert _found(text) == [("dream", "EN_NOUN_NUMBER", ("dreams",)), ("are", "EN_SVA_NOUN_SUBJECT", ("is",))]




# A false-alarm review of "one of … + a plain verb", "whose", "everyone of", "told that", "mention
# about", the uncountables and "this days": right sentences that these once flagged.
@pytest.mark.parametrize("text", [
    'A traffic webcam caught the accident.',
    'All but one of the bridges remain closed after the flood.',
    'All but one of the candidates pass the medical each year.',
    'All but one of the passengers were rescued by the coastguard.',
    'All but one of the senators have signed the letter.',
    'All but one of them vote Labour these days.',
    'All but one of us agree with the decision.',
    'Anna, one of the sales team leads, said the numbers were good.',
    'Anyone who family is important to will understand.',
    'Ask the nurse who Mother is sharing a room with.',
    'Being told that you are wrong is never pleasant.',
    'Can you tell that it was me in the photo?',
    'Children who dream are happier, according to the study.',
    'Each of the orders table columns is indexed.',
    'Each of the params list entries must be unique.',
    'Each of the sports club members pays an annual fee.',
    'Each of the systems test cases passed on the first run.',
    'Everyone of my generation remembers where they were that day.',
    'Everyone of our class year was invited to the reunion.',
    'Everyone of the right age can vote in the referendum.',
    'Everyone of their background faced the same barriers.',
    'Find a partner who family is as important to as it is to you.',
    'He had been told that she would arrive by noon.',
    'He has always been told that he is too short to play.',
    'He mentioned about a dozen names during the interview.',
    'He reached to the left and grabbed the railing.',
    'He was picked as one of the Lions tour captains.',
    "He's a man who home is simply wherever his boat happens to be moored.",
    'Her hair reached to her waist.',
    'His influence reached to the highest levels of government.',
    'His jurisdiction reaches to the border.',
    'His long reach to the ball saved the point.',
    'How can you tell that it is ripe?',
    'I came to terms with this years ago.',
    'I could feel one of my muscles twitch during the run.',
    'I could tell that she was upset.',
    'I demand that one of you explain this mess.',
    'I downloaded a weather app for my phone.',
    'I felt one of my shoelaces come undone.',
    'I felt one of the floorboards creak under my foot.',
    'I felt one of the ropes give way under my weight.',
    'I gave up on this years ago.',
    'I heard of this months ago.',
    'I insist that each of you bring your own equipment.',
    'I knew of this weeks before the announcement.',
    'I made peace with this years ago.',
    "I started on this weeks ago and I'm still not finished.",
    'I was told that I was late for the interview.',
    "I'm told that they have already left.",
    "I've been told that it was a mistake.",
    'In scenario A progress is slow but steady.',
    'Is there anything else worth mentioning about the hotel?',
    'It is essential that every one of the applicants submit a portfolio.',
    'It is important that each of the members vote.',
    'It is vital that each of the teams understand the new rules.',
    'It was a lie she told that they believed for years.',
    "It's hard to tell that they were ever friends.",
    'Kids who dream are the ones who change the world.',
    'Make sure you reach to the back of the cupboard with the brush.',
    'Nobody could tell that he had been crying.',
    'One of the Dodgers fan groups organised a protest.',
    'One of the Girls Scout troops sold the most cookies.',
    'One of the Nets guard prospects impressed in training.',
    'One of the Wales team doctors treated him on the pitch.',
    'One of the Windows update servers went down.',
    'One of the parents group leaders organised the bake sale.',
    'One of the sales team members quit on Monday.',
    'One of the settings page tabs is hidden on mobile.',
    'One of the sports bar owners sponsored the local team.',
    'One of the users table rows was deleted by mistake.',
    'One of these days Bob Dylan will play in our town again.',
    'One of these days Jack Smith will realise his mistake.',
    "One of these days Mark Twain's house will be a museum.",
    'Only time will tell that it was the right choice.',
    'Our school started a weather podcast.',
    'Patients are rarely told that they have a choice.',
    'Reach to the top shelf carefully.',
    'She asked that every one of the guests sign the book.',
    'She felt one of the stitches tear as she bent down.',
    'She has been in this years-long dispute with her neighbour.',
    'She is the kind of person who family is everything to.',
    'She mentioned about fifteen different cafes in the area.',
    'She reached to the shelf above the sink for a glass.',
    'She runs a weather vlog on YouTube.',
    'She was in this weeks-long negotiation until Friday.',
    'Students who dream are often more creative.',
    'The article mentions about a third of the staff by name.',
    'The charity helps everyone of the older generation who lives alone.',
    'The club welcomes everyone of the Jewish faith and beyond.',
    'The committee proposed that one of the members chair the subcommittee.',
    "The contract stipulates that each of the parties give thirty days' notice.",
    'The court ordered that each of the defendants pay the costs of the appeal.',
    'The developers released a weather API last month.',
    'The estate once reached to the sea.',
    'The floodwater reached to the second floor of the building.',
    'The game uses a luck stat to decide critical hits.',
    "The goalkeeper's reach to the top corner was remarkable.",
    'The jokes he told that we liked best were the short ones.',
    "The ladder doesn't quite reach to the roof.",
    'The law requires that each of the directors disclose any conflict of interest.',
    'The one thing I would mention about her is her honesty.',
    'The path reaches to the river.',
    'The receptionist asked the caller who Sister was expecting.',
    'The report mentions about forty cases of fraud.',
    'The roots of the tree reach to the water table.',
    'The rules require that each of the players wear a helmet.',
    'The slave trade was a traffic in human lives.',
    'The sleeves reach to my fingertips.',
    'The snow reached to our knees.',
    'The song "Everyone of Us" was released in 1998.',
    'The stories Grandpa told that we enjoyed most were about the war.',
    'The three players, each of them captain of his country, met the press.',
    'The twins, one of them mother to a newborn, shared a flat.',
    'The two men, each of them father to three children, were released on bail.',
    'There are a few things I forgot to mention about the trip.',
    'There was a little traffic on the motorway but nothing serious.',
    "There's a traffic app that shows road closures.",
    'This days-old bread is only good for the ducks.',
    'Two cities, each of them host to an Olympic Games, submitted bids.',
    'Under Plan A traffic is diverted through the village.',
    'We agreed on this months ago.',
    'We decided on this days before the deadline.',
    'We made a little progress on the bridge design.',
    'We need a weather bot for the Discord server.',
    'We recommend that each of the students complete the survey before Friday.',
    'We spoke to Priya, one of the parents group organisers.',
    'We were told that it was closed for repairs.',
    'We wrote a traffic sim for the course project.',
    'Were you told that there was a meeting?',
    'What did she mention about the budget?',
    "With a little luck, we'll be home by midnight.",
    'You can tell that he is tired from the way he walks.',
    'You can tell that it has been raining all night.',
])
def test_reviewed_plain_verbs_and_phrases(text):
    rules = ("EN_SVA_NOUN_SUBJECT", "EN_NOUN_NUMBER", "EN_COLLOCATION", "EN_UNCOUNTABLE_A", "EN_DETERMINER_NUMBER")
    assert [e for e in grammar_errors(text) if e.rule_id in rules] == []


@pytest.mark.parametrize("text,fix", [
    ("Now I understand why was she so strict.", "she was"),
    ("I know why is he so angry.", "he is"),
])
def test_a_question_inside_a_sentence_is_not_also_missing_its_verb(text, fix):
    assert [(rule, f) for _w, rule, f in _found(text)] == [("EN_QUESTION_ORDER", (fix,))]


def test_an_inverted_be_is_the_verb():
    assert _found("Why was she so strict?") == []


@pytest.mark.parametrize("text,wrong,fix", [
    ("She sings very beautiful.", "beautiful", "beautifully"),
    ("He speaks English very good.", "good", "well"),
    ("She plays the piano very good.", "good", "well"),
    ("We must study hardly.", "hardly", "hard"),
    ("It is raining heavy.", "heavy", "heavily"),
    ("It is a very danger place.", "danger", "dangerous"),
    ("We should keep health.", "health", "healthy"),
    ("We must pay attention to our safe.", "safe", "safety"),
    ("Her explain was clear.", "explain", "explanation"),
])
def test_word_forms(text, wrong, fix):
    assert [f for f in _found(text) if f[1] == "EN_WORD_FORM"] == [(wrong, "EN_WORD_FORM", (fix,))]


@pytest.mark.parametrize("text", [
    "The song she sang was beautiful.", "He did a good job.", "It smells very good.", "I hardly ever study.",
    "He works hard and plays good football.", "She did something good.", "The food she cooked was good.",
])
def test_word_forms_that_are_right(text):
    assert [f for f in _found(text) if f[1] == "EN_WORD_FORM"] == []


@pytest.mark.parametrize("text,wrong,fix", [
    ("Neither of them are right.", "are", "is"),
    ("Neither of the answers are correct.", "are", "is"),
    ("The percentage of students have risen.", "have", "has"),
    ("The proportion of old people are growing.", "are", "is"),
])
def test_neither_and_the_percentage_of_take_a_singular_verb(text, wrong, fix):
    assert [f for f in _found(text) if f[1] == "EN_SVA_NOUN_SUBJECT"] == [(wrong, "EN_SVA_NOUN_SUBJECT", (fix,))]


def test_neither_of_with_its_singular_verb_is_left_alone():
    assert [f for f in _found("Neither of them is right. A number of students are here.")
            if f[1] == "EN_SVA_NOUN_SUBJECT"] == []

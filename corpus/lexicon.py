"""Small word lists the engine needs: function words per language, number words, spelling variants.

Written for briefread; deliberately short. Function words carry no evidence of copying; everything
else is weighted by how rare it is in the story (see :mod:`corpus.features`).
"""

from __future__ import annotations

import re
from functools import lru_cache

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """a about above after again against all also am an and any are as at be because been
        before being below between both but by can could did do does doing down during each few for
        from further had has have having he her here hers herself him himself his how i if in into
        is it its itself just me more most my myself no nor not now of off on once only or other our
        ours ourselves out over own same she should so some such than that the their theirs them
        themselves then there these they this those through to too under until up very was we were
        what when where which while who whom why will with would you your yours yourself said says
        say told tell according new also would could may might must shall one two its it's s t
        will wo n't than which who whose mr mrs ms dr""".split()
    ),
    "es": frozenset(
        """a al algo algunas algunos ante antes como con contra cual cuando de del desde donde
        durante e el ella ellas ellos en entre era es esa esas ese eso esos esta estaba estado
        estas este esto estos fue fueron ha han hasta hay la las le les lo los mas me mi muy nada ni
        no nos o os otra otro para pero por porque que quien se sea ser si sin sobre son su sus
        también tiene tienen todo todos tras un una uno unos y ya dijo según afirmó
        señaló""".split()
    ),
    "fr": frozenset(
        """a au aux avec ce ces cet cette dans de des du elle elles en est et été être eux il ils
        je la le les leur leurs lui ma mais me même mes moi mon ne nos notre nous on ou où par pas
        pour qu que qui sa se ses son sont sur ta te tes toi ton tu un une vos votre vous y a été
        selon dit déclaré ont plus""".split()
    ),
    "de": frozenset(
        """aber als am an auch auf aus bei bin bis das dass dem den der des die durch ein eine
        einem einen einer eines er es für hat hatte ich ihr im in ist ja kann mit nach nicht noch
        nur oder sein sich sie sind so über um und uns von vor war wie wir wird wurde zu zum zur
        sagte laut""".split()
    ),
    "it": frozenset(
        """a al alla che con da del della di e è gli ha i il in la le lo non per più si sono su
        un una uno secondo ha detto""".split()
    ),
    "pt": frozenset(
        """a ao aos as com como da das de do dos e é em foi há mais mas na nas no nos o os ou
        para pela pelo por que se sem ser seu sua são também um uma segundo disse""".split()
    ),
}
"""Function words, by ISO 639-1 code."""

NUMBER_WORDS: dict[str, float] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "half": 0.5,
    "uno": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "doce": 12,
    "veinte": 20,
    "cien": 100,
    "docena": 12,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "douze": 12,
    "vingt": 20,
    "cent": 100,
    "douzaine": 12,
}
"""Number words read as numbers; ``a dozen`` and ``12`` are the same claim."""

SCALE_WORDS: dict[str, float] = {
    "thousand": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "trillion": 1e12,
    "mil": 1e3,
    "millón": 1e6,
    "millon": 1e6,
    "millones": 1e6,
    "milliard": 1e9,
    "milliards": 1e9,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "millionen": 1e6,
    "tausend": 1e3,
    "mio": 1e6,
    "mrd": 1e9,
    "mln": 1e6,
    "mld": 1e9,
    "milione": 1e6,
    "milioni": 1e6,
    "miliardo": 1e9,
    "miliardi": 1e9,
    "milhão": 1e6,
    "milhões": 1e6,
    "bilhão": 1e9,
    "bilhões": 1e9,
    "bn": 1e9,
    "m": 1e6,
    "k": 1e3,
}
"""Words that multiply the number before them ("1.2 billion", "1.200 millones")."""

CURRENCY_WORDS = frozenset(
    "dollar dollars usd euro euros eur pound pounds gbp sterling dólar dólares dollaro dollari"
    " reais".split()
)
"""Currency names dropped after a number, where another text writes a symbol ($, €, £)."""

BRITISH_TO_AMERICAN: dict[str, str] = {
    w: a
    for w, a in (
        pair.split(":")
        for pair in """organise:organize organised:organized organises:organizes
        organising:organizing organisation:organization organisations:organizations
        recognise:recognize recognised:recognized realise:realize realised:realized
        authorise:authorize authorised:authorized criticise:criticize criticised:criticized
        emphasise:emphasize emphasised:emphasized prioritise:prioritize minimise:minimize
        maximise:maximize modernise:modernize utilise:utilize analyse:analyze analysed:analyzed
        centre:center centres:centers metre:meter metres:meters kilometre:kilometer
        kilometres:kilometers litre:liter litres:liters colour:color colours:colors labour:labor
        favour:favor favourable:favorable honour:honor behaviour:behavior neighbour:neighbor
        neighbours:neighbors neighbourhood:neighborhood harbour:harbor harbours:harbors
        programme:program programmes:programs defence:defense offence:offense licence:license
        travelled:traveled travelling:traveling modelling:modeling cancelled:canceled
        fulfil:fulfill enrol:enroll catalogue:catalog grey:gray tyre:tire tyres:tires
        aluminium:aluminum cheque:check storey:story paediatric:pediatric oestrogen:estrogen
        judgement:judgment ageing:aging""".split()
    )
}
"""British spellings folded to American ones, so spelling alone never makes a pair "edited"."""

_SPELLING_RULES = (
    (
        "our",
        re.compile(r"^(\w{3,})our(s|ed|ing|ite|ites|able|ably|hood|hoods|less|er|ers|ful)?$"),
        r"\1or\2",
    ),
    ("is", re.compile(r"^(\w{4,})is(e|es|ed|ing|ation|ations)$"), r"\1iz\2"),
    ("ys", re.compile(r"^(\w{2,})ys(e|es|ed|ing)$"), r"\1yz\2"),
    ("re", re.compile(r"^(\w{2,}[tb])re(s)?$"), r"\1er\2"),
    ("ll", re.compile(r"^(\w{2,}[ae])ll(ed|ing|er|ers)$"), r"\1l\2"),
    ("ogue", re.compile(r"^(\w{4,})ogue(s)?$"), r"\1og\2"),
)
"""British endings folded to American ones (colour, organise, analyse, centre, travelled,
catalogue). Both sides of a pair are folded alike, so an odd fold ("contour" → "contor") costs
nothing; the rules avoid folds that would merge two real words ("filled" and "filed").
Each rule comes with letters every word it changes contains: most words are ruled out by them."""


@lru_cache(maxsize=65536)
def american_spelling(word: str) -> str:
    """The American form of a lower-case English word (unchanged if there is no rule for it)."""
    known = BRITISH_TO_AMERICAN.get(word)
    if known is not None or len(word) < 6:
        return known or word
    for letters, pattern, replacement in _SPELLING_RULES:
        if letters not in word:
            continue
        folded, n = pattern.subn(replacement, word)
        if n:
            return folded
    return word

"""Web-page and press-release furniture: sentences that are never matched across articles.

Two outlets that both print "Share this article" or "Advertisement" have not copied each other,
so such lines must not count as matches or as coverage. The test is deliberately conservative:
a sentence is furniture only when the *whole* sentence has one of the shapes below, and most
shapes also require it to be short. A news sentence that merely mentions a newsletter, a photo
or a copyright is never flagged.

Patterns (case-insensitive, whitespace collapsed, surrounding punctuation ignored):

- **Share and follow prompts**: lines made only of share words and network names ("Share this
  article", "Share on Facebook", "Tweet", "Email Print Copy link", "Facebook Twitter LinkedIn");
  "Follow us on …", "Follow @handle on …".
- **Navigation**: "Read more: …", "Related: …", "See also: …", "Also read: …", "More on this
  story", "Recommended", "Most read", "Advertisement", "Sponsored", "Continue reading",
  "Skip to content", "Back to top", "Story continues below advertisement", "Listen to this
  article", "3 min read" (and Spanish, French and German equivalents of the common ones).
- **Calls to action**: "Sign up for our newsletter…", "Subscribe…", "Download our app…",
  "Get the app", "Click here…" — only up to 25 words and never with a reporting verb ("said").
- **Copyright footers**: "© 2026 …", "(c) 2026 …", "Copyright 2026 …", anything ending in "All
  rights reserved".
- **Captions and credits**: "Photo: …", "Photograph: …", "Image: …", "Picture: …", "Credit: …",
  "(Photo by …)", "Photo courtesy of …", a line ending in "/ Getty Images", "/ Reuters" and the
  like, "File photo", "Getty Images".
- **Counters**: "1,234 views", "12 comments", "3.4K shares", "Comments (12)", "View comments".
- **Bare timestamps and bylines**: a line made only of date and time words, optionally after
  "Updated", "Published", "Posted" or "Last updated" ("Updated 10:42 GMT", "March 4, 2026",
  "Published 3 hours ago", "2026-03-04 10:42"); "By Jane Doe" (up to six capitalised name words,
  "and" or a comma between names, optionally "| Outlet").
- **Press-release furniture**: "###", "# # #", "-ends-", "ENDS", "-30-", "Media contact: …",
  "Press contact: …", "Media enquiries: …", "For more information, contact …", and the company
  "About" section at the end of a release: a paragraph "About Acme Corp" (capitalised name only)
  after the first third of the article, and everything after it (:func:`boilerplate_flags`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

_MAX_SHORT_WORDS = 12
"""Most shapes only count on a line of at most this many words: furniture is short."""
_MAX_PROMPT_WORDS = 25
"""Calls to action ("Sign up for our newsletter to get…") may run a little longer."""

_SPACE = re.compile(r"\s+")
_EDGE_PUNCT = " \t.,;:!?|·•–—-_*~()[]{}<>«»\"'“”‘’"
_REPORTING = re.compile(
    r"\b(?:said|says|told|added|according|announced|reported|dijo|afirmó|según|a déclaré|"
    r"selon|sagte|erklärte)\b",
    re.IGNORECASE,
)

_SHARE_WORDS = frozenset(
    """
    share shares sharing this article story page post link via on with your friends tweet
    retweet email e-mail mail print copy copied save bookmark comment comments facebook
    twitter x linkedin whatsapp telegram reddit pinterest messenger flipboard bluesky threads
    mastodon instagram tiktok youtube sms pin it gift url compartir partager teilen imprimir
    imprimer drucken
    """.split()
)
_SHARE_VERBS = frozenset(
    """
    share tweet retweet email e-mail print copy save bookmark pin compartir partager teilen
    imprimir imprimer drucken
    """.split()
)
_NETWORKS = frozenset(
    """
    facebook twitter linkedin whatsapp telegram reddit pinterest messenger flipboard bluesky
    threads mastodon instagram tiktok youtube
    """.split()
)

_WHOLE_LINE = re.compile(
    r"""
    (?:
        advertisement | advertising | advert | ad | sponsored(?:\ content)? | paid\ content
      | publicidad | anuncio | publicité | anzeige | werbung
      | recommended(?:\ for\ you|\ stories|\ articles|\ reading)?
      | most\ (?:read|popular|viewed|shared) | trending(?:\ now)? | popular\ now
      | related(?:\ articles?|\ stories|\ coverage|\ content|\ news|\ topics|\ links)?
      | more\ (?:on\ this\ story|from\ [\w\s]{1,30}|stories|news)
      | (?:continue|keep)\ reading(?:\ below)? | read\ (?:more|next|the\ full\ story)
      | (?:the\ )?story\ continues\ (?:below|after)(?:\ (?:this\ )?advertisement)?
      | skip\ to\ (?:main\ )?(?:content|navigation) | back\ to\ top | top\ of\ page
      | listen\ to\ this\ article | listen | watch | loading | show\ more | load\ more
      | \d{1,3}[\s-]*min(?:ute)?s?\ read | reading\ time\s*:?\s*\d{1,3}\ min(?:ute)?s?
      | file\ photo | getty\ images | stock\ photo | view\ (?:\d+\ )?comments | comments
      | show\ comments | leave\ a\ comment | add\ a\ comment
      | join\ the\ (?:conversation|discussion)
      | \#(?:\s*\#){2,} | -*\s*ends\s*-* | -\s*30\s*- | end\ of\ (?:press\ )?release
      | leer\ más | lire\ aussi | lire\ la\ suite | weiterlesen | mehr\ zum\ thema
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)

_LABELLED = re.compile(
    r"""
    (?:
        read\ (?:more|also|next) | also\ read | see\ also | related | more | recommended
      | watch | video | listen
      | photo | photos | photograph | photography | image | images | picture | pic | pics
      | caption | credit | photo\ credit | image\ credit | illustration | graphic
      | media\ contacts? | press\ contacts? | media\ (?:enquiries|inquiries) | press\ office
      | investor\ relations | contact | contacts
      | leer\ más | lea\ también | lee\ también | lire\ aussi | voir\ aussi | à\ lire\ aussi
      | lesen\ sie\ auch | mehr\ zum\ thema | auch\ interessant | foto | bild
    )
    \s*[:：|]\s*\S
    """,
    re.IGNORECASE | re.VERBOSE,
)

_PROMPT = re.compile(
    r"""
    (?:
        sign\ up | signup | subscribe | join\ our | get\ our | get\ the\ (?:app|latest)
      | download\ (?:our|the) | install\ our | click\ here | tap\ here | click\ to
      | follow\ (?:us|@\w+|[\w\s]{1,40}?)\ on | like\ us\ on | find\ us\ on
      | never\ miss | don['’]t\ miss | want\ more | enjoyed\ this | we\ use\ cookies
      | for\ (?:more|further)\ information,?\ (?:please\ )?(?:contact|visit|call|email|see)
      | suscríbete | abonnez-vous | inscrivez-vous | abonnieren\ sie | jetzt\ abonnieren
    )\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
_FOLLOW = re.compile(r"follow\s+(?:us|@\w+)\s+(?:on|at)\b", re.IGNORECASE)
""""Follow us on Chirper": furniture whatever the network is called."""
_PROMPT_OBJECT = re.compile(
    r"\b(?:newsletters?|our|here|now|free|today|app|updates|alerts|briefings?|digest|email|"
    r"e-mail|inbox|subscribers?|subscription|facebook|twitter|instagram|linkedin|tiktok|"
    r"youtube|whatsapp|telegram|x|cookies|bulletin|boletín|lettre|contact|visit|call|email|"
    r"see)\b",
    re.IGNORECASE,
)

_COPYRIGHT = re.compile(
    r"""
    (?: ^© | ^\(c\)\s*\d{4} | ^copyright\s*(?:©|\(c\))?\s*\d{4} | ^copyright\s*(?:©|\(c\))
      | all\ rights\ reserved\W*$
      | todos\ los\ derechos\ reservados\W*$ | tous\ droits\ réservés\W*$
      | alle\ rechte\ vorbehalten\W*$ )
    """,
    re.IGNORECASE | re.VERBOSE,
)
_CREDIT = re.compile(
    r"""
    (?:
        ^\(?(?:photos?|images?|pictures?|video|illustration)\s+(?:by|courtesy\ of|credit)\b
      | ^(?:photo|image|picture)\s+courtesy\b
      | /\s*(?:getty(?:\ images)?|reuters|ap|afp|epa|shutterstock|alamy|dpa|anadolu
             |bloomberg|pa\ images|efe|xinhua|sipa|zuma)\W*$
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
_AGENCY_CREDIT = re.compile(r"^[^\W\d_][\w.'’ -]{0,40}/\s*[A-Z][A-Z0-9]{1,5}\)?$")
"""An unlabelled credit such as "Jan Vos/MWS": a name, a slash and an upper-case agency code."""
_COUNTER = re.compile(
    r"^(?:[\d.,\s]+[kKmM]?\s*(?:views?|comments?|shares?|likes?|reads?|reactions?|"
    r"retweets?|replies|responses|visitas|comentarios|vues|commentaires|kommentare)"
    r"|(?:comments?|views?|shares?|replies)\s*\(?\s*[\d.,]+[kKmM]?\s*\)?)$",
    re.IGNORECASE,
)

_TIMESTAMP_LEAD = re.compile(
    r"^(?:(?:last\s+|first\s+)?(?:updated|published|posted|modified|edited|created)"
    r"|actualizado|publicado|mis\s+à\s+jour|publié|aktualisiert|veröffentlicht"
    r"|stand|date|dated|fecha)\b(?:\s+(?:on|at|el|le|am|um))?\s*:?\s*",
    re.IGNORECASE,
)
_DATE_WORDS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun today yesterday
    am pm a.m p.m gmt utc bst cet cest est edt pst pdt cst cdt et pt ist jst aest hkt sgt
    ago just now second seconds sec secs minute minutes min mins hour hours hr hrs day days
    week weeks month months year years an a at on of the and by th st nd rd h
    enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    januar februar märz april juni juli august oktober dezember uhr de del le à um
    hace il y heures minutes vor stunden minuten
    """.split()
)
_DATE_ANCHORS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun today yesterday ago gmt utc
    enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    januar februar märz april juni juli august oktober dezember hace vor
    """.split()
)
"""Words that make a line a timestamp; the rest of ``_DATE_WORDS`` may only accompany them."""
_DATE_TOKEN = re.compile(r"[^\s,|/·•–—()]+")
_DATE_NUMBER = re.compile(r"^\d{1,4}(?:[-.:/]\d{1,4}){0,3}(?:st|nd|rd|th|h|z|am|pm|er|º)?$", re.I)

_BYLINE = re.compile(
    r"^(?:by|por|par|von)\s+(?P<names>[^|,–—]+?)(?:\s*[|,–—]\s*(?P<tail>[^|]{1,40}))?$",
    re.IGNORECASE,
)
_NAME_JOINERS = frozenset(
    "and & y e et und de van von der den da del della di du la le bin al".split()
)
_TAIL_WORDS = frozenset(
    """
    and & of the in for at staff senior chief special political business health foreign
    reporter reporters correspondent correspondents editor writer writers contributor
    with additional reporting from
    """.split()
)


_ABOUT = re.compile(
    r"(?:about|à propos de|a propos de|acerca de|sobre|über)\s+(?P<name>.+)", re.IGNORECASE
)
_ABOUT_MIN_BEFORE = 3
"""An "About …" heading needs this many sentences before it: the section closes a release."""
_NAME_CONNECTORS = frozenset("& and of the de du la y und".split())


def boilerplate_flags(sentences: Sequence[tuple[str, int]]) -> list[bool]:
    """Boilerplate flag for each ``(text, paragraph)`` sentence of one article, in order.

    :func:`is_boilerplate` on each sentence, plus a press release's closing "About" section:
    a paragraph that is only "About <Company Name>", after the first third of the article (and
    after at least three sentences), and every sentence after it.
    """
    flags = [is_boilerplate(text) for text, _ in sentences]
    for index, (text, paragraph) in enumerate(sentences):
        if index < _ABOUT_MIN_BEFORE or index * 3 < len(sentences):
            continue
        if not _is_about_heading(text):
            continue
        alone = (index == 0 or sentences[index - 1][1] != paragraph) and (
            index + 1 == len(sentences) or sentences[index + 1][1] != paragraph
        )
        if alone:
            flags[index:] = [True] * (len(sentences) - index)
            break
    return flags


def _is_about_heading(text: str) -> bool:
    """ "About Acme Corp", "À propos de Verdanne": a section heading naming a company."""
    if _ABOUT.match(text) is None:
        return False
    match = _ABOUT.fullmatch(_SPACE.sub(" ", text).strip())
    if match is None:
        return False
    name = match.group("name").rstrip(":").split()
    if not 1 <= len(name) <= 6 or not name[0][0].isupper():
        return False
    return all(word[0].isupper() or word.lower() in _NAME_CONNECTORS for word in name)


def is_boilerplate(sentence: str) -> bool:
    """True when ``sentence`` (one segmented sentence) is page or press-release furniture.

    Conservative by design: false positives hide real copied text, so each shape must match
    the whole sentence (see the module docstring for the list).
    """
    return _is_boilerplate(sentence)


@lru_cache(maxsize=8192)
def _is_boilerplate(sentence: str) -> bool:
    line = " ".join(sentence.split())  # as _SPACE.sub(" ", sentence).strip(): same spaces
    if not line:
        return False
    if _is_copyright(line):
        return True
    core = line.strip(_EDGE_PUNCT)
    if not core:
        # Only punctuation: "###", "* * *", "—". Rules and separators carry no text to match.
        return True
    words = core.split()
    if len(words) > _MAX_PROMPT_WORDS:
        return False
    if len(words) <= _MAX_PROMPT_WORDS and _is_prompt(core):
        return True
    if len(words) > _MAX_SHORT_WORDS:
        return bool(_LABELLED.match(core)) and not _REPORTING.search(core)
    return (
        _WHOLE_LINE.fullmatch(core) is not None
        or (_LABELLED.match(core) is not None and not _REPORTING.search(core))
        or _CREDIT.search(core) is not None
        or _AGENCY_CREDIT.match(core) is not None
        or _COUNTER.match(core) is not None
        or _is_share_row(words)
        or _is_timestamp(core)
        or _is_byline(core)
    )


def _is_copyright(line: str) -> bool:
    """Whether ``_COPYRIGHT`` is found in a non-empty line. Most lines cannot hold it: it
    starts the line with "©", "(c)" or "copyright", or has "reserv…" or "…behalten" (in any
    case: these letters have no case-insensitive equivalents but their capitals)."""
    if line[0] not in "©(cC":
        low = line.lower()
        if "erv" not in low and "behalten" not in low:
            return False
    return _COPYRIGHT.search(line) is not None


def _is_prompt(core: str) -> bool:
    # the anchored patterns first: they rule most lines out, the search through the whole
    # line for a reporting verb is needed only where one of them matches
    if _FOLLOW.match(core):
        return not _REPORTING.search(core)
    match = _PROMPT.match(core)
    if match is None or _PROMPT_OBJECT.search(core, match.start()) is None:
        return False
    return not _REPORTING.search(core)


def _is_share_row(words: list[str]) -> bool:
    """A row of share buttons: only share words, with at least one verb or network name."""
    lowered = [word.strip(_EDGE_PUNCT).lower() for word in words]
    lowered = [word for word in lowered if word]
    if not lowered or not all(word in _SHARE_WORDS for word in lowered):
        return False
    return any(word in _SHARE_VERBS or word in _NETWORKS for word in lowered)


def _is_timestamp(core: str) -> bool:
    """A line made only of date and time words, such as "Updated 10:42 GMT, March 4"."""
    lead = _TIMESTAMP_LEAD.match(core)
    rest = core[lead.end() :] if lead else core
    tokens = [token.strip(".").lower() for token in _DATE_TOKEN.findall(rest)]
    tokens = [token for token in tokens if token]
    if not tokens:
        return lead is not None
    has_anchor = False
    for token in tokens:
        if _DATE_NUMBER.match(token) or token in _DATE_ANCHORS:
            has_anchor = True
        elif token not in _DATE_WORDS:
            return False
    return has_anchor


def _is_byline(core: str) -> bool:
    """ "By Jane Doe", "By Jane Doe and Ravi Menon | Harbour Times": capitalised names only."""
    match = _BYLINE.match(core)
    if match is None:
        return False
    names = match.group("names").split()
    if not 1 <= len(names) <= 6 or not names[0][0].isupper():
        return False
    if not all(word[0].isupper() or word.lower() in _NAME_JOINERS for word in names):
        return False
    tail = match.group("tail")
    if tail is None:
        return True
    return all(word[0].isupper() or word.lower() in _TAIL_WORDS for word in tail.split())

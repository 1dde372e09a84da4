import pytest

from corpus.normalize import normalized, number_value, word_forms


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The U.S. plan", "the US plan"),
        ("“Build it,” she said — now.", '"build it" she said - now'),
        ("The organisation's centre", "the organization's center"),
        ("$1.2 billion", "1,200 million"),
        ("twelve turbines", "12 turbines"),
        ("a dozen homes", "a 12 homes"),
    ],
)
def test_surface_differences_fold_away(a: str, b: str) -> None:
    assert normalized(a) == normalized(b)


@pytest.mark.parametrize(
    ("token", "language", "value"),
    [
        ("1,200", "en", 1200.0),
        ("1.2", "en", 1.2),
        ("1.200", "es", 1200.0),
        ("1,5", "es", 1.5),
        ("2,5", "fr", 2.5),
        ("1,200,000", "en", 1_200_000.0),
        ("seven", "en", 7.0),
    ],
)
def test_number_values_follow_the_language(token: str, language: str, value: float) -> None:
    assert number_value(token, language) == value


def test_spanish_scale_words() -> None:
    assert word_forms("1.200 millones de dólares", "es")[0] == "1200000000"
    assert word_forms("$1.2 billion", "en")[0] == "1200000000"


def test_different_numbers_stay_different() -> None:
    assert normalized("$2.5 billion") != normalized("$1.8 billion")


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("neighbouring", "neighboring"),
        ("labourers", "laborers"),
        ("organisations", "organizations"),
        ("paralysed", "paralyzed"),
        ("theatres", "theaters"),
        ("signalled", "signaled"),
        ("dialogues", "dialogs"),
    ],
)
def test_british_endings_fold_to_american(british: str, american: str) -> None:
    assert word_forms(british) == word_forms(american)


@pytest.mark.parametrize("pair", [("filled", "filed"), ("hours", "hors"), ("four", "for")])
def test_spelling_rules_never_merge_two_real_words(pair: tuple[str, str]) -> None:
    assert word_forms(pair[0]) != word_forms(pair[1])


def test_currency_word_after_a_number_equals_the_symbol() -> None:
    assert word_forms("$41m a year") == word_forms("41 million dollars a year")
    assert word_forms("41 Mio. Dollar", "de") == word_forms("$41 million")
    assert word_forms("the dollar fell") == ["the", "dollar", "fell"]


def test_a_number_too_big_for_a_float_is_read_without_error() -> None:
    from corpus.article import Article
    from corpus.comparison import compare
    from corpus.normalize import word_forms

    huge = "1" * 400
    assert word_forms(f"{huge} people and {'9' * 300} billion dollars") == [
        "inf",
        "people",
        "and",
        "inf",
    ]
    text = f"The ledger listed {huge} entries on Monday. It was audited by the port authority."
    arts = [Article(source=f"{k}.txt", id=k, outlet=k, text=text) for k in ("a", "b")]
    assert {m.kind for m in compare(arts).matches} == {"verbatim"}

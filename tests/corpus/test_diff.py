from corpus.diff import word_diff

A = "The council approved a $1.2 billion array on Tuesday, clearing the way for 48 turbines."
B = "The city council approved a $1.2 billion array late on Tuesday, clearing the way for turbines."


def changed(a: str, b: str) -> list[tuple[str, str, str]]:
    return [
        (c.op, a[c.a_start : c.a_end], b[c.b_start : c.b_end])
        for c in word_diff(a, b)
        if c.op != "equal"
    ]


def test_inserted_and_deleted_words_are_located() -> None:
    assert changed(A, B) == [("insert", "", "city"), ("insert", "", "late"), ("delete", "48", "")]


def test_replaced_word() -> None:
    a = "Okafor said the city was taking on too much risk."
    b = "Okafor argued the city was taking on too much risk."
    assert changed(a, b) == [("replace", "said", "argued")]


def test_surface_differences_are_not_changes() -> None:
    a = "The U.S. organisation said “yes” — twelve times."
    b = 'The US organization said "yes" - 12 times.'
    assert changed(a, b) == []


def test_spans_cover_equal_runs() -> None:
    steps = word_diff(A, A)
    assert [s.op for s in steps] == ["equal"]
    assert (steps[0].a_start, steps[0].a_end) == (0, len(A) - 1)

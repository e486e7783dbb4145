"""Rich text cut into block-level segments, joined back, and aligned when the Dutch changed."""

from translations.segments import align, join, plain_text, split


def test_a_rich_text_is_cut_into_its_top_level_blocks():
    html = (
        '<h2>Titel</h2>\n<p>Een <a href="https://stad.gent">link</a>.</p>'
        "<ul><li>een</li><li>twee<br>drie</li></ul>"
    )
    assert split(html) == [
        "<h2>Titel</h2>",
        '<p>Een <a href="https://stad.gent">link</a>.</p>',
        "<ul><li>een</li><li>twee<br>drie</li></ul>",
    ]


def test_nothing_is_lost_between_and_after_blocks():
    html = "losse tekst<p>Een.</p>meer tekst<p>open <b>x"
    assert split(html) == ["losse tekst", "<p>Een.</p>", "meer tekst", "<p>open <b>x"]


def test_joining_the_segments_gives_the_text_back():
    html = "<p>Een.</p>\n<p>Twee.</p>"
    assert join(split(html)) == html
    assert split("") == []
    assert join(["<p>Een.</p>", " ", "<p>Twee.</p>"]) == html


def test_plain_text_keeps_words_whole_across_inline_tags():
    assert plain_text("<p><b>Gent</b>. Een &amp; twee</p><p>drie</p>") == "Gent. Een & twee drie"


def test_alignment_follows_paragraphs_added_and_removed():
    assert align(["a", "b", "c"], ["a", "nieuw", "b", "c"]) == [0, None, 1, 2]
    assert align(["a", "b", "c"], ["a", "c"]) == [0, 2]
    assert align(["a", "b", "c"], ["a", "b gewijzigd", "c"]) == [0, 1, 2]

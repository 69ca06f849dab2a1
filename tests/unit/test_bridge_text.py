"""Texts the Telegram bridge sends: split within Telegram's limit, right-to-left lines kept right-to-left."""
from bot.bridge import RLM, rtl_lines, split_text


def test_arabic_lines_whose_first_letter_is_latin_or_that_have_no_letter_get_a_right_to_left_mark():
    # A client lays a paragraph out by its first strong (letter) character (Unicode bidi rule P2).
    text = "112 رقم الطوارئ\nCoMensha تساعدك\nاتصل بـ Veilig Thuis\n\n0800-2000"
    lines = rtl_lines(text).split("\n")
    assert lines[0] == "112 رقم الطوارئ"  # its first letter is Arabic
    assert lines[1] == RLM + "CoMensha تساعدك"
    assert lines[2] == "اتصل بـ Veilig Thuis"  # starts right-to-left already
    assert lines[3] == ""
    assert lines[4] == RLM + "0800-2000"


def test_left_to_right_texts_are_unchanged():
    text = "112: call now.\nVeilig Thuis 0800-2000"
    assert rtl_lines(text) == text


def test_long_texts_are_split_within_telegrams_limit_at_boundaries():
    text = ("word " * 2000).strip()
    parts = split_text(text, limit=4096)
    assert all(len(p) <= 4096 for p in parts) and " ".join(parts) == text

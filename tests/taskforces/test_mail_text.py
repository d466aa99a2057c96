"""The words of an e-mail reply: the quoted message and signature left out, as the common
mail programs write them in each of the six languages (taskforces/mail_text.py)."""

from email.message import EmailMessage

import pytest

from taskforces.mail_text import html_to_text, reply_text, strip_reply


@pytest.mark.parametrize(
    "tail",
    [
        "On Mon, 7 Dec 2026 at 22:00, Ana Alves <ana@example.org> wrote:\n> Quoted",
        "On Mon, 7 Dec 2026 at 22:00 Ana Alves <\nana@example.org> wrote:\nQuoted",
        "Le lun. 7 déc. 2026 à 22:00, Ana Alves <ana@example.org> a écrit :\nQuoted",
        "El lun, 7 dic 2026 a las 22:00, Ana Alves (<ana@example.org>) escribió:\nQuoted",
        "пн, 7 дек. 2026 г. в 22:00, Ana Alves <ana@example.org>:\n> Quoted",
        "7 дек. 2026 г., в 22:00, Ana Alves <ana@example.org> написал(а):\nQuoted",
        "في الاثنين، 7 ديسمبر 2026 في 10:00 م، Ana Alves <ana@example.org> كتب:\nQuoted",
        "Ana Alves <ana@example.org> 于2026年12月7日周一 22:00写道：\nQuoted",
        "-----Original Message-----\nFrom: Portal\nQuoted",
        "-----Message d'origine-----\nDe : Portal\nQuoted",
        "-----Mensaje original-----\nQuoted",
        "-----Исходное сообщение-----\nQuoted",
        "-----原始邮件-----\nQuoted",
        "________________________________\nFrom: Portal <noreply@example.org>\n"
        "Sent: Monday, 7 December 2026 22:00\nTo: Mo Member\nQuoted",
        "De : Portal <noreply@example.org>\nEnvoyé : lundi 7 décembre 2026 22:00\nQuoted",
        "От: Portal <noreply@example.org>\nОтправлено: 7 декабря 2026 г.\nQuoted",
        "发件人: Portal <noreply@example.org>\n发送时间: 2026年12月7日 22:00\nQuoted",
        "من: Portal <noreply@example.org>\nتاريخ الإرسال: 7 ديسمبر 2026\nQuoted",
        "-- \nMo Member\nOffice A",
        "Sent from my iPhone",
        "Envoyé de mon iPhone",
        "Enviado desde mi iPhone",
        "Отправлено с iPhone",
        "发自我的iPhone",
        "Get Outlook for Android",
    ],
)
def test_the_quoted_message_and_signature_are_left_out(tail):
    assert strip_reply(f"Agreed.\n\nLet us pilot it.\n\n{tail}\n") == "Agreed.\n\nLet us pilot it."


def test_quoted_lines_within_the_text_are_left_out():
    text = "> Should we pilot it?\nYes.\n> And when?\nIn March."
    assert strip_reply(text) == "Yes.\nIn March."


def test_a_from_line_of_ones_own_is_kept():
    assert strip_reply("From: the pilot team, good news.\nIt works.") == (
        "From: the pilot team, good news.\nIt works."
    )


def test_html_becomes_text_without_its_quote_or_scripts():
    html = (
        "<html><head><style>p{}</style></head><body><p>One &amp; two</p><div>Three<br>four"
        '</div><script>x()</script><div class="gmail_quote">On … wrote:<blockquote>Old'
        "</blockquote></div></body></html>"
    )
    assert html_to_text(html) == "One & two\n\nThree\nfour"


def test_html_lines_stay_lines_and_an_empty_line_a_paragraph():
    html = "<div>One</div><div>Two</div><div><br></div><div>Three</div>"
    assert html_to_text(html) == "One\nTwo\n\nThree"


def test_the_plain_part_is_preferred_and_html_only_is_converted():
    both = EmailMessage()
    both.set_content("Plain words.")
    both.add_alternative("<p>HTML words.</p>", subtype="html")
    assert reply_text(both) == "Plain words."
    html_only = EmailMessage()
    html_only.set_content("<p>Only <b>HTML</b>.</p>", subtype="html")
    assert reply_text(html_only) == "Only HTML."


def test_an_unknown_charset_does_not_stop_the_reply():
    message = EmailMessage()
    message["Content-Type"] = "text/plain; charset=x-unknown"
    message.set_payload(b"Caf\xc3\xa9")
    assert reply_text(message) == "Café"

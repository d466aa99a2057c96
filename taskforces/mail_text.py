"""What a person wrote in an e-mail reply: its text, without the quoted message or signature.

Mail programs quote the message answered below an attribution line ("On … wrote:", in the
reader's language), with ">" before each line or under an Outlook header block; phones add
"Sent from my …". Everything from the first of these on is dropped. The six UN languages
are covered as the common programs write them (Gmail, Outlook, Apple Mail, Thunderbird).
"""

import re
from email.message import EmailMessage, Message
from html.parser import HTMLParser

# "On Mon, 7 Dec 2026 at 22:00, Ana <ana@example.org> wrote:" and the same in French,
# Spanish, Russian, Arabic and Chinese. Gmail may wrap it over two lines.
_ATTRIBUTION = re.compile(
    r"^\s*(?:"
    r"On\b.*\bwrote\s*:"
    r"|Le\b.*\ba\s+écrit\s*:"
    r"|El\b.*\bescribió\s*:"
    r"|.*\b(?:пишет|написал(?:\(а\)|а)?)\s*:"
    r"|في\s.*كتب.*:"
    # Gmail in Russian and others name no verb: "пн, 7 дек. 2026 г. в 22:00, Ana <a@b>:".
    r"|.*\d.*<[^<>@\s]+@[^<>\s]+>\s*:"
    r"|.*写道\s*[:：]"
    r")\s*$",
    re.IGNORECASE,
)
# Outlook's separator lines, in each language.
_ORIGINAL_MESSAGE = re.compile(
    r"^\s*-{2,}\s*(?:Original Message|Message d'origine|Mensaje original|Исходное сообщение"
    r"|الرسالة الأصلية|原始邮件|原始郵件)\s*-{2,}\s*$",
    re.IGNORECASE,
)
# Outlook's header block: "From:" with "Sent:", "Date:" or "To:" within the next lines.
_FROM_LABEL = re.compile(r"^\s*\*?(?:From|De|От|Від|من|发件人|寄件者)\s*\*?\s*[:：]", re.IGNORECASE)
_HEADER_LABEL = re.compile(
    r"^\s*\*?(?:Sent|Date|To|Subject|Envoyé|Date|À|Objet|Enviado|Fecha|Para|Asunto"
    r"|Отправлено|Дата|Кому|Тема|تاريخ الإرسال|التاريخ|إلى|الموضوع|发送时间|日期|收件人|主题)"
    r"\s*\*?\s*[:：]",
    re.IGNORECASE,
)
_SIGNATURE_DELIMITER = re.compile(r"^-- ?$")
# "Sent from my iPhone", "Get Outlook for Android" and their translations.
_SENT_FROM = re.compile(
    r"^\s*(?:Sent from my\b|Get Outlook for\b|Envoyé de mon\b|Envoyé depuis\b"
    r"|Enviado desde mi\b|Obtener Outlook para\b|Отправлено с\b|Отправлено из\b"
    r"|أرسلت من\b|تم الإرسال من\b|发自我的|從我的.*傳送|获取 Outlook)",
    re.IGNORECASE,
)


def _is_outlook_header(lines: list[str], index: int) -> bool:
    if not _FROM_LABEL.match(lines[index]):
        return False
    return any(_HEADER_LABEL.match(line) for line in lines[index + 1 : index + 4])


def _quote_starts(lines: list[str], index: int) -> bool:
    line = lines[index]
    if _ATTRIBUTION.match(line) or _ORIGINAL_MESSAGE.match(line):
        return True
    following = lines[index + 1] if index + 1 < len(lines) else ""
    if line.strip() and _ATTRIBUTION.match(f"{line.rstrip()} {following.strip()}"):
        return True  # an attribution wrapped over two lines
    if _is_outlook_header(lines, index):
        return True
    # Outlook's line of underscores above the header block.
    underscores = set(line.strip()) == {"_"}
    return underscores and index + 1 < len(lines) and _is_outlook_header(lines, index + 1)


def strip_reply(text: str) -> str:
    """The new text of a reply: up to the quoted message or signature, without ">" lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = []
    for index, line in enumerate(lines):
        if _quote_starts(lines, index) or _SIGNATURE_DELIMITER.match(line):
            break
        if _SENT_FROM.match(line):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


class _TextFromHtml(HTMLParser):
    """Block elements and <br> become line breaks; quoted parts and scripts are left out."""

    # Lines (a break unless one is there) and paragraphs (a blank line before and after).
    _LINES = frozenset({"div", "li", "tr"})
    _PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr", "table", "ul"})
    _SKIPPED = frozenset({"blockquote", "script", "style", "head", "title"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        quoted = "gmail_quote" in classes or "moz-cite-prefix" in classes
        if self.skipping or tag in self._SKIPPED or quoted:
            if tag not in {"br", "hr", "img", "meta", "link", "input"}:
                self.skipping.append(tag)
            return
        if tag == "br":
            self.parts.append("\n")
        else:
            self._break(tag)

    def _break(self, tag: str) -> None:
        wanted = 2 if tag in self._PARAGRAPHS else 1 if tag in self._LINES else 0
        tail = "".join(self.parts[-3:])
        present = len(tail) - len(tail.rstrip("\n"))
        self.parts.append("\n" * max(0, wanted - present))

    def handle_endtag(self, tag):
        if self.skipping:
            if self.skipping[-1] == tag:
                self.skipping.pop()
            return
        self._break(tag)

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(html: str) -> str:
    parser = _TextFromHtml()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _part_text(part: Message) -> str:
    try:
        if isinstance(part, EmailMessage):
            return part.get_content()
        payload = part.get_payload(decode=True) or b""
        return payload.decode(part.get_content_charset() or "utf-8", errors="replace")
    except (LookupError, KeyError):  # an unknown charset
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", errors="replace")


def reply_text(message: Message) -> str:
    """The reply's own words: its text/plain part, else its HTML as text, stripped."""
    plain = html = None
    for part in message.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        content_type = part.get_content_type()
        if content_type == "text/plain" and plain is None:
            plain = _part_text(part)
        elif content_type == "text/html" and html is None:
            html = _part_text(part)
    if plain is None and html is not None:
        plain = html_to_text(html)
    return strip_reply(plain or "")

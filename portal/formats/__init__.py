"""Named date and time formats per interface language, read by ``portal.dates``.

One module per language (``<locale>/formats.py``, Django's layout); a name a language
does not define falls back to English.
"""

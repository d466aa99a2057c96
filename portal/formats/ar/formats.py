# The Arabic comma (U+060C) separates the parts; the 24-hour clock avoids AM/PM letters.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j/n/Y"
DATETIME_FORMAT = "j F Y، H:i"
SHORT_DATETIME_FORMAT = "j/n/Y، H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DATE_FORMAT = "l، j F Y"

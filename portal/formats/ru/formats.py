# "E" is the month's name in the genitive case: 6 декабря 2026 г.
DATE_FORMAT = "j E Y г."
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "j E Y г., H:i"
SHORT_DATETIME_FORMAT = "d.m.Y, H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y г."
WEEKDAY_DATE_FORMAT = "l, j E Y г."

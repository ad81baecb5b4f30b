# Arabic as Django writes it, Western digits with "," before decimals and "." between
# thousands: as in Morocco (most Arabic speakers in the Netherlands) and on her Dutch letters;
# Django's module leaves the thousands ungrouped (14000), so group them (14.000).
NUMBER_GROUPING = 3

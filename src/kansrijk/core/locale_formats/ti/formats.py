# Tigrinya, which Django does not know: numbers as in Eritrea and Ethiopia (CLDR "ti"): "."
# before decimals, "," between thousands; dates day first, as every date of kansrijk is.
DATE_FORMAT = "j E Y"
SHORT_DATE_FORMAT = "d/m/Y"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1  # Monday

from msp_contract.values.terms import find_definitions, parse_hours, parse_weekdays


def test_business_hours_definition_sets_calendar() -> None:
    text = (
        "Business Hours means 8:00 a.m. to 6:00 p.m. Monday to Friday. Support is provided in Business Hours."
    )
    definitions = find_definitions(text)
    calendar = definitions.calendar
    assert (calendar.open_minute, calendar.close_minute, calendar.weekdays) == (480, 1080, (0, 1, 2, 3, 4))
    assert calendar.defined is True
    assert calendar.hours_per_day == 10
    assert calendar.describe() == "08:00-18:00 Mon-Fri"
    definition = definitions.get("business hours")
    assert definition is not None
    assert text[definition.start : definition.end].startswith("Business Hours means")


def test_quoted_and_inline_definitions() -> None:
    text = (
        "“Business Day” shall mean any day other than a Saturday, Sunday or bank holiday in London. "
        'The initial term of three (3) years (the "Initial Term") starts on signature.'
    )
    definitions = find_definitions(text)
    assert [d.term for d in definitions.items] == ["Business Day", "Initial Term"]
    assert definitions.calendar.weekdays == (0, 1, 2, 3, 4)
    assert definitions.get("Business Days") is not None  # plural finds the singular


def test_default_calendar_when_undefined() -> None:
    calendar = find_definitions("No definitions here.").calendar
    assert (calendar.defined, calendar.describe()) == (False, "09:00-17:00 Mon-Fri")


def test_parse_hours_forms() -> None:
    assert parse_hours("08:00 to 18:00") == (480, 1080)
    assert parse_hours("9am-5pm") == (540, 1020)
    assert parse_hours("24x7") == (0, 1440)
    assert parse_hours("no times") is None


def test_parse_weekdays_forms() -> None:
    assert parse_weekdays("Mon-Sat") == (0, 1, 2, 3, 4, 5)
    assert parse_weekdays("seven days a week") == tuple(range(7))
    assert parse_weekdays("weekdays") == (0, 1, 2, 3, 4)

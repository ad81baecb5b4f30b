"""Meetings planned ahead between buddy and household, and the buddy's private calendar feed.

A subject of its own inside `contacts` (a contact is a meeting that happened; an appointment one
that is to come): `rules` says who may plan, `services` writes, `selectors` reads, `calendar`
writes iCalendar, `views` and `urls` are the pages.
"""

"""The Academie's courses, for the Buddy Building agenda (overview/buddy_building.py)."""

from kansrijk.academy.tests.conftest import courses

__all__ = ["courses"]

"""Fixtures matching's tests share with the Academie's: matching asks the Academie who is ready."""

from kansrijk.academy.tests.conftest import courses, in_training, strict

__all__ = ["courses", "in_training", "strict"]

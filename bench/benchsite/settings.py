"""The product's settings, with the benchmark's URLconf (which adds the floor view)."""

from kansrijk.settings import *  # noqa: F403

ROOT_URLCONF = "benchsite.urls"

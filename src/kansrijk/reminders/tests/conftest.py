import pytest


@pytest.fixture(autouse=True)
def _site_url_and_english(settings):
    """Links to a site of its own; e-mails in English, to assert them in the msgid language
    (the default is Dutch, whose catalogue changes while the tests stay the same)."""
    settings.SITE_URL = "https://kansrijk.example.nl"
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def remind():
    """Run `kansrijk remind` and answer what it printed."""
    import io

    from django.core.management import call_command

    def run(*args: str) -> str:
        out = io.StringIO()
        call_command("remind", *args, stdout=out, stderr=io.StringIO())
        return out.getvalue()

    return run

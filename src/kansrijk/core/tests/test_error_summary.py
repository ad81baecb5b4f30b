"""The error summary above a form: every error a link to its field, messages that name it."""

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse

from kansrijk.core.dates import today
from kansrijk.core.forms import IntegerField, date_field


class ContactForm(forms.Form):
    name = forms.CharField(label="Name")
    area = forms.ChoiceField(label="Neighbourhood", choices=[("a", "A"), ("b", "B")])
    how = forms.ChoiceField(
        label="How did you meet?",
        choices=[("v", "Visit"), ("p", "Phone")],
        widget=forms.RadioSelect,
    )
    agreed = forms.BooleanField(label="The participant agrees")
    on = date_field("Date")
    note = forms.CharField(
        label="Note", required=False, max_length=3, error_messages={"max_length": "Too long!"}
    )
    version = IntegerField(widget=forms.HiddenInput, min_value=1)


def _summary(form: forms.Form) -> str:
    return render_to_string("components/error_summary.html", {"form": form})


def test_an_empty_form_names_each_missing_field_instead_of_repeating_one_sentence():
    form = ContactForm({})
    form.is_valid()

    errors = {name: form[name].errors for name in ("name", "area", "how", "agreed")}

    assert errors == {
        "name": ["Fill in “Name”."],
        "area": ["Choose an answer at “Neighbourhood”."],
        "how": ["Choose an answer at “How did you meet?”."],
        "agreed": ["Tick “The participant agrees”."],
    }


def test_each_error_in_the_summary_links_to_its_field():
    form = ContactForm({"area": "b"})
    form.is_valid()

    html = _summary(form)

    assert '<a href="#id_name">Fill in “Name”.</a>' in html
    assert '<a href="#id_how_0">Choose an answer at “How did you meet?”.</a>' in html
    assert '<a href="#id_agreed">Tick “The participant agrees”.</a>' in html
    assert "Neighbourhood" not in html  # answered


def test_a_hidden_fields_error_is_listed_without_a_link_to_nowhere():
    form = ContactForm({"version": "x"})
    form.is_valid()

    html = _summary(form)

    assert "#id_version" not in html
    # A person never saw the hidden field: its own message, without its name.
    assert "<li>Enter a whole number.</li>" in html
    assert "Version" not in html


def test_a_versioned_form_without_its_version_says_to_open_the_page_again():
    from kansrijk.core.forms import VersionedForm

    form = VersionedForm({})
    form.is_valid()

    assert form["version"].errors == [
        "This page was incomplete. Open it again and fill it in once more."
    ]


def test_the_summary_takes_the_focus_when_it_arrives():
    form = ContactForm({})
    form.is_valid()

    html = _summary(form)

    assert 'tabindex="-1" autofocus' in html
    assert 'role="alert"' in html


def test_an_invalid_value_names_the_field_and_a_forms_own_message_is_kept():
    form = ContactForm({"on": "yesterday", "note": "x" * 10})
    form.is_valid()

    assert form["on"].errors == ["“Date”: Enter a valid date."]
    assert form["note"].errors == ["Too long!"]


def test_the_summary_says_nothing_when_all_is_well():
    form = ContactForm(
        {"name": "Ans", "area": "a", "how": "v", "agreed": "on", "on": str(today()), "version": "1"}
    )

    assert _summary(form).strip() == ""


def test_the_field_keeps_the_named_message_beside_it_and_the_typed_value(client, cast):
    client.force_login(cast.coordinator)

    response = client.post(
        reverse("refer", args=[cast.programme.slug]), {"referrer_name": "Mieke de Vries"}
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert html.count("This field is required.") == 0
    assert 'value="Mieke de Vries"' in html
    assert '<a href="#id_given_name">' in html

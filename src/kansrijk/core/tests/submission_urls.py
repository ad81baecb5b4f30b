"""The app's URLs plus a small form that creates a group, for the one-time key tests."""

import uuid

from django.contrib import messages
from django.contrib.auth.models import Group
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template import engines
from django.urls import path

from kansrijk.core.submissions import submission_saved
from kansrijk.urls import urlpatterns as app_urlpatterns

FORM = engines["django"].from_string(
    '<form method="post">{% csrf_token %}{% submission_key %}<input name="name"></form>'
)


def make_group(request: HttpRequest) -> HttpResponse:
    """Makes a group named after the form (plus a random end: group names are unique); an
    empty name is an error, "not now" is refused with a message, "crash" crashes after saving."""
    if request.method == "GET":
        return HttpResponse(FORM.render({}, request))
    name = request.POST.get("name", "")
    if not name:
        return HttpResponse("A name, please.", status=422)
    if name == "not now":  # refused as some views do: an error message and back to the page
        messages.error(request, "This step is not possible now.")
        return redirect("/test-submissions/new/")
    Group.objects.create(name=f"{name} {uuid.uuid4().hex[:8]}")
    if name == "crash":
        raise RuntimeError("a deliberate failure after saving")
    if request.htmx:
        submission_saved(request, result_url="/test-submissions/groups/")
        return HttpResponse(f"<li>{name}</li>")
    return redirect("/test-submissions/groups/")


urlpatterns = [path("test-submissions/new/", make_group), *app_urlpatterns]

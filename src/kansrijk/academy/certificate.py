"""A certificate of the Buddy Academie as a one-page A4 PDF (`academy/pdf/certificate.html`,
printed by `core.pdf`).

It lists the courses the person attended, with dates and hours, and the total, and is signed off
in the municipality of the programme they are a buddy in.
"""

from decimal import Decimal

from django.http import HttpResponse
from django.utils import formats
from django.utils.translation import gettext as _

from kansrijk.core.dates import long_date, today
from kansrijk.core.pdf import render_pdf
from kansrijk.people.choices import Role
from kansrijk.people.models import ProgrammeRole, User

from .selectors import courses_attended


def _hours(value: Decimal) -> str:
    return formats.number_format(value.normalize() if value % 1 else int(value))


def _municipality(user: User) -> str:
    role = (
        ProgrammeRole.objects.filter(user=user, role=Role.BUDDY)
        .select_related("programme")
        .order_by("-active", "id")
        .first()
    )
    return role.programme.municipality if role else ""


def certificate_pdf(user: User) -> bytes:
    """The certificate's bytes: name, courses attended (date, hours) and the total hours."""
    done = courses_attended(user)
    total = sum((item.hours for item in done), Decimal(0))
    signed_on = long_date(today())
    place = _municipality(user)
    context = {
        "person": str(user),
        "courses": [
            {
                "name": item.course.name,
                "on": long_date(item.on),
                "hours": _("%(hours)s hours") % {"hours": _hours(item.hours)},
            }
            for item in done
        ],
        "in_all": _("In all: %(hours)s hours of training") % {"hours": _hours(total)},
        "signed": f"{place}, {signed_on}" if place else signed_on,
    }
    title = _("Certificate of the Buddy Academie for %(name)s") % {"name": user}
    return render_pdf(
        "academy/pdf/certificate.html",
        context,
        title=title,
        stylesheets=["academy/pdf/certificate.css"],
    )


def response(user: User) -> HttpResponse:
    answer = HttpResponse(certificate_pdf(user), content_type="application/pdf")
    answer["Content-Disposition"] = 'attachment; filename="buddy-academie-certificate.pdf"'
    return answer

"""A certificate of the Buddy Academie as a one-page A4 PDF, on core's `Document` (fpdf2).

It lists the courses the person attended, with dates and hours, and the total, and is signed off
in the municipality of the programme they are a buddy in.
"""

from decimal import Decimal

from django.http import HttpResponse
from django.utils import formats
from django.utils.translation import gettext as _
from fpdf.enums import XPos, YPos

from kansrijk.core.dates import today
from kansrijk.core.pdf import Document
from kansrijk.people.choices import Role
from kansrijk.people.models import ProgrammeRole, User

from .selectors import courses_attended

TEAL = (0, 105, 120)
INK = (20, 20, 20)


def _hours(value: Decimal) -> str:
    return formats.number_format(value.normalize() if value % 1 else int(value))


def _centred(pdf: Document, text: str, *, height: float, size: float, bold: bool = False) -> None:
    pdf.set_font(pdf.body_font, "B" if bold else "", size)
    pdf.multi_cell(0, height, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


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
    pdf = Document(margin=22)
    pdf.set_title(_("Certificate"))
    pdf.add_page()
    pdf.set_draw_color(*TEAL)
    pdf.set_line_width(1.2)
    pdf.rect(12, 12, 186, 273)
    pdf.set_text_color(*TEAL)
    pdf.ln(18)
    _centred(pdf, _("Certificate"), height=14, size=26, bold=True)
    _centred(pdf, "Buddy Academie", height=9, size=15)
    pdf.set_text_color(*INK)
    pdf.ln(12)
    _centred(pdf, _("This certifies that"), height=8, size=12)
    _centred(pdf, str(user), height=14, size=20, bold=True)
    _centred(pdf, _("took part in these courses of the Buddy Academie:"), height=7, size=12)
    pdf.ln(6)
    for item in done:
        line = f"{item.course.name}  –  {formats.date_format(item.on, 'j F Y')}  –  "
        line += _("%(hours)s hours") % {"hours": _hours(item.hours)}
        _centred(pdf, line, height=8, size=12)
    if not done:
        _centred(pdf, _("No course attended yet."), height=8, size=12)
    pdf.ln(6)
    total = sum((item.hours for item in done), Decimal(0))
    in_all = _("In all: %(hours)s hours of training") % {"hours": _hours(total)}
    _centred(pdf, in_all, height=9, size=13, bold=True)
    pdf.set_y(-50)
    signed_on = formats.date_format(today(), "j F Y")
    place = _municipality(user)
    _centred(pdf, f"{place}, {signed_on}" if place else signed_on, height=7, size=11)
    return bytes(pdf.output())


def response(user: User) -> HttpResponse:
    answer = HttpResponse(certificate_pdf(user), content_type="application/pdf")
    answer["Content-Disposition"] = 'attachment; filename="buddy-academie-certificate.pdf"'
    return answer

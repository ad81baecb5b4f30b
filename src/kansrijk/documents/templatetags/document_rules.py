"""The documents' rules for templates: a template asks a rule, it never combines conditions."""

from django import template

from kansrijk.documents import rules
from kansrijk.documents.models import Document

register = template.Library()


@register.simple_tag(takes_context=True)
def may_remove_document(context: template.Context, document: Document) -> bool:
    """`{% may_remove_document document as removable %}` on a page about one household and its
    trajectory: the page's household, so a list asks no query per document."""
    request, household = context["request"], context.get("household")
    trajectory = context.get("trajectory")
    if household is None or trajectory is None:
        return False
    return rules.may_remove_document(request.user, household, trajectory, document)

"""The documents' rules for templates: a template asks a rule, it never combines conditions."""

from django import template

from kansrijk.documents import rules
from kansrijk.documents.models import Document

register = template.Library()


@register.simple_tag(takes_context=True)
def may_remove_document(context: template.Context, document: Document) -> bool:
    """`{% may_remove_document document as removable %}` on a page about one trajectory."""
    request, trajectory = context["request"], context.get("trajectory")
    if trajectory is None:
        return False
    return rules.may_remove_document(request.user, document.household, trajectory, document)

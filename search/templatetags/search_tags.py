from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def facet_link(context, name: str, value=None) -> str:
    """The current search with facet ``name`` set to ``value`` (None clears it), page 1."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    if value is None:
        params.pop(name, None)
    else:
        params[name] = value
    return "?" + params.urlencode()

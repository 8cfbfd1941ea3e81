"""Template helpers: accessible form fields."""

from __future__ import annotations

from django import forms, template

register = template.Library()


@register.inclusion_tag("core/field.html")
def field(bound: forms.BoundField) -> dict[str, object]:
    """Render a field whose input points at its help text and errors (aria-describedby, aria-invalid)."""
    described = []
    if bound.help_text:
        described.append(f"{bound.auto_id}_help")
    if bound.errors:
        described.append(f"{bound.auto_id}_errors")
        bound.field.widget.attrs["aria-invalid"] = "true"
    if described:
        bound.field.widget.attrs["aria-describedby"] = " ".join(described)
    return {"field": bound}


@register.inclusion_tag("core/form_errors.html")
def form_errors(form: forms.Form) -> dict[str, object]:
    """An error summary at the top of a form, linking to each field with an error."""
    return {"form": form}


@register.filter
def display_value(value: object) -> str:
    """Lists as comma-separated text (audit details), everything else as text."""
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)

"""Test helpers shared by the test suites: factories (``factories.py``) and form helpers."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms


def form_post_data(form: forms.BaseForm, **changes: Any) -> dict[str, Any]:
    """What a browser would send for ``form`` as rendered (its initial values), with ``changes``.

    Check boxes that are off are left out, as browsers do; ``changes`` with ``False`` remove one.
    """
    data: dict[str, Any] = {}
    for name, bound in form.fields.items():
        value = form[name].value()
        if isinstance(bound.widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
        elif value is None:
            data[name] = ""
        elif isinstance(value, datetime.time):
            data[name] = value.strftime("%H:%M")
        elif hasattr(value, "pk"):
            data[name] = value.pk
        else:
            data[name] = value
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        elif value is True:
            data[name] = "on"
        else:
            data[name] = value
    return data

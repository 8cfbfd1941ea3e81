from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db import models
from modeltranslation.translator import NotRegistered, translator


def translated_field_names(model: type[models.Model], *fields: str) -> list[str]:
    """``name`` → ``name_fi, name_sv, …``: the per-language columns made by django-modeltranslation."""
    return [f"{field}_{code}" for field in fields for code, _name in settings.LANGUAGES]


class TranslatedModelForm(forms.ModelForm):
    """A model form whose translatable texts have one input per language.

    The Finnish text is required where the model requires the text; other languages fall back
    to Finnish when left empty. ``language_groups`` lets templates show one fieldset per language.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        try:
            options = translator.get_options_for_model(self._meta.model)
        except NotRegistered:
            return
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        names = dict(settings.LANGUAGES)
        for base in options.all_fields:
            model_field = self._meta.model._meta.get_field(base)
            for code in names:
                name = f"{base}_{code}"
                if name in self.fields:
                    field = self.fields[name]
                    field.label = f"{model_field.verbose_name} ({names[code]})".capitalize()
                    field.required = code == default and not model_field.blank
                    field.widget.attrs["lang"] = code
                    field.widget.attrs["dir"] = "rtl" if code in settings.LANGUAGES_BIDI else "ltr"

    def language_groups(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """[(code, language name, [bound fields]), …] for the translated fields; Finnish first."""
        groups = []
        for code, name in settings.LANGUAGES:
            fields = [self[f] for f in self.fields if f.endswith(f"_{code}")]
            if fields:
                groups.append((code, name, fields))
        return groups

    def plain_fields(self) -> list[forms.BoundField]:
        codes = tuple(f"_{code}" for code, _name in settings.LANGUAGES)
        return [self[f] for f in self.fields if not f.endswith(codes)]

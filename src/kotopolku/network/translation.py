"""Staff-edited texts of the hobby catalogue per language (django-modeltranslation), falling back to
Finnish. Partner records are staff-only and stay in one language."""

from modeltranslation.translator import TranslationOptions, register

from kotopolku.network.models import Activity, Event


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = (
        "name",
        "description",
        "price_details",
        "accessibility",
        "schedule",
        "how_to_join",
        "place_name",
    )


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description", "place_name")

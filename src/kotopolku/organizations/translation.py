"""Staff-edited texts that exist per language (django-modeltranslation), falling back to Finnish."""

from modeltranslation.translator import TranslationOptions, register

from kotopolku.organizations.models import Organization, Place, RegularHours, Service


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "unit_name", "intro", "booking_instructions", "accessibility_statement")


@register(Place)
class PlaceTranslation(TranslationOptions):
    fields = ("name", "description", "accessibility")


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = ("name", "description")


@register(RegularHours)
class RegularHoursTranslation(TranslationOptions):
    fields = ("note",)

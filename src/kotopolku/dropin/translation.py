"""Staff-edited drop-in texts per language (django-modeltranslation), falling back to Finnish."""

from modeltranslation.translator import TranslationOptions, register

from kotopolku.dropin.models import DropinExtraSession, DropinSchedule, DropinSessionException


@register(DropinSchedule)
class DropinScheduleTranslation(TranslationOptions):
    fields = ("note",)


@register(DropinSessionException)
class DropinSessionExceptionTranslation(TranslationOptions):
    fields = ("reason",)


@register(DropinExtraSession)
class DropinExtraSessionTranslation(TranslationOptions):
    fields = ("note",)

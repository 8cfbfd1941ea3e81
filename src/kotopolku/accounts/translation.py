from modeltranslation.translator import TranslationOptions, register

from kotopolku.accounts.models import User


@register(User)
class UserTranslation(TranslationOptions):
    fields = ("job_title",)

"""Signing in with a password: Django's `ModelBackend`, with the per-request read of the user
that also brings their roles and confirmed apps (`selectors.signed_in_user`)."""

from django.contrib.auth.backends import ModelBackend

from .selectors import signed_in_user


class PasswordBackend(ModelBackend):
    def get_user(self, user_id):
        user = signed_in_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

"""Reads for signing in: does this user or session still owe a second factor, and the QR code."""

from base64 import b32encode

import segno
from django.conf import settings
from django.db import connections, router
from django.db.models import FilteredRelation, Model, Q
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp import device_classes, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from kansrijk.access.policy import own_household, roles_of
from kansrijk.access.viewer import keep_roles
from kansrijk.people.languages import her_language
from kansrijk.people.models import Organisation, Programme, ProgrammeRole, User

from .sessions import IDP_MFA_SESSION_KEY

VERIFY = "two_factor"
SET_UP = "two_factor_setup"


# Kept on the user object by `signed_in_user`, for this request only.
_CONFIRMED_APPS = "_kansrijk_confirmed_apps"


def _columns(model: type[Model], path: str = "") -> list[str]:
    prefix = f"{path}__" if path else ""
    return [f"{prefix}{field.attname}" for field in model._meta.concrete_fields]


def _instance(model: type[Model], row: tuple, start: int) -> tuple[Model | None, int]:
    """The `model` instance in `row` from `start` (None when its outer join found no row), and
    where the next one starts."""
    fields = model._meta.concrete_fields
    values = row[start : start + len(fields)]
    end = start + len(fields)
    if values[0] is None:  # the primary key: nothing joined
        return None, end
    return model.from_db(router.db_for_read(model), [f.attname for f in fields], values), end


def _signed_in_rows_query(user_id: int):
    """The user's row once per active role and confirmed app (outer joins: at least one row)."""
    return (
        User._default_manager.filter(pk=user_id)
        .annotate(
            active_role=FilteredRelation(
                "programme_roles", condition=Q(programme_roles__active=True)
            ),
            confirmed_app=FilteredRelation("totpdevice", condition=Q(totpdevice__confirmed=True)),
        )
        .values_list(
            *_columns(User),
            *_columns(Organisation, "organisation"),
            *_columns(ProgrammeRole, "active_role"),
            *_columns(Programme, "active_role__programme"),
            *_columns(User, "active_role__default_backup"),
            *_columns(TOTPDevice, "confirmed_app"),
        )
        # As `roles_of` orders roles (`ProgrammeRole.Meta`), and apps as `.first()` takes them.
        .order_by(
            "active_role__programme__name",
            "active_role__role",
            "active_role__id",
            "confirmed_app__id",
        )
    )


# Per database: the query's SQL and its columns' converters, built once. Every page asks it,
# and building and compiling its sixty columns through the ORM cost more than the two
# queries it saves; only the user id changes between requests.
_COMPILED: dict[str, tuple[str, list] | None] = {}
_PLACEHOLDER_ID = 0


def _compiled(alias: str) -> tuple[str, list] | None:
    """None when the user id is not the query's only parameter: then the ORM asks each time."""
    if alias not in _COMPILED:
        compiler = _signed_in_rows_query(_PLACEHOLDER_ID).query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        only_the_id = tuple(params) == (_PLACEHOLDER_ID,)
        _COMPILED[alias] = (sql, compiler.get_converters(fields)) if only_the_id else None
    return _COMPILED[alias]


def _signed_in_rows(user_id: int) -> list[tuple]:
    alias = router.db_for_read(User)
    compiled = _compiled(alias)
    if compiled is None:
        return list(_signed_in_rows_query(user_id))
    sql, converters = compiled
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id])
        rows = [list(row) for row in cursor.fetchall()]
    for row in rows:
        for position, (functions, expression) in converters.items():
            for function in functions:
                row[position] = function(row[position], expression, connection)
    return [tuple(row) for row in rows]


def signed_in_user(user_id) -> User | None:
    """The signed-in user of a session, read once per request together with what every page
    asks next: their organisation (the menu names a partner's), their active roles (with
    programme and default backup, as `roles_of` reads them) and their confirmed authenticator
    apps (what `OTPMiddleware` and `second_factor_step` check). One query instead of four.
    Nothing of it outlives the request: a removed role or app counts from the next one.
    """
    rows = _signed_in_rows(user_id)
    if not rows:
        return None
    user, start = _instance(User, rows[0], 0)
    organisation, start = _instance(Organisation, rows[0], start)
    if organisation is not None:
        user.organisation = organisation
    roles: dict[int, ProgrammeRole] = {}
    apps: dict[int, TOTPDevice] = {}
    for row in rows:
        role, at = _instance(ProgrammeRole, row, start)
        programme, at = _instance(Programme, row, at)
        default_backup, at = _instance(User, row, at)
        app, _end = _instance(TOTPDevice, row, at)
        if role is not None and role.pk not in roles:
            role.user, role.programme, role.default_backup = user, programme, default_backup
            roles[role.pk] = role
        if app is not None and app.pk not in apps:
            app.user = user
            apps[app.pk] = app
    keep_roles(user, list(roles.values()))
    setattr(user, _CONFIRMED_APPS, list(apps.values()))
    return user


def confirmed_apps_read_with(user: User) -> list[TOTPDevice] | None:
    """The confirmed apps `signed_in_user` read with this user, or None when it did not read
    them (another sign-in backend) or when devices of another kind than TOTP could count."""
    if list(device_classes()) != [TOTPDevice]:
        return None
    return getattr(user, _CONFIRMED_APPS, None)


def has_confirmed_device(user: User) -> bool:
    apps = confirmed_apps_read_with(user)
    return bool(apps) if apps is not None else user_has_device(user)


def counts_as_staff(user: User) -> bool:
    """Anyone who works with households or their figures (any active role), in the admin, or
    for a partner organisation (`User.organisation`): a participant's consent can let its
    people read her file without a programme role. A participant is not staff."""
    if user.is_staff or user.is_superuser or roles_of(user):
        return True
    return user.organisation_id is not None and own_household(user) is None


def second_factor_step(request: HttpRequest) -> str | None:
    """The page this session must pass first (VERIFY or SET_UP), or None when it may go on.

    A user with an app always types its code, whether or not the setting requires it; staff
    without one must set one up when REQUIRE_TWO_FACTOR is on.
    """
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    if settings.OIDC_TRUSTED_MFA and request.session.get(IDP_MFA_SESSION_KEY):
        return None
    if has_confirmed_device(user):
        return VERIFY
    if settings.REQUIRE_TWO_FACTOR and counts_as_staff(user):
        return SET_UP
    return None


def confirmed_device(user: User) -> TOTPDevice | None:
    apps = confirmed_apps_read_with(user)
    if apps is not None:
        return apps[0] if apps else None
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def setup_qr_svg(device: TOTPDevice) -> SafeString:
    """The device's otpauth:// link as an inline SVG QR code: no image request, no JavaScript."""
    # Whole pixels per module (and no stretching in CSS), so no seams appear between rows that
    # could make the code hard to scan.
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#1b2430", light="#ffffff", svgclass="qr__code"
    )
    # segno writes only path data and our class, so the markup is safe to add attributes to.
    label = format_html(
        'role="img" aria-label="{}" shape-rendering="crispEdges"',
        _("QR code to scan with your authenticator app"),
    )
    return mark_safe(svg.replace("<svg ", f"<svg {label} ", 1))


def secret_in_groups(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing it into an app by hand."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def participant_language_of(user: User) -> str | None:
    """A participant's language (stored with her household), or None for anyone else: staff
    pages and e-mails speak STAFF_LANGUAGES only."""
    if not user.is_authenticated or roles_of(user):
        return None
    household = own_household(user)
    return her_language(household) if household is not None else None


def staff_language(asked: list[str]) -> str:
    """The first of the staff languages among those asked for (codes such as "en-GB" count as
    their language), else the default language."""
    for code in asked:
        base = code.split("-")[0].lower()
        if base in settings.STAFF_LANGUAGES:
            return base
    return settings.LANGUAGE_CODE

"""Locks an account after repeated wrong passwords.

Our own few lines rather than django-axes: axes records the client's IP address and user
agent by default and its per-username mode still keeps an access log of attempts; Veiviser
stores nothing about who connects (README, Privacy). Here only an existing account's
count of wrong passwords is kept. A wrong or missing second factor is not counted: it is
already throttled per device by django-otp, and counting it would let anyone who knows
a password lock its owner out with bad codes.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone

from veiviser.staff.models import AccountLock

MAX_FAILURES = 5
LOCKED_FOR = datetime.timedelta(minutes=30)


def is_locked(user: AbstractBaseUser) -> bool:
    lock = AccountLock.objects.filter(user=user).first()
    return bool(lock and lock.locked_until and lock.locked_until > timezone.now())


def wrong_password(user: AbstractBaseUser) -> bool:
    """Counts a wrong password; True when this one locked the account."""
    lock, _ = AccountLock.objects.get_or_create(user=user)
    lock.failures += 1
    locked = lock.failures >= MAX_FAILURES
    if locked:
        lock.locked_until = timezone.now() + LOCKED_FOR
        lock.failures = 0
    lock.save()
    return locked


def signed_in(user: AbstractBaseUser) -> None:
    AccountLock.objects.filter(user=user).update(failures=0, locked_until=None)

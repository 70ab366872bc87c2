"""`upright demo users`: one log-in per role, with new random passwords, printed once."""

from typing import Any

from django.core.management.base import BaseCommand

from upright.demo.users import LOGIN_URL, demo_users_reset


class Command(BaseCommand):
    help = "Create one demo user per role (or reset their passwords) and print the log-ins."

    def handle(self, *args: Any, **options: Any) -> None:
        logins = demo_users_reset()
        width = max(len(login.username) for login in logins)
        self.stdout.write(f"Demo log-ins (passwords are new on every run and shown only here)\n"
                          f"Log in at {LOGIN_URL}\n")
        self.stdout.write(f"{'username':<{width}}  {'password':<27}  person")
        for login in logins:
            self.stdout.write(f"{login.username:<{width}}  {login.password:<27}  "
                              f"{login.person or '(external: no workforce record)'}")

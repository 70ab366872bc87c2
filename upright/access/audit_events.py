from upright.audit.registry import action_register

USER_CREATED = action_register("access.user.created", "A log-in was created")
USER_ROLE_CHANGED = action_register("access.user.role_changed", "A user's role changed")
USER_LOGGED_IN = action_register("access.user.logged_in", "A user logged in")
USER_LOGIN_FAILED = action_register("access.user.login_failed", "A log-in attempt failed")

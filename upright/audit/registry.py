"""Registered audit actions. `audit_record` refuses any action not registered here, so a typo
cannot create an event nobody will ever search for."""

_ACTIONS: dict[str, str] = {}


def action_register(name: str, description: str) -> str:
    if name.count(".") < 2:
        raise ValueError(f"audit action {name!r} must be namespaced: app.entity.verb")
    _ACTIONS[name] = description
    return name


def action_is_registered(name: str) -> bool:
    return name in _ACTIONS


def action_list() -> dict[str, str]:
    return dict(_ACTIONS)

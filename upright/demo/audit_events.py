from upright.audit.registry import action_register

DEMO_SEEDED = action_register(
    "demo.force.seeded", "A synthetic demo force (people, reports, matters) was generated"
)
DEMO_USERS_RESET = action_register(
    "demo.users.reset", "Demo log-ins were created or their passwords reset"
)

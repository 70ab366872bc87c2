from upright.audit.registry import action_register

PEOPLE_IMPORTED = action_register("people.person.imported", "An HR extract was imported")
PERSON_VIEWED = action_register("people.person.viewed", "A person's record was read")
PEOPLE_SEEDED = action_register("people.person.seeded", "A synthetic workforce was generated")
PERSON_STATUS_CHANGED = action_register(
    "people.person.status_changed", "A person's employment status changed (serving, suspended...)"
)
PRIOR_FORCE_IMPORTED = action_register(
    "people.prior_force_record.imported",
    "Records from a previous force were imported for people who transferred in",
)

import datetime as dt

import factory

from upright.people.choices import EmploymentKind, Ethnicity, OfficerRank, Sex
from upright.people.models import OrgUnit, Person


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    code = factory.Sequence(lambda n: f"UNIT{n}")
    name = factory.LazyAttribute(lambda o: f"Unit {o.code}")
    kind = "team"
    path = factory.LazyAttribute(lambda o: f"/{o.code}/")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    staff_number = factory.Sequence(lambda n: f"{100000 + n}")
    employment_kind = EmploymentKind.OFFICER
    rank_or_grade = OfficerRank.CONSTABLE
    start_date = dt.date(2015, 4, 1)
    forenames = factory.Faker("first_name")
    surname = factory.Faker("last_name")
    date_of_birth = dt.date(1988, 6, 15)
    sex = Sex.MALE
    ethnicity = Ethnicity.WHITE_BRITISH
    mgmt_path = factory.LazyAttribute(
        lambda o: f"{o.line_manager.mgmt_path}{o.line_manager.id}/" if o.line_manager else "/"
    )
    line_manager = None

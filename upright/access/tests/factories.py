import factory

from upright.access.models import User
from upright.access.roles import Role

PASSWORD = "correct horse battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.ASSESSOR

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        compartments = kwargs.pop("compartments", [])
        user = model_class(*args, **kwargs)
        user.set_password(PASSWORD)
        user.save()
        if compartments:
            user.compartments.set(compartments)
        return user

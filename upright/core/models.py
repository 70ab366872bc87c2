"""The base every domain model inherits from."""

from django.db import models


class BaseModel(models.Model):
    """Adds creation and modification times (timezone-aware, set by the database layer)."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class RateCounter(models.Model):
    """Requests counted per client and fixed time window, for rate limits shared by every
    worker process. key: a hash of the limit's scope and the client (never the raw address).
    bucket: the window's number (seconds since the epoch // window length).
    expires: when the window ends, in seconds since the epoch (rows after that are pruned)."""

    key = models.CharField(max_length=64)
    bucket = models.BigIntegerField()
    expires = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "bucket"], name="ratecounter_key_bucket")]
        indexes = [models.Index(fields=["expires"])]

    def __str__(self) -> str:
        return f"{self.key}@{self.bucket}: {self.count}"


class CalendarOverride(BaseModel):
    """An administrator's correction to the England and Wales calendar: a one-off bank holiday
    announced after the `holidays` package was released (is_holiday=True), or a listed day
    that is not a holiday after all (is_holiday=False). Deadlines are regenerated on change."""

    day = models.DateField(unique=True)
    is_holiday = models.BooleanField()
    name = models.CharField(max_length=100)

    def __str__(self) -> str:
        return f"{self.day}: {'holiday' if self.is_holiday else 'working day'} ({self.name})"

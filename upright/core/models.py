"""The base every domain model inherits from."""

from django.db import models


class BaseModel(models.Model):
    """Adds creation and modification times (timezone-aware, set by the database layer)."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

"""Admin building blocks every app shares."""

from django.contrib import admin
from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 10_000


class CappedCountPaginator(Paginator):
    """Counts at most COUNT_CAP rows, so a changelist over a million rows never scans them all.

    Past the cap the admin shows COUNT_CAP results in pages; narrowing by search or filters
    reaches the rest.
    """

    @cached_property
    def count(self) -> int:
        return self.object_list[:COUNT_CAP].count()


class ReadOnlyInline(admin.TabularInline):
    """Rows listed on the parent's page but edited on their own page, where edits are audited."""

    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

"""The holiday table in the admin. Every save and delete is audited (AuditedAdminMixin)."""

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from yingshang.audit.admin import AuditedAdminMixin
from yingshang.calendars import services
from yingshang.calendars.models import CalendarDay, CalendarYear
from yingshang.calendars.selectors import WEEKDAY_LABELS
from yingshang.core.workdays import day_kind_problem


class CalendarDayForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ("date", "kind", "name")

    def clean(self) -> dict:
        cleaned = super().clean()
        date, kind = cleaned.get("date"), cleaned.get("kind")
        if date and kind:
            problem = day_kind_problem(date, kind)
            if problem:
                self.add_error("kind", problem)
        return cleaned


class YearFilter(admin.SimpleListFilter):
    title = "年份"
    parameter_name = "year"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        years = CalendarDay.objects.dates("date", "year", order="DESC")
        return [(str(d.year), f"{d.year}年") for d in years]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(date__year=int(value))
        return queryset


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = CalendarDayForm
    list_display = ("date", "weekday", "kind", "name")
    list_filter = (YearFilter, "kind")
    search_fields = ("name",)
    date_hierarchy = "date"
    ordering = ("-date",)
    list_per_page = 100

    @admin.display(description="星期", ordering="date")
    def weekday(self, obj: CalendarDay) -> str:
        return f"星期{WEEKDAY_LABELS[obj.date.weekday()]}"


@admin.register(CalendarYear)
class CalendarYearAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("year", "published", "source", "note", "day_count")
    list_filter = ("published",)
    ordering = ("-year",)
    actions = ("mark_published", "mark_unpublished")

    @admin.display(description="登记天数")
    def day_count(self, obj: CalendarYear) -> int:
        return CalendarDay.objects.filter(date__year=obj.year).count()

    def _set_published(self, request: HttpRequest, queryset: QuerySet, published: bool) -> None:
        for row in queryset:
            services.publish_year(
                actor=request.user, year=row.year, published=published, reason="管理后台"
            )
        state = "已公布" if published else "未公布 (按周末推算，暂定)"
        self.message_user(request, f"{queryset.count()} 个年份已标记为{state}", messages.SUCCESS)

    @admin.action(description="标记为已公布 (登记的节假日生效)")
    def mark_published(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_published(request, queryset, True)

    @admin.action(description="标记为未公布 (按周末推算，暂定)")
    def mark_unpublished(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_published(request, queryset, False)

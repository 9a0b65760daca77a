"""Filter dataclasses: filled from a form or a query, turned into ORM lookups."""

from dataclasses import dataclass

from yingshang.lib.filters import filters_from, orm_lookups, set_fields


@dataclass(frozen=True)
class Filters:
    q: str = ""
    zone_id: int | None = None
    state: str = ""
    overdue: bool | None = None


@dataclass(frozen=True)
class Chosen:
    pk: int


def test_blank_and_unknown_values_keep_the_defaults():
    data = {"q": "", "zone_id": None, "state": "open", "limit": 50, "cursor": 9}
    assert filters_from(Filters, data) == Filters(state="open")


def test_short_names_fill_their_fields_and_a_chosen_record_gives_its_pk():
    data = {"zone": Chosen(pk=7), "s": "closed", "q": "科技"}
    filters = filters_from(Filters, data, names={"zone": "zone_id", "s": "state"})
    assert filters == Filters(q="科技", zone_id=7, state="closed")


def test_false_is_a_value_not_a_blank():
    assert filters_from(Filters, {"overdue": False}).overdue is False


def test_set_fields_are_those_off_their_default():
    assert set_fields(Filters()) == {}
    assert set_fields(Filters(q=" ", overdue=False)) == {"q": " ", "overdue": False}


def test_orm_lookups_name_only_the_mapped_fields_that_are_set():
    filters = Filters(q="甲", zone_id=3, state="", overdue=False)
    lookups = {"zone_id": "zone_id", "state": "state", "overdue": "overdue"}
    assert orm_lookups(filters, lookups) == {"zone_id": 3, "overdue": False}
    assert orm_lookups(filters, {"zone_id": "department__zone_id"}) == {"department__zone_id": 3}

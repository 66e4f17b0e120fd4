"""The one presentation layer: group order, labels and row selection every surface shares."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from popanalytics.i18n import t
from popanalytics.model import Dataset, empty_frame
from popanalytics.presentation import (
    NO_GROUP,
    TOTAL,
    breakdown_label,
    bucket_order,
    group_label,
    manager_names,
    ordered_groups,
    suppressed_text,
)

names = st.text(alphabet="abcABCäÄßéÉ -", min_size=1, max_size=6)


@given(st.lists(st.one_of(names, st.just(TOTAL), st.just(NO_GROUP)), max_size=12))
def test_groups_order_total_first_none_last_the_rest_without_regard_to_case(groups):
    ordered = ordered_groups(groups)
    assert sorted(ordered) == sorted(set(groups))
    if TOTAL in groups:
        assert ordered[0] == TOTAL
    if NO_GROUP in groups:
        assert ordered[-1] == NO_GROUP
    middle = [g for g in ordered if g not in (TOTAL, NO_GROUP)]
    keys = [str(g).casefold() for g in middle]
    assert keys == sorted(keys)


def test_labels_of_the_total_the_empty_group_enums_and_buckets():
    assert group_label(TOTAL, "nl") == t("group.all", "nl")
    assert group_label(NO_GROUP, "en") == t("group.none", "en")
    assert breakdown_label("focus", NO_GROUP, "nl") == t("group.none", "nl")
    assert breakdown_label("category", "training", "en") == t("category.training", "en")
    assert breakdown_label("status", "approved", "nl") == t("need_status.approved", "nl")
    assert breakdown_label("status", "done", "nl", status="agreement_status") == t(
        "agreement_status.done", "nl"
    )
    assert breakdown_label("bucket", "1-30", "en") == t("dash.chart.bucket", "en", bucket="1-30")
    assert breakdown_label("theme", "Valpreventie", "nl") == "Valpreventie"
    assert breakdown_label("theme", None, "nl") == ""
    assert suppressed_text(5, "nl") == "< 5"


def test_buckets_in_the_order_of_their_first_number():
    assert bucket_order(["> 90", "31-60", "1-30", "61-90"]) == ["1-30", "31-60", "61-90", "> 90"]


def test_managers_with_one_name_are_told_apart_by_id_where_the_name_replaces_the_id():
    employees = pd.DataFrame(
        {"employee_id": ["1", "2", "3"], "name": ["An Peeters", "An Peeters", "Bart Claes"]}
    )
    dataset = Dataset(
        employees=employees,
        conversations=empty_frame("conversations"),
        agreements=empty_frame("agreements"),
        training_needs=empty_frame("training_needs"),
    )
    shown = manager_names(dataset)
    assert shown["1"] == "An Peeters (1)" and shown["2"] == "An Peeters (2)"
    assert shown["3"] == "Bart Claes"
    assert manager_names(dataset, tell_twins_apart=False)["1"] == "An Peeters"

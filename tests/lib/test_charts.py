"""ECharts building blocks (`yingshang.lib.charts`): plain JSON-ready data."""

import json
import math

from yingshang.lib.charts import BRAND, bar_series, base_option, category_axis, json_number


def test_numbers_are_json_safe():
    assert json_number(math.nan) is None
    assert json_number(None) is None
    assert json_number(3) == 3.0 and isinstance(json_number(3), float)


def test_base_option_and_series_serialise_as_plain_json():
    option = base_option("标题")
    option["xAxis"] = category_axis(["开办企业", "政务服务"], label_width=90)
    option["series"] = [bar_series("本区", [80.0, None], BRAND)]
    again = json.loads(json.dumps(option, ensure_ascii=False))
    assert again["title"]["text"] == "标题"
    assert again["xAxis"] == {
        "type": "category",
        "data": ["开办企业", "政务服务"],
        "axisLabel": {"interval": 0, "width": 90, "overflow": "break"},
    }
    assert again["series"] == [
        {"name": "本区", "type": "bar", "data": [80.0, None], "itemStyle": {"color": BRAND}}
    ]
    assert "axisLabel" not in category_axis(["a"])


def test_each_option_is_a_fresh_dict():
    first = base_option("一")
    first["tooltip"]["trigger"] = "item"
    assert base_option("二")["tooltip"]["trigger"] == "axis"

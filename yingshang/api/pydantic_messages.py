"""Chinese wording for the schema validation errors that django-ninja reports (pydantic v2)."""

from typing import Any

MESSAGES: dict[str, str] = {
    "missing": "必填",
    "string_type": "应为字符串",
    "string_too_short": "长度不能少于 {min_length} 个字符",
    "string_too_long": "长度不能超过 {max_length} 个字符",
    "string_pattern_mismatch": "格式不正确",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "decimal_max_digits": "数字总位数不能超过 {max_digits} 位",
    "decimal_max_places": "小数位数不能超过 {decimal_places} 位",
    "decimal_whole_digits": "整数部分位数过多",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "date_type": "应为日期 (YYYY-MM-DD)",
    "date_parsing": "应为日期 (YYYY-MM-DD)",
    "date_from_datetime_parsing": "应为日期 (YYYY-MM-DD)",
    "date_from_datetime_inexact": "应为日期，不能带时间",
    "datetime_type": "应为日期时间 (ISO 8601)",
    "datetime_parsing": "应为日期时间 (ISO 8601)",
    "datetime_from_date_parsing": "应为日期时间 (ISO 8601)",
    "greater_than": "必须大于 {gt}",
    "greater_than_equal": "不能小于 {ge}",
    "less_than": "必须小于 {lt}",
    "less_than_equal": "不能大于 {le}",
    "literal_error": "取值应为 {expected} 之一",
    "enum": "取值应为 {expected} 之一",
    "dict_type": "应为 JSON 对象",
    "model_type": "应为 JSON 对象",
    "model_attributes_type": "应为 JSON 对象",
    "list_type": "应为数组",
    "extra_forbidden": "不允许的字段",
    "json_invalid": "JSON 格式有误",
    "none_required": "应为 null",
}

# Where a value came from: a body is read into one named parameter, which is not a field.
SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}
WHOLE = "__all__"


def field_of(error: dict[str, Any]) -> str:
    """("body", "payload", "uscc") -> "uscc"; ("query", "limit") -> "limit"."""
    loc = [str(part) for part in error.get("loc", ())]
    if loc and loc[0] in SOURCES:
        source, loc = loc[0], loc[1:]
        if source == "body" and loc:
            loc = loc[1:]
    return ".".join(loc) or WHOLE


def message_of(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind in ("value_error", "assertion_error") and ctx.get("error"):
        return str(ctx["error"])
    if "expected" in ctx:
        ctx = {**ctx, "expected": str(ctx["expected"]).replace(" or ", ", ")}
    template = MESSAGES.get(kind)
    if template is None:
        return f"取值无效 ({error.get('msg', kind)})"
    try:
        return template.format(**ctx)
    except (KeyError, IndexError, ValueError):
        return template.split(" {", 1)[0]

"""Schemas of the Open311 GeoReport v2 endpoint (services and service requests), with the
field names the specification gives them."""

import datetime as dt

from ninja import Field, Schema

STATUS = "open 办理中 (已受理未办结); closed 已办结"


class ServiceOut(Schema):
    service_code: str = Field(description="服务代码: 诉求类型代码")
    service_name: str = Field(description="服务名称: 诉求类型名称")
    description: str = Field(description="说明: 受理审查与办理时限")
    metadata: bool = Field(description="有无附加字段定义 (恒为 false)")
    type: str = Field(description="类型 (恒为 batch: 由人工分批办理)")
    keywords: str = Field(description="关键词，逗号分隔")
    group: str = Field(description="分组")


class ServiceRequestOut(Schema):
    service_request_id: str = Field(description="诉求的编号 (id)")
    status: str = Field(description=STATUS)
    status_notes: str | None = Field(description="状态说明 (诉求状态名称)")
    service_name: str = Field(description="诉求类型名称")
    service_code: str = Field(description="诉求类型代码")
    description: str = Field(description="诉求标题 (已去除企业名称、姓名与号码)")
    agency_responsible: str | None = Field(description="承办部门")
    service_notice: str | None = Field(description="办理时限说明")
    requested_datetime: dt.datetime = Field(description="提出时间")
    updated_datetime: dt.datetime | None = Field(description="最近办理时间")
    expected_datetime: dt.datetime | None = Field(description="办理时限 (当日结束)")
    address: str | None = Field(description="地址 (平台不公开，恒为 null)")
    address_id: str | None = Field(description="地址编号 (恒为 null)")
    zipcode: str | None = Field(description="邮编 (恒为 null)")
    lat: float | None = Field(description="纬度 (恒为 null)")
    long: float | None = Field(description="经度 (恒为 null)")
    media_url: str | None = Field(description="图片地址 (恒为 null)")


class RequestQuery(Schema):
    jurisdiction_id: str | None = Field(None, max_length=30, description="功能区编码；留空为全部")
    service_request_id: str | None = Field(
        None, max_length=2000, description="只看这些诉求 (逗号分隔的编号)"
    )
    service_code: str | None = Field(None, max_length=500, description="诉求类型代码，逗号分隔")
    status: str | None = Field(None, max_length=20, description="open 或 closed，逗号分隔")
    start_date: dt.datetime | None = Field(None, description="最早提出时间 (W3C 日期时间)")
    end_date: dt.datetime | None = Field(None, description="最晚提出时间 (W3C 日期时间)")

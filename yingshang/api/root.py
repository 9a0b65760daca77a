"""The REST API root (django-ninja). OpenAPI at /api/openapi.json, docs at /api/docs."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="营商环境工作平台 API",
    version="1",
    description="与页面相同的访问规则; 支持会话 (Cookie) 与令牌 (Bearer) 认证。",
    urls_namespace="api",
)

"""The REST API root (django-ninja). OpenAPI at /api/openapi.json, docs at /api/docs."""

from ninja import NinjaAPI, Swagger
from ninja.openapi.docs import ABS_TPL_PATH

from yingshang.api.auth import CsrfSessionAuth, TokenAuth
from yingshang.api.errors import install_error_handlers
from yingshang.api.me import router as me_router
from yingshang.appeals.api import open311_router
from yingshang.appeals.api import router as appeals_router
from yingshang.enterprises.api import router as registry_router
from yingshang.evaluation.api import router as evaluation_router
from yingshang.rectification.api import router as rectification_router

DESCRIPTION = """\
与页面相同的访问规则: 数据按调用者的角色、功能区与部门限定。

**认证** (二选一):
- 令牌: 请求头 `Authorization: Bearer ys_...`; 令牌由管理员用
  `yingshang create-token 用户名` 签发。
- 会话: 已登录页面的 Cookie; POST/PATCH 等修改类请求须带 `X-CSRFToken` 请求头。

**错误**: 一律为 `{"detail": "中文说明", "errors": {"字段": ["原因"]}}`, 其中 `errors` 仅在
数据校验错误 (422) 时出现。401 未登录或令牌无效; 403 无权访问; 404 对象不存在或无权查看;
409 版本冲突; 422 数据校验未通过。
"""


class LocalSwagger(Swagger):
    """The docs page that loads the Swagger UI from /static/ninja/, with no CDN.

    ninja renders that page only when it is an installed app; it is not (see the settings: the
    import would slow every command), so its "CDN" template is pointed at the local one.
    """

    template_cdn = str(ABS_TPL_PATH / "swagger.html")


# Bearer first: a request carrying a token is never held to the session's CSRF check.
api = NinjaAPI(
    title="营商环境工作平台 API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=[TokenAuth(), CsrfSessionAuth()],
    docs=LocalSwagger(),
)
install_error_handlers(api)
api.add_router("/", me_router)
api.add_router("/registry/", registry_router)
api.add_router("/evaluation/", evaluation_router)
api.add_router("/rectification/", rectification_router)
api.add_router("/appeals/", appeals_router)
api.add_router("/open311/v2/", open311_router)

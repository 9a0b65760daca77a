from django.contrib import admin
from django.urls import include, path

from yingshang.api.root import api

admin.site.site_header = "营商环境工作平台 · 管理后台"
admin.site.site_title = "营商环境工作平台"
admin.site.index_title = "基础数据管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("registry/import/", include("yingshang.enterprises.urls_import")),
    path("registry/", include("yingshang.enterprises.urls")),
    path("calendar/", include("yingshang.calendars.urls")),
    path("evaluation/", include("yingshang.evaluation.urls")),
    path("rectification/", include("yingshang.rectification.urls")),
    path("appeals/", include("yingshang.appeals.urls")),
    path("", include("yingshang.web.urls")),
]

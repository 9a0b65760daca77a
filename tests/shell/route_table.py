"""The expected HTTP status of every route for every role: one table, kept as data.

Columns, in order: anonymous, admin, office, department, leader, enterprise, supervisor (the demo
accounts of tests/shell/demo_objects.py). Keys: a page by its URL name ("registry:enterprise_list",
GET), "POST <name>" for a page posted an empty form; an API operation by its method and path.
" @<variant>" asks for other objects than the defaults (tests/shell/demo_objects.py VARIANTS):
another department's task, another enterprise, another zone's record, an id that names nothing.

What the statuses say, by the access rules (yingshang/kernel/access.py): anonymous pages redirect
to the login (302) and the API answers 401; a role that may not use a feature gets 403; a record
outside the user's scope is 404 like one that does not exist; a page that takes only POST answers
GET with 405; a page write redirects back (302) or re-renders its form (200) with the errors; API
writes are sent bodies the rules refuse (see tests/shell/routes.py API_BODIES), so that an allowed
role gets 404/409/422 and a denied one 403/404 (drafting a plan and withdrawing the first run
really succeed, 201/204, rolled back).

A new route fails the test until it has a row here.
"""

ROLES = ("anonymous", "admin", "office", "department", "leader", "enterprise", "supervisor")
Row = tuple[int, int, int, int, int, int, int]
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _method(key: str) -> tuple[str, str]:
    method, _, rest = key.partition(" ")
    return (method, rest) if method in METHODS else ("", key)


def _pages(namespace: str, rows: dict[str, Row]) -> dict[str, dict[str, int]]:
    """'enterprise_detail @other_zone' -> 'registry:enterprise_detail @other_zone'; rows of
    patterns without a name ("" namespace) are keyed by their path."""
    table = {}
    for key, row in rows.items():
        method, name = _method(key)
        full = f"{namespace}:{name}" if namespace else name
        table[f"{method} {full}" if method else full] = dict(zip(ROLES, row, strict=True))
    return table


def _api(prefix: str, rows: dict[str, Row]) -> dict[str, dict[str, int]]:
    """'GET /enterprises/{enterprise_id}' -> 'GET /api/registry/enterprises/{enterprise_id}'."""
    table = {}
    for key, row in rows.items():
        method, path = _method(key)
        table[f"{method} {prefix}{path}"] = dict(zip(ROLES, row, strict=True))
    return table


# fmt: off
_ADMIN_PAGES: dict[str, Row] = {
    "index": (302, 200, 302, 302, 302, 302, 302),
}
_API_PAGES: dict[str, Row] = {
    "openapi-json": (200, 200, 200, 200, 200, 200, 200),
    "openapi-view": (200, 200, 200, 200, 200, 200, 200),
    "api-root":     (404, 404, 404, 404, 404, 404, 404),
}
_REGISTRY_IMPORT_PAGES: dict[str, Row] = {
    "upload":        (302, 200, 200, 403, 403, 403, 403),
    "POST upload":   (302, 200, 200, 403, 403, 403, 403),
    "commit":        (302, 405, 405, 405, 405, 405, 405),
    "POST commit":   (302, 404, 404, 403, 403, 403, 403),
    "template_xlsx": (302, 200, 200, 403, 403, 403, 403),
    "template_csv":  (302, 200, 200, 403, 403, 403, 403),
    "export":        (302, 200, 200, 200, 200, 403, 403),
}
_REGISTRY_PAGES: dict[str, Row] = {
    "enterprise_list":                     (302, 200, 200, 200, 200, 302, 403),
    "enterprise_create":                   (302, 200, 200, 403, 403, 403, 403),
    "POST enterprise_create":              (302, 200, 200, 403, 403, 403, 403),
    "enterprise_detail":                   (302, 200, 200, 200, 200, 302, 403),
    "enterprise_detail @other_enterprise": (302, 200, 200, 200, 200, 404, 403),
    "enterprise_detail @other_zone":       (302, 200, 404, 404, 404, 404, 403),
    "enterprise_edit":                     (302, 200, 200, 403, 403, 403, 403),
    "POST enterprise_edit":                (302, 200, 200, 403, 403, 403, 403),
    "enterprise_edit @other_zone":         (302, 200, 404, 403, 403, 403, 403),
    "POST enterprise_edit @other_zone":    (302, 200, 404, 403, 403, 403, 403),
    "my_enterprise":                       (302, 403, 403, 403, 403, 200, 403),
}
_CALENDARS_PAGES: dict[str, Row] = {
    "calendar": (302, 200, 200, 200, 200, 200, 200),
}
_EVALUATION_PAGES: dict[str, Row] = {
    "run_list":            (302, 200, 200, 200, 200, 403, 403),
    "dataset_upload":      (302, 200, 200, 403, 403, 403, 403),
    "POST dataset_upload": (302, 200, 200, 403, 403, 403, 403),
    "data_template":       (302, 200, 200, 403, 403, 403, 403),
    "run_create":          (302, 200, 200, 403, 403, 403, 403),
    "POST run_create":     (302, 200, 200, 403, 403, 403, 403),
    "run_detail":          (302, 200, 200, 200, 200, 403, 403),
    "run_detail @missing": (302, 404, 404, 404, 404, 403, 403),
    "unit_pick":           (302, 302, 302, 302, 302, 403, 403),
    "unit_detail":         (302, 200, 200, 200, 200, 403, 403),
    "what_if":             (302, 200, 200, 200, 200, 403, 403),
    "POST what_if":        (302, 200, 200, 200, 200, 403, 403),
    "best_moves":          (302, 405, 405, 405, 405, 405, 405),
    "POST best_moves":     (302, 200, 200, 200, 200, 403, 403),
    "robustness":          (302, 200, 200, 200, 200, 403, 403),
    "report_docx":         (302, 200, 200, 200, 200, 403, 403),
    "report_xlsx":         (302, 200, 200, 200, 200, 403, 403),
    "scores_csv":          (302, 200, 200, 200, 200, 403, 403),
}
_RECTIFICATION_PAGES: dict[str, Row] = {
    "task_list":                                (302, 200, 200, 200, 200, 403, 403),
    "task_board":                               (302, 200, 200, 200, 200, 403, 403),
    "task_create":                              (302, 200, 200, 403, 403, 403, 403),
    "POST task_create":                         (302, 200, 200, 403, 403, 403, 403),
    "task_bulk_assign":                         (302, 405, 405, 405, 405, 405, 405),
    "POST task_bulk_assign":                    (302, 302, 302, 403, 403, 403, 403),
    "task_detail":                              (302, 200, 200, 200, 200, 403, 403),
    "task_detail @other_department":            (302, 200, 200, 404, 200, 403, 403),
    "task_detail @other_zone":                  (302, 200, 404, 404, 404, 403, 403),
    "task_detail @missing":                     (302, 404, 404, 404, 404, 403, 403),
    "task_transition":                          (302, 405, 405, 405, 405, 405, 405),
    "POST task_transition":                     (302, 302, 302, 302, 302, 403, 403),
    "POST task_transition @other_department":   (302, 302, 302, 404, 302, 403, 403),
    "POST task_transition @other_zone":         (302, 302, 404, 404, 404, 403, 403),
    "extension_request":                        (302, 405, 405, 405, 405, 405, 405),
    "POST extension_request":                   (302, 302, 302, 302, 302, 403, 403),
    "POST extension_request @other_department": (302, 302, 302, 404, 302, 403, 403),
    "attachment":                               (302, 200, 200, 200, 200, 403, 403),
    "attachment @other_department":             (302, 200, 200, 404, 200, 403, 403),
    "extension_decide":                         (302, 405, 405, 405, 405, 405, 405),
    "POST extension_decide":                    (302, 302, 302, 404, 302, 403, 403),
    "problem_list":                             (302, 200, 200, 200, 200, 403, 403),
    "ledger_xlsx":                              (302, 200, 200, 200, 200, 403, 403),
    "import_template":                          (302, 200, 200, 200, 200, 403, 403),
    "plan_list":                                (302, 200, 200, 200, 200, 403, 403),
    "plan_draft":                               (302, 200, 200, 403, 403, 403, 403),
    "POST plan_draft":                          (302, 200, 200, 403, 403, 403, 403),
    "campaign_create":                          (302, 200, 200, 403, 403, 403, 403),
    "POST campaign_create":                     (302, 200, 200, 403, 403, 403, 403),
    "plan_detail":                              (302, 200, 200, 200, 200, 403, 403),
    "plan_detail @missing":                     (302, 404, 404, 404, 404, 403, 403),
    "plan_item_edit":                           (302, 405, 405, 405, 405, 405, 405),
    "POST plan_item_edit":                      (302, 302, 302, 403, 403, 403, 403),
    "plan_step":                                (302, 405, 405, 405, 405, 405, 405),
    "POST plan_step":                           (302, 302, 302, 403, 403, 403, 403),
    "plan_docx":                                (302, 200, 200, 200, 200, 403, 403),
    "leader":                                   (302, 200, 200, 403, 200, 403, 403),
}
_APPEALS_PAGES: dict[str, Row] = {
    "appeal_index":                        (302, 200, 200, 200, 200, 200, 403),
    "appeal_create":                       (302, 200, 200, 403, 403, 200, 403),
    "POST appeal_create":                  (302, 200, 200, 403, 403, 200, 403),
    "appeal_detail":                       (302, 200, 200, 200, 200, 200, 403),
    "appeal_detail @other_department":     (302, 200, 200, 404, 200, 404, 403),
    "appeal_detail @other_zone":           (302, 200, 404, 404, 404, 404, 403),
    "appeal_detail @missing":              (302, 404, 404, 404, 404, 404, 403),
    "appeal_act":                          (302, 405, 405, 405, 405, 405, 405),
    "POST appeal_act":                     (302, 302, 302, 302, 302, 302, 403),
    "POST appeal_act @other_department":   (302, 302, 302, 404, 302, 404, 403),
    "POST appeal_act @other_zone":         (302, 302, 404, 404, 404, 404, 403),
}
_WEB_PAGES: dict[str, Row] = {
    "home":                   (302, 200, 200, 200, 200, 200, 200),
    "favicon":                (301, 301, 301, 301, 301, 301, 301),
    "login":                  (200, 302, 302, 302, 302, 302, 302),
    "POST login":             (200, 302, 302, 302, 302, 302, 302),
    "logout":                 (405, 405, 405, 405, 405, 405, 405),
    "POST logout":            (302, 302, 302, 302, 302, 302, 302),
    "password_change":        (302, 200, 200, 200, 200, 200, 200),
    "POST password_change":   (302, 200, 200, 200, 200, 200, 200),
    "audit_log":              (302, 200, 200, 403, 403, 403, 403),
    "notifications":          (302, 200, 200, 200, 200, 200, 200),
    "notification_read":      (302, 405, 405, 405, 405, 405, 405),
    "POST notification_read": (302, 302, 302, 302, 302, 302, 302),
}
_UNNAMED_PAGES: dict[str, Row] = {
    "/rectification/notifications/":      (301, 301, 301, 301, 301, 301, 301),
    "/rectification/notifications/read/": (308, 308, 308, 308, 308, 308, 308),
}
_SHELL_API: dict[str, Row] = {
    "GET /me": (401, 200, 200, 200, 200, 200, 200),
}
_REGISTRY_API: dict[str, Row] = {
    "GET /zones":                                           (401, 200, 200, 200, 200, 200, 200),
    "GET /departments":                                     (401, 200, 200, 200, 200, 200, 200),
    "GET /enterprises":                                     (401, 200, 200, 200, 200, 200, 403),
    "POST /enterprises":                                    (401, 422, 422, 403, 403, 403, 403),
    "GET /enterprises/{enterprise_id}":                     (401, 200, 200, 200, 200, 200, 404),
    "PATCH /enterprises/{enterprise_id}":                   (401, 409, 409, 403, 403, 403, 404),
    "GET /enterprises/{enterprise_id} @other_enterprise":   (401, 200, 200, 200, 200, 404, 404),
    "GET /enterprises/{enterprise_id} @other_zone":         (401, 200, 404, 404, 404, 404, 404),
    "PATCH /enterprises/{enterprise_id} @other_zone":       (401, 409, 404, 404, 404, 404, 404),
    "PATCH /enterprises/{enterprise_id} @other_enterprise": (401, 409, 409, 403, 403, 404, 404),
    "GET /enterprises/{enterprise_id}/history":             (401, 200, 200, 200, 200, 403, 403),
    "GET /enterprises/{enterprise_id}/history @other_zone": (401, 200, 404, 404, 404, 403, 403),
}
_EVALUATION_API: dict[str, Row] = {
    "GET /presets":                        (401, 200, 200, 200, 200, 403, 403),
    "GET /methodologies":                  (401, 200, 200, 200, 200, 403, 403),
    "POST /methodologies":                 (401, 422, 422, 403, 403, 403, 403),
    "GET /methodologies/{methodology_id}": (401, 200, 200, 200, 200, 403, 403),
    "GET /datasets":                       (401, 200, 200, 200, 200, 403, 403),
    "POST /datasets":                      (401, 422, 422, 403, 403, 403, 403),
    "GET /datasets/{dataset_id}":          (401, 200, 200, 200, 200, 403, 403),
    "GET /runs":                           (401, 200, 200, 200, 200, 403, 403),
    "POST /runs":                          (401, 404, 404, 403, 403, 403, 403),
    "GET /runs/{run_id}":                  (401, 200, 200, 200, 200, 403, 403),
    "PATCH /runs/{run_id}":                (401, 409, 409, 403, 403, 403, 403),
    "DELETE /runs/{run_id}":               (401, 409, 409, 403, 403, 403, 403),
    "DELETE /runs/{run_id} @first_run":    (401, 204, 204, 403, 403, 403, 403),
    "GET /runs/{run_id} @missing":         (401, 404, 404, 404, 404, 403, 403),
    "DELETE /runs/{run_id} @missing":      (401, 404, 404, 404, 404, 403, 403),
    "GET /runs/{run_id}/scores":           (401, 200, 200, 200, 200, 403, 403),
    "GET /runs/{run_id}/standings":        (401, 200, 200, 200, 200, 403, 403),
    "GET /runs/{run_id}/weaknesses":       (401, 200, 200, 200, 200, 403, 403),
    "POST /runs/{run_id}/what-if":         (401, 422, 422, 422, 422, 403, 403),
    "GET /runs/{run_id}/best-moves":       (401, 200, 200, 200, 200, 403, 403),
    "GET /runs/{run_id}/robustness":       (401, 200, 200, 200, 200, 403, 403),
    "GET /runs/{run_id}/weightings":       (401, 200, 200, 200, 200, 403, 403),
    "GET /runs/{run_id}/report.docx":      (401, 200, 200, 200, 200, 403, 403),
    "GET /runs/{run_id}/report.xlsx":      (401, 200, 200, 200, 200, 403, 403),
}
_RECTIFICATION_API: dict[str, Row] = {
    "GET /problems":                                           (401, 200, 200, 200, 200, 403, 403),
    "POST /problems":                                          (401, 422, 422, 403, 403, 403, 403),
    "GET /problems.xlsx":                                      (401, 200, 200, 200, 200, 403, 403),
    "GET /problems/{problem_id}":                              (401, 200, 200, 200, 200, 403, 403),
    "PATCH /problems/{problem_id}":                            (401, 409, 409, 403, 403, 403, 403),
    "GET /problems/{problem_id} @other_department":            (401, 200, 200, 404, 200, 403, 403),
    "GET /problems/{problem_id} @other_zone":                  (401, 200, 404, 404, 404, 403, 403),
    "PATCH /problems/{problem_id} @other_department":          (401, 409, 409, 404, 403, 403, 403),
    "PATCH /problems/{problem_id} @other_zone":                (401, 409, 404, 404, 404, 403, 403),
    "GET /problems/{problem_id}/duplicates":                   (401, 200, 200, 200, 200, 403, 403),
    "GET /problems/{problem_id}/duplicates @other_department": (401, 200, 200, 404, 200, 403, 403),
    "GET /plans":                                              (401, 200, 200, 200, 200, 403, 403),
    "POST /plans":                                             (401, 201, 201, 403, 403, 403, 403),
    "GET /plans/{plan_id}":                                    (401, 200, 200, 200, 200, 403, 403),
    "GET /plans/{plan_id} @missing":                           (401, 404, 404, 404, 404, 403, 403),
    "POST /plans/{plan_id}/submission":                        (401, 409, 409, 403, 403, 403, 403),
    "POST /plans/{plan_id}/approval":                          (401, 409, 403, 403, 409, 403, 403),
    "POST /plans/{plan_id}/publication":                       (401, 409, 409, 403, 403, 403, 403),
    "GET /plans/{plan_id}/document.docx":                      (401, 200, 200, 200, 200, 403, 403),
    "GET /tasks":                                              (401, 200, 200, 200, 200, 403, 403),
    "POST /tasks":                                             (401, 422, 422, 403, 403, 403, 403),
    "POST /tasks/assign":                                      (401, 422, 422, 403, 403, 403, 403),
    "GET /tasks/{task_id}":                                    (401, 200, 200, 200, 200, 403, 403),
    "GET /tasks/{task_id} @other_department":                  (401, 200, 200, 404, 200, 403, 403),
    "GET /tasks/{task_id} @other_zone":                        (401, 200, 404, 404, 404, 403, 403),
    "POST /tasks/{task_id}/transitions":                       (401, 403, 403, 409, 403, 403, 403),
    "POST /tasks/{task_id}/transitions @other_department":     (401, 403, 403, 404, 403, 403, 403),
    "POST /tasks/{task_id}/transitions @other_zone":           (401, 403, 404, 404, 404, 403, 403),
    "POST /tasks/{task_id}/extensions":                        (401, 422, 422, 422, 403, 403, 403),
    "POST /tasks/{task_id}/extensions @other_department":      (401, 422, 422, 404, 403, 403, 403),
    "POST /extensions/{extension_id}/decision":                (401, 422, 422, 403, 422, 403, 403),
    "GET /performance":                                        (401, 200, 200, 403, 200, 403, 403),
    "GET /notifications":                                      (401, 200, 200, 200, 200, 200, 200),
    "POST /notifications/{notification_id}/read":              (401, 404, 404, 200, 404, 404, 404),
    "POST /notifications/{notification_id}/read @other_user":  (401, 404, 200, 404, 404, 404, 404),
}
_APPEALS_API: dict[str, Row] = {
    "GET /":                                                    (401, 200, 200, 200, 200, 200, 403),
    "POST /":                                                   (401, 422, 422, 403, 403, 422, 403),
    "GET /{appeal_id}":                                         (401, 200, 200, 200, 200, 200, 403),
    "GET /{appeal_id} @other_department":                       (401, 200, 200, 404, 200, 404, 403),
    "GET /{appeal_id} @other_zone":                             (401, 200, 404, 404, 404, 404, 403),
    "GET /{appeal_id} @missing":                                (401, 404, 404, 404, 404, 404, 403),
    "POST /{appeal_id}/accept":                                 (401, 409, 409, 403, 403, 403, 403),
    "POST /{appeal_id}/accept @other_zone":                     (401, 409, 404, 404, 404, 404, 403),
    "POST /{appeal_id}/rejection-proposal":                     (401, 409, 409, 403, 403, 403, 403),
    "POST /{appeal_id}/rejection-decision":                     (401, 409, 403, 403, 409, 403, 403),
    "POST /{appeal_id}/dispatch":                               (401, 409, 409, 403, 403, 403, 403),
    "POST /{appeal_id}/send-back":                              (401, 403, 403, 409, 403, 403, 403),
    "POST /{appeal_id}/start":                                  (401, 403, 403, 409, 403, 403, 403),
    "POST /{appeal_id}/start @other_department":                (401, 403, 403, 404, 403, 404, 403),
    "POST /{appeal_id}/suspend":                                (401, 409, 409, 409, 403, 403, 403),
    "POST /{appeal_id}/resume":                                 (401, 409, 409, 409, 403, 403, 403),
    "POST /{appeal_id}/reply":                                  (401, 403, 403, 409, 403, 403, 403),
    "POST /{appeal_id}/close":                                  (401, 409, 409, 403, 403, 403, 403),
    "POST /{appeal_id}/reopen":                                 (401, 409, 409, 403, 403, 403, 403),
    "POST /{appeal_id}/merge":                                  (401, 409, 409, 403, 403, 403, 403),
    "POST /{appeal_id}/extensions":                             (401, 409, 409, 409, 409, 409, 403),
    "POST /{appeal_id}/extensions/{extension_id}/decision":     (401, 409, 409, 409, 409, 409, 403),
    "POST /{appeal_id}/visit":                                  (401, 409, 409, 403, 403, 403, 403),
    "POST /{appeal_id}/rating":                                 (401, 409, 409, 403, 403, 409, 403),
    "POST /{appeal_id}/rating @other_department":               (401, 409, 409, 404, 403, 404, 403),
    "POST /{appeal_id}/ratings/{rating_id}/dispute":            (401, 409, 409, 409, 409, 409, 403),
    "POST /{appeal_id}/ratings/{rating_id}/dispute-decision":   (401, 409, 409, 409, 409, 409, 403),
    "POST /{appeal_id}/ratings/{rating_id}/rectification":      (401, 409, 409, 409, 409, 409, 403),
}
_OPEN311_API: dict[str, Row] = {
    "GET /services.json":                                       (200, 200, 200, 200, 200, 200, 200),
    "GET /requests.json":                                       (200, 200, 200, 200, 200, 200, 200),
    "GET /requests/{service_request_id}.json":                  (200, 200, 200, 200, 200, 200, 200),
    "GET /requests/{service_request_id}.json @missing":         (404, 404, 404, 404, 404, 404, 404),
}
# fmt: on

PAGES = (
    _pages("admin", _ADMIN_PAGES)
    | _pages("api", _API_PAGES)
    | _pages("registry_import", _REGISTRY_IMPORT_PAGES)
    | _pages("registry", _REGISTRY_PAGES)
    | _pages("calendars", _CALENDARS_PAGES)
    | _pages("evaluation", _EVALUATION_PAGES)
    | _pages("rectification", _RECTIFICATION_PAGES)
    | _pages("appeals", _APPEALS_PAGES)
    | _pages("web", _WEB_PAGES)
    | _pages("", _UNNAMED_PAGES)
)
API = (
    _api("/api", _SHELL_API)
    | _api("/api/registry", _REGISTRY_API)
    | _api("/api/evaluation", _EVALUATION_API)
    | _api("/api/rectification", _RECTIFICATION_API)
    | _api("/api/appeals", _APPEALS_API)
    | _api("/api/open311/v2", _OPEN311_API)
)

KNOWN_DEFECTS: dict[tuple[str, str], str] = {}
"""Cells known to be wrong today, (row key, role) -> why. The table holds the right status and
the test expects to fail there (xfail, strict: once the defect is fixed the test fails until the
entry is removed). The key "<row> (content)" marks a check of an answer's content rather than
its status (test_duplicate_hints_name_only_problems_the_user_may_see)."""

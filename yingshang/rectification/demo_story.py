"""The demo's rectification story as data: the ledger's problems, the older tasks with their
history and where the plan's tasks stand. Days are counted from the day of the build (T = 0,
negative: before it). Department codes are the demo zone's (`yingshang.demo.reference`)."""

from yingshang.core.rectification.workflow import Action
from yingshang.rectification.models import ProblemSource

# The plan: drafted from the latest evaluation, its division of work settled and its tasks
# drafted the day after, submitted, approved, then published (which assigns its tasks).
PLAN_DRAFTED, PLAN_DIVIDED, PLAN_SUBMITTED, PLAN_APPROVED, PLAN_PUBLISHED = -35, -34, -33, -32, -30
SWEEPS_FROM = PLAN_PUBLISHED
"""The daily sweep (督办巡检) has run every morning since the plan was published."""

REGISTRATION_DRAFTED = -3
EXTENSION_REQUESTED = 0

# (key, source, grade, department code, days before T reported, title, description)
LEDGER: tuple[tuple[str, str, str, str, int, str, str], ...] = (
    (
        "permit",
        ProblemSource.APPEAL,
        "B",
        "zrgh",
        70,
        "施工许可办理环节多、材料重复提交",
        "企业通过12345热线反映，工程建设项目施工许可阶段需向多个窗口重复提交同一材料。",
    ),
    (
        "weekend",
        ProblemSource.SUPERVISOR,
        "C",
        "xzsp",
        65,
        "政务服务大厅周末延时服务落实不到位",
        "营商环境监督员暗访发现，周六上午部分窗口未按公示时间提供服务。",
    ),
    (
        "bank",
        ProblemSource.SURVEY,
        "C",
        "scjg",
        45,
        "企业开办后银行开户等待时间长",
        "企业满意度问卷中多家新开办企业反映银行开户预约需等待一周以上。",
    ),
    (
        "subsidy",
        ProblemSource.INSTRUCTION,
        "A",
        "kjj",
        80,
        "科技型中小企业研发费用补贴兑现慢",
        "区领导批示：研发费用补贴从申报到兑现周期过长，要求限期整改。",
    ),
    (
        "inspection",
        ProblemSource.INSPECTION,
        "B",
        "scjg",
        40,
        "涉企检查多头重复、事前不告知",
        "督查检查发现同一企业一个月内接受不同部门检查三次，未实行“综合查一次”。",
    ),
    (
        "hiring",
        ProblemSource.VISIT,
        "C",
        "rsj",
        24,
        "园区企业招聘信息发布渠道少",
        "走访企业时多家企业反映缺少面向园区的招聘信息发布平台。",
    ),
    (
        "registration",
        ProblemSource.APPEAL,
        "B",
        "zrgh",
        5,
        "不动产登记与税费缴纳未实现一窗办理",
        "企业反映不动产登记和税费缴纳仍需分别排队办理。",
    ),
    (
        "utilities",
        ProblemSource.SUPERVISOR,
        "B",
        "zjj",
        2,
        "新建厂房水电气报装仍需分别申请",
        "营商环境监督员反映，企业新建厂房的供水、供电、供气报装尚未实现联合办理。",
    ),
)

A, S, R, U, C, B, N = (
    Action.ASSIGN,
    Action.START,
    Action.REPORT,
    Action.SUBMIT,
    Action.ACCEPT,
    Action.CLOSE,
    Action.RETURN,
)

# Older tasks from the ledger, with their history: (key, department code, title, deadline in
# days from T, the ledger key of its problem, steps as (action, day offset[, text])). A task is
# drafted on the day it is assigned, after its problem was reported.
HISTORY: tuple[tuple[str, str, str, int, str | None, list[tuple]], ...] = (
    # closed on time
    (
        "subsidy_closed",
        "kjj",
        "压缩研发费用补贴兑现周期",
        -45,
        "subsidy",
        [
            (A, -75),
            (S, -74),
            (R, -60, "已梳理补贴兑现流程，拟取消两项证明材料。"),
            (U, -50),
            (C, -48),
            (B, -47),
        ],
    ),
    # closed, but submitted after its deadline
    (
        "weekend_closed_late",
        "xzsp",
        "落实政务服务大厅周末延时服务",
        -40,
        "weekend",
        [(A, -60), (S, -59), (U, -35), (C, -33), (B, -33)],
    ),
    # accepted, waiting to be closed
    (
        "inspection_accepted",
        "scjg",
        "推行涉企检查“综合查一次”",
        5,
        "inspection",
        [(A, -38), (S, -37), (U, -3), (C, -1)],
    ),
    # overdue: being worked on
    (
        "permit_overdue",
        "zrgh",
        "施工许可材料“一次提交、多方复用”",
        -12,
        "permit",
        [(A, -60), (S, -58), (R, -30, "已完成材料清单梳理，共享平台改造进行中。")],
    ),
    # overdue: never started
    ("bank_overdue", "scjg", "协调银行压缩新开办企业开户时间", -3, "bank", [(A, -30)]),
    # overdue: returned for rework
    (
        "returned_overdue",
        "kjj",
        "完善科技项目申报指南",
        -8,
        None,
        [
            (A, -50),
            (S, -49),
            (U, -20),
            (N, -18, "佐证材料不完整，请补充新版指南发布截图。"),
        ],
    ),
    # running, will ask for more time
    (
        "extension_pending",
        "rsj",
        "搭建园区企业招聘信息发布平台",
        3,
        "hiring",
        [(A, -20), (S, -19)],
    ),
)

# Where the plan's tasks stand today, the first item's task first.
PLAN_STAGES: tuple[list[tuple], ...] = (
    [(S, -28)],
    [(S, -28), (R, -14, "已制定细化方案，正在推进。")],
    [(S, -28), (U, -5)],
    [(S, -28), (U, -6), (N, -4, "整改措施未覆盖全部问题，请补充。")],
    [(S, -28), (U, -9), (C, -7)],
    [(S, -28), (U, -12), (C, -10), (B, -9)],
)


def plan_task_deadline(index: int) -> int:
    """The deadline of the plan's `index`-th task, in days from T."""
    return 20 + 5 * index

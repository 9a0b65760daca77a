"""The demo's appeal story as data: about sixty cases, where each came from, who raised it and
what happened to it on which day.

Days are working days counted back from the story's last working day (0: the day of the build,
or the working day before it when the build falls on a day off; 3: three working days earlier;
negative: after it, only as a date asked for). A case either lists its steps or follows the
usual course (`Course`) up to a state, ending on a given day, paced by its kind's time limit.
Department codes are the demo zone's (`yingshang.demo.reference`).
"""

from dataclasses import dataclass

from yingshang.core.appeals.kinds import Channel

# Who raised a case.
OWN = "own"  # the enterprise account's enterprise, online through the account
ENTERPRISE = "enterprise"  # another enterprise of the zone
PERSON = "person"  # an employee or a resident, by name
ANONYMOUS = "anonymous"
SUPERVISOR = "supervisor"  # the zone's business-environment supervisor
AUTO = ""  # the supervisor for the supervisor's channel, a person for a labour matter, else an
# enterprise


@dataclass(frozen=True)
class Step:
    action: str  # see demo.ACTIONS
    day: int
    arg: str = ""  # the department to dispatch to, the rating level, the case merged into
    text: str = ""  # the reason or the note
    flag: bool = False  # a subjective rating; an approved extension or rejection; a dispute upheld
    until: int = 0  # the day an extension asks for


@dataclass(frozen=True)
class Course:
    """The usual course up to the step `until`, which falls on day `ends`."""

    until: str
    ends: int
    level: str = "satisfied"


@dataclass(frozen=True)
class Case:
    key: str
    channel: Channel
    steps: tuple[Step, ...] | Course
    applicant: str = AUTO
    department: str | None = None  # a message the department owns
    words: tuple[str, ...] = ()  # a message with one of these words
    kind: str = ""  # the kind the message reads as, unless given
    twin: int | None = None  # the first or second of the message sent twice


def course(until: str, ends: int, level: str = "satisfied") -> Course:
    return Course(until, ends, level)


def steps(*rows: tuple) -> tuple[Step, ...]:
    return tuple(Step(*row) for row in rows)


ONLINE, HOTLINE, WINDOW, VISIT = (
    Channel.ONLINE,
    Channel.HOTLINE_12345,
    Channel.WINDOW,
    Channel.VISIT,
)
PHONE, LETTER, EMAIL, WATCH = Channel.PHONE, Channel.LETTER, Channel.EMAIL, Channel.SUPERVISOR

OWN_BAD = "答复只解释了规定，没有上门核实企业的实际经营情况，也没有说明如何申请移出。"
SUBJECTIVE_BAD = "承办人员没有到现场核实，答复内容与反映的问题不符。"
POLICY_BAD = "对答复中的政策解释不认可，认为补贴标准偏低。"
WRONG_DEPARTMENT = "该事项不属于本部门职责，请重新转办。"

# The case the route table and the department account start from: the enterprise account's own
# case at 市场监管, reopened by the office after the enterprise rated the first answer 不满意;
# the 差评's rectification was reported before the case was taken up again.
OWN_REOPENED = Case(
    "own_reopened",
    ONLINE,
    steps(
        ("receive", 20),
        ("accept", 19),
        ("dispatch", 19),
        ("start", 18),
        ("reply", 12),
        ("visit", 11),
        ("rate", 11, "dissatisfied", OWN_BAD),
        (
            "rectified",
            7,
            "",
            "已约见企业负责人，现场核实经营地址，并告知移出经营异常名录的办理流程。",
        ),
        ("reopen", 6, "", "企业反映的经营地址核查请求在答复中没有回应，重新办理。"),
    ),
    applicant=OWN,
    department="scjg",
    words=("经营地点异常",),
    kind="complaint",
)
# Another enterprise's case the system reopened at once: its 差评 was for a subjective reason.
SUBJECTIVE_REOPENED = Case(
    "subjective_reopened",
    VISIT,
    steps(
        ("receive", 18),
        ("accept", 17),
        ("dispatch", 17),
        ("start", 16),
        ("reply", 9),
        ("visit", 8),
        ("rate", 7, "dissatisfied", SUBJECTIVE_BAD, True),
    ),
    applicant=ENTERPRISE,
    kind="complaint",
)

SPECIAL: tuple[Case, ...] = (
    OWN_REOPENED,
    SUBJECTIVE_REOPENED,
    Case(
        "rejection_pending",
        PHONE,
        steps(
            ("receive", 2),
            (
                "propose",
                1,
                "",
                "所反映事项属人民银行征信管理职责，不属于本区营商环境诉求受理范围，"
                "拟告知诉求人向人民银行郑州中心支行反映。",
            ),
        ),
        applicant=PERSON,
        words=("修复征信",),
    ),
    Case(
        "rejected",
        HOTLINE,
        steps(
            ("receive", 20),
            (
                "propose",
                19,
                "",
                "所反映事项已进入司法程序，属人民法院职权范围，依法不予受理，"
                "已告知诉求人向审理法院了解案件进度。",
            ),
            ("approve", 18, "", "同意不予受理。", True),
        ),
        applicant=PERSON,
        words=("判决",),
    ),
    Case(
        "deemed",
        HOTLINE,
        steps(("receive", 8), ("dispatch", 4)),  # deemed accepted by the sweep in between
        kind="complaint",
    ),
    Case(
        "sent_back",
        WINDOW,
        steps(
            ("receive", 3),
            ("accept", 2),
            ("dispatch", 2, "kjj"),
            ("send_back", 1, "", "该事项属劳动保障监察职责，不属于科技部门职能，请重新转办。"),
        ),
        department="rsj",
    ),
    Case(
        "overdue",
        PHONE,
        steps(("receive", 22), ("accept", 21), ("dispatch", 21), ("start", 20)),
        department="rsj",
        kind="complaint",
    ),
    Case(
        "due_soon",
        WATCH,
        steps(("receive", 13), ("accept", 12), ("dispatch", 12), ("start", 11)),
        applicant=SUPERVISOR,
        department="zhzf",
        kind="complaint",
    ),
    Case(
        "extension_pending",
        VISIT,
        steps(
            ("receive", 11),
            ("accept", 10),
            ("dispatch", 10),
            ("start", 9),
            (
                "extend",
                0,
                "",
                "涉及用地规划调整，需报市自然资源和规划局研究，申请延期十个工作日。",
                False,
                -10,
            ),
        ),
        applicant=ENTERPRISE,
        department="zrgh",
        kind="complaint",
    ),
    Case(
        "extension_approved",
        HOTLINE,
        steps(
            ("receive", 17),
            ("accept", 16),
            ("dispatch", 16),
            ("start", 15),
            ("extend", 6, "", "需会同财政部门核对奖励资金拨付记录，申请延期。", False, -5),
            ("decide", 5, "", "同意延期，请按期答复。", True),
        ),
        applicant=ENTERPRISE,
        department="kjj",
        kind="complaint",
    ),
    Case(
        "suspended",
        HOTLINE,
        steps(
            ("receive", 9),
            ("accept", 8),
            ("dispatch", 8),
            ("start", 7),
            ("suspend", 4, "", "需等待第三方检测机构出具水质检测报告，检测期间中止办理。"),
        ),
        department="zjj",
        words=("水质",),
    ),
    Case(
        "resumed",
        PHONE,
        steps(
            ("receive", 15),
            ("accept", 14),
            ("dispatch", 14),
            ("start", 13),
            ("suspend", 10, "", "已委托环境监测站对噪声和扬尘进行监测，等待监测结果。"),
            ("resume", 6),
            ("reply", 2),
        ),
        department="sthj",
        kind="complaint",
    ),
    Case(
        "duplicate_of",
        ONLINE,
        steps(
            ("receive", 9),
            ("accept", 8),
            ("dispatch", 8),
            ("start", 7),
            ("reply", 3),
            ("visit", 2),
        ),
        applicant=ENTERPRISE,
        twin=0,
    ),
    Case(
        "duplicate",
        HOTLINE,
        steps(("receive", 7), ("merge", 6, "duplicate_of")),
        applicant=PERSON,
        twin=1,
    ),
    Case(
        "late_reply",
        PHONE,
        steps(
            ("receive", 31),
            ("accept", 30),
            ("dispatch", 30),
            ("start", 29),
            ("reply", 15),  # two working days after its deadline, urged in between
            ("visit", 14),
            ("rate", 14, "basically_satisfied"),
            ("close", 13),
        ),
        kind="complaint",
    ),
    Case(
        "resent",
        WINDOW,
        steps(
            ("receive", 13),
            ("accept", 12),
            ("dispatch", 12, "zrgh"),
            ("send_back", 11, "", WRONG_DEPARTMENT),
            ("dispatch", 11),
            ("start", 10),
            ("reply", 5),
            ("visit", 4),
            ("rate", 4, "satisfied"),
            ("close", 3),
        ),
        applicant=ENTERPRISE,
        department="scjg",
        kind="complaint",
    ),
    Case(
        "bad_rating",
        ONLINE,
        steps(
            ("receive", 16),
            ("accept", 15),
            ("dispatch", 15),
            ("start", 14),
            ("reply", 7),
            ("visit", 6),
            ("rate", 2, "dissatisfied", POLICY_BAD),
            ("close", 1),
        ),
        applicant=ENTERPRISE,
        department="rsj",
        kind="complaint",
    ),
    Case(
        "disputed",
        VISIT,
        steps(
            ("receive", 28),
            ("accept", 27),
            ("dispatch", 27),
            ("start", 26),
            ("reply", 20),
            ("visit", 19),
            ("rate", 19, "very_dissatisfied", "处理结果没有达到预期。"),
            ("dispute", 18, "", "已依法依规办理并答复，诉求人的要求超出本部门法定职责。"),
            ("review", 16, "", "经复核，承办部门已按规定办理并答复，撤销该差评。"),
            ("close", 15),
        ),
        applicant=ENTERPRISE,
        kind="complaint",
    ),
    Case(
        "emergency",
        PHONE,
        course("close", 22),
        department="xfdd",
        words=("起火",),
        kind="emergency",
    ),
    Case("own_new", ONLINE, course("receive", 0), applicant=OWN, department="kjj"),
    Case("own_dispatched", ONLINE, course("dispatch", 1), applicant=OWN, department="scjg"),
    Case(
        "own_rated", ONLINE, course("rate", 1, "very_satisfied"), applicant=OWN, department="xzsp"
    ),
    Case("own_closed", ONLINE, course("close", 12, "very_satisfied"), OWN, department="scjg"),
    Case("own_land", ONLINE, course("close", 5), applicant=OWN, department="zrgh", words=("用地",)),
)

# The usual course, the text's own department: (key, channel, until, ends, kind, level); the
# kind and level left empty are the message's and 满意.
USUAL: tuple[tuple[str, Channel, str, int, str, str], ...] = (
    ("new_hotline", HOTLINE, "receive", 0, "", ""),
    ("new_window", WINDOW, "receive", 1, "", ""),
    ("accepted", EMAIL, "accept", 0, "", ""),
    ("accepted_letter", LETTER, "accept", 1, "", ""),
    ("dispatched", VISIT, "dispatch", 0, "", ""),
    ("handling_phone", PHONE, "start", 3, "complaint", ""),
    ("handling_online", ONLINE, "start", 5, "complaint", ""),
    ("handling_window", WINDOW, "start", 1, "suggestion", ""),
    ("replied_phone", PHONE, "reply", 0, "", ""),
    ("replied_hotline", HOTLINE, "reply", 1, "", ""),
    ("visited_watch", WATCH, "visit", 0, "", ""),
    ("visited_hotline", HOTLINE, "visit", 1, "", ""),
    ("rated_window", WINDOW, "rate", 0, "", "basically_satisfied"),
    ("rated_phone", PHONE, "rate", 2, "", "satisfied"),
    ("closed_1", HOTLINE, "close", 30, "", "very_satisfied"),
    ("closed_2", PHONE, "close", 29, "grade_c", "satisfied"),
    ("closed_3", WINDOW, "close", 28, "", "satisfied"),
    ("closed_4", VISIT, "close", 27, "", "very_satisfied"),
    ("closed_5", ONLINE, "close", 26, "grade_b", "satisfied"),
    ("closed_6", HOTLINE, "close", 25, "", "basically_satisfied"),
    ("closed_7", WATCH, "close", 24, "", "satisfied"),
    ("closed_8", PHONE, "close", 23, "help", "very_satisfied"),
    ("closed_9", LETTER, "close", 21, "", "satisfied"),
    ("closed_10", HOTLINE, "close", 20, "", "very_satisfied"),
    ("closed_11", WINDOW, "close", 19, "", "satisfied"),
    ("closed_12", EMAIL, "close", 18, "", "satisfied"),
    ("closed_13", PHONE, "close", 17, "grade_c", "basically_satisfied"),
    ("closed_14", HOTLINE, "close", 16, "", "very_satisfied"),
    ("closed_15", VISIT, "close", 14, "", "satisfied"),
    ("closed_16", ONLINE, "close", 11, "", "very_satisfied"),
    ("closed_17", HOTLINE, "close", 9, "", "satisfied"),
    ("closed_18", PHONE, "close", 8, "", "satisfied"),
    ("closed_19", WINDOW, "close", 6, "", "very_satisfied"),
)

ANONYMOUS_CASES = frozenset({"new_hotline", "replied_hotline", "closed_6", "closed_17"})

CASES: tuple[Case, ...] = SPECIAL + tuple(
    Case(
        key,
        channel,
        course(until, ends, level or "satisfied"),
        applicant=ANONYMOUS if key in ANONYMOUS_CASES else AUTO,
        kind=kind,
    )
    for key, channel, until, ends, kind, level in USUAL
)

# What the departments answer, by department code; the rest answer in general terms.
REPLIES: dict[str, str] = {
    "scjg": "已安排执法人员现场核查，依法责令经营者整改，并将处理结果告知诉求人。",
    "rsj": "已约谈用人单位，督促其依法支付拖欠款项、补缴社会保险，劳动保障监察将跟踪落实。",
    "swj": "已核实相关涉税事项，按现行政策作出解释，并告知办理渠道和所需材料。",
    "xfdd": "已开展消防监督检查，责令场所停止使用不合格区域并限期整改消防设施。",
    "zhzf": "已安排执法队员现场处置，清理占道经营，并纳入日常巡查范围。",
    "zrgh": "已会同规划部门研究，相关用地和建设事项按程序办理，办理进度将及时告知。",
    "zjj": "已督促供水企业排查管网并公布水质检测结果，后续将定期抽检。",
    "sthj": "已组织现场监测，责令企业落实降尘降噪措施，监测结果将予公开。",
    "kjj": "已核对奖励政策和申报材料，差额部分将按程序补发，并告知企业办理时限。",
    "xzsp": "已向企业一次性告知许可条件、申请材料和办理流程，可在政务服务网在线申请。",
    "gaj": "已核实相关情况，并按规定向诉求人说明办理条件和流程。",
}
GENERAL_REPLY = "已调查核实并研究办理，处理意见已告知诉求人。"
VISIT_NOTE = "电话回访诉求人，诉求人已知悉答复内容。"

# People who raise appeals in their own name: made up, like the demo's other people.
PEOPLE: tuple[str, ...] = (
    "赵雅婷", "钱志明", "孙浩然", "李秀兰", "周建国", "吴晓峰", "郑丽娜", "王海燕", "冯子豪",
    "陈思远", "褚凤英", "卫国平",
)  # fmt: skip

"""GB/T 4754-2017 国民经济行业分类: the 20 sections (门类) and the divisions (大类) each spans."""

SECTIONS: dict[str, tuple[str, int, int]] = {
    "A": ("农、林、牧、渔业", 1, 5),
    "B": ("采矿业", 6, 12),
    "C": ("制造业", 13, 43),
    "D": ("电力、热力、燃气及水生产和供应业", 44, 46),
    "E": ("建筑业", 47, 50),
    "F": ("批发和零售业", 51, 52),
    "G": ("交通运输、仓储和邮政业", 53, 60),
    "H": ("住宿和餐饮业", 61, 62),
    "I": ("信息传输、软件和信息技术服务业", 63, 65),
    "J": ("金融业", 66, 69),
    "K": ("房地产业", 70, 70),
    "L": ("租赁和商务服务业", 71, 72),
    "M": ("科学研究和技术服务业", 73, 75),
    "N": ("水利、环境和公共设施管理业", 76, 79),
    "O": ("居民服务、修理和其他服务业", 80, 82),
    "P": ("教育", 83, 83),
    "Q": ("卫生和社会工作", 84, 85),
    "R": ("文化、体育和娱乐业", 86, 90),
    "S": ("公共管理、社会保障和社会组织", 91, 96),
    "T": ("国际组织", 97, 97),
}


def section_of(code: str) -> str | None:
    """The section letter for a code such as "6513", "C3919" or "65"; None if it fits none."""
    code = code.strip().upper()
    if code[:1].isalpha():
        letter, digits = code[0], code[1:]
        if letter not in SECTIONS:
            return None
        if not digits:
            return letter
        return letter if section_of(digits) == letter else None
    if len(code) < 2 or not code.isdigit() or len(code) > 4:
        return None
    division = int(code[:2])
    for letter, (_name, low, high) in SECTIONS.items():
        if low <= division <= high:
            return letter
    return None


def section_name(letter: str) -> str:
    return SECTIONS[letter][0] if letter in SECTIONS else ""

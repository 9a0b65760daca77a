"""How the registry's pages name a code: an industry section (门类) by its letter and its name."""

from yingshang.core.industry import section_name


def section_label(letter: str) -> str:
    """ "C 制造业" for "C"; a letter GB/T 4754-2017 does not know stays as it is."""
    name = section_name(letter)
    return f"{letter} {name}" if name else letter

"""Masking personal numbers for display (脱敏): the stored value stays whole; a page or an export
shows it masked to everyone who does not handle the case."""


def mask_phone(phone: str) -> str:
    """138****5678 for a mobile number; a shorter number keeps its last 4 characters at most."""
    text = (phone or "").strip()
    if len(text) >= 11:
        return f"{text[:3]}{'*' * (len(text) - 7)}{text[-4:]}"
    if len(text) > 4:
        return f"{'*' * (len(text) - 4)}{text[-4:]}"
    return "*" * len(text)


def mask_id(number: str) -> str:
    """410105********1234 for an 18-character ID number: the region code (6) and the last 4
    characters stay, the birth date goes."""
    text = (number or "").strip()
    if len(text) >= 15:
        return f"{text[:6]}{'*' * (len(text) - 10)}{text[-4:]}"
    if len(text) > 4:
        return f"{'*' * (len(text) - 4)}{text[-4:]}"
    return "*" * len(text)

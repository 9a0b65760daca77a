"""Decoding uploaded CSV files as the zone's offices produce them."""

import codecs


def decode_csv_bytes(content: bytes) -> str:
    """UTF-8 with or without BOM, else GB18030 (what Excel on a Chinese Windows writes).

    Raises UnicodeDecodeError when the content is neither (or carries a UTF-8 BOM but is not
    UTF-8); callers turn that into their own message.
    """
    if content.startswith(codecs.BOM_UTF8):
        return content[len(codecs.BOM_UTF8) :].decode("utf-8")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("gb18030")

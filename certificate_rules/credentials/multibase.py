"""base58-btc multibase ('z' prefix) and Ed25519 Multikey encodings (multicodec 0xed01 for
public keys, 0x8026 for secret keys), as the Data Integrity specifications use them."""

from ..errors import CredentialError

_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {char: value for value, char in enumerate(_ALPHABET)}
ED25519_PUBLIC_PREFIX = b"\xed\x01"
ED25519_SECRET_PREFIX = b"\x80\x26"


def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = []
    while number:
        number, rest = divmod(number, 58)
        out.append(_ALPHABET[rest])
    leading = len(data) - len(data.lstrip(b"\0"))
    return "1" * leading + "".join(reversed(out))


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        if char not in _INDEX:
            raise CredentialError(f"not base58-btc: unexpected character {char!r}")
        number = number * 58 + _INDEX[char]
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    leading = len(text) - len(text.lstrip("1"))
    return b"\0" * leading + body


def encode(data: bytes) -> str:
    return "z" + b58encode(data)


def decode(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("z"):
        raise CredentialError("only base58-btc multibase values (starting with 'z') are supported")
    return b58decode(text[1:])


def public_multikey(raw_public: bytes) -> str:
    return encode(ED25519_PUBLIC_PREFIX + raw_public)


def secret_multikey(raw_secret: bytes) -> str:
    return encode(ED25519_SECRET_PREFIX + raw_secret)


def raw_public_key(multikey: str) -> bytes:
    data = decode(multikey)
    if not data.startswith(ED25519_PUBLIC_PREFIX) or len(data) != 34:
        raise CredentialError("not an Ed25519 public Multikey")
    return data[2:]


def raw_secret_key(multikey: str) -> bytes:
    data = decode(multikey)
    if not data.startswith(ED25519_SECRET_PREFIX) or len(data) != 34:
        raise CredentialError("not an Ed25519 secret Multikey")
    return data[2:]

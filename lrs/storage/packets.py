"""MariaDB/MySQL take one statement only up to ``max_allowed_packet`` bytes, and PyMySQL
sends binary values escaped (up to two bytes each). A value that can't fit is refused
with 413 up front, rather than having the server drop the connection (a 500)."""

from ..errors import PayloadTooLarge


class PacketLimit:
    def __init__(self):
        self._limit = None

    def check(self, conn, size, what):
        if conn.dialect.name not in ("mysql", "mariadb"):
            return
        needed = 2 * size + 4096
        if self._limit is None or needed > self._limit:
            # Read again before refusing: the server setting may have been raised since.
            self._limit = conn.exec_driver_sql("SELECT @@max_allowed_packet").scalar()
        if needed > self._limit:
            raise PayloadTooLarge(
                f"{what} of {size} bytes is larger than this LRS's database accepts "
                f"(its max_allowed_packet is {self._limit} bytes)")

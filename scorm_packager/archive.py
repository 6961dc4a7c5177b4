"""Zip writing and safe archive reading.

Writing: entries at the zip root (no top-level folder), written to a real, seekable file (so no data
descriptors), deflated, in a stable order, then moved into place atomically.
Reading (packages and OLX exports from anyone): no absolute paths, no `..`, no links, no devices,
limits on the number of entries and on the total and per-entry uncompressed size.
"""

import os
import stat
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import UnsafeArchiveError
from .i18n import _

FIXED_TIME = (2020, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Limits:
    max_entries: int = 20_000
    max_total_bytes: int = 2 * 1024**3
    max_entry_bytes: int = 1024**3
    max_ratio: int = 200          # uncompressed / compressed, for zip bombs


DEFAULT_LIMITS = Limits()


def write_zip(path, files):
    """Write {name: bytes} to `path` (a seekable temporary file, then renamed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".zip.part")
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for name in sorted(files, key=_entry_order):
                info = zipfile.ZipInfo(name, FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, files[name])
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path


def _entry_order(name):
    # The manifest first: some LMSs sniff the first entry.
    return (name not in ("imsmanifest.xml", "cmi5.xml"), name)


def check_member_name(name, archive_name):
    """UnsafeArchiveError unless `name` is a plain relative path inside the archive."""
    pure = PurePosixPath(name.replace("\\", "/"))
    if (not name or name.startswith(("/", "\\")) or ":" in pure.parts[0]
            or ".." in pure.parts or "\x00" in name):
        raise UnsafeArchiveError(_("unsafe path {name!r} in the archive").format(name=name),
                                 file=archive_name)


def read_zip(path, limits=DEFAULT_LIMITS):
    """{name: bytes} of the regular files in a zip, checked against the rules above."""
    name = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise UnsafeArchiveError(_("not a readable zip file: {error}").format(error=error),
                                 file=name) from None
    with archive:
        infos = archive.infolist()
        _check_count(len(infos), limits, name)
        total, files = 0, {}
        for info in infos:
            check_member_name(info.filename, name)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise UnsafeArchiveError(_("the archive holds a link: {name}").format(
                    name=info.filename), file=name)
            if info.flag_bits & 0x1:
                raise UnsafeArchiveError(_("encrypted entries are not supported: {name}").format(
                    name=info.filename), file=name)
            if info.is_dir():
                continue
            total += info.file_size
            _check_size(info.filename, info.file_size, total, limits, name)
            if info.compress_size and info.file_size / info.compress_size > limits.max_ratio \
                    and info.file_size > 1024**2:
                raise UnsafeArchiveError(_("suspicious compression ratio: {name}").format(
                    name=info.filename), file=name)
            with archive.open(info) as member:
                data = member.read(limits.max_entry_bytes + 1)
            _check_size(info.filename, len(data), total, limits, name)
            files[info.filename] = data
        return files


def read_tar(path, limits=DEFAULT_LIMITS):
    """{name: bytes} of the regular files in a (gzipped) tar; links and devices are refused."""
    name = str(path)
    try:
        archive = tarfile.open(path, "r:*")
    except (tarfile.TarError, OSError) as error:
        raise UnsafeArchiveError(_("not a readable tar archive: {error}").format(error=error),
                                 file=name) from None
    with archive:
        files, total, count = {}, 0, 0
        for member in archive:
            count += 1
            _check_count(count, limits, name)
            check_member_name(member.name, name)
            if member.issym() or member.islnk():
                raise UnsafeArchiveError(_("the archive holds a link: {name}").format(
                    name=member.name), file=name)
            if member.isdir():
                continue
            if not member.isfile():
                raise UnsafeArchiveError(_("the archive holds a special file: {name}").format(
                    name=member.name), file=name)
            total += member.size
            _check_size(member.name, member.size, total, limits, name)
            files[member.name] = archive.extractfile(member).read()
        return files


def _check_count(count, limits, name):
    if count > limits.max_entries:
        raise UnsafeArchiveError(_("the archive holds more than {limit} entries").format(
            limit=limits.max_entries), file=name)


def _check_size(entry, size, total, limits, name):
    if size > limits.max_entry_bytes:
        raise UnsafeArchiveError(_("{entry} is larger than {limit} bytes").format(
            entry=entry, limit=limits.max_entry_bytes), file=name)
    if total > limits.max_total_bytes:
        raise UnsafeArchiveError(_("the archive expands to more than {limit} bytes").format(
            limit=limits.max_total_bytes), file=name)

"""What tests that start real servers (LRS, workbench, test web servers) share."""

import ctypes
import signal
import socket


def die_with_parent():
    """Linux: SIGTERM a child server if pytest itself is killed (no teardown runs then).
    Pass as ``preexec_fn``."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

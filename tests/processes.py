"""What tests that start real servers (LRS, workbench, test web servers) share."""

import ctypes
import os
import signal
import socket
import time

import requests


def die_with_parent():
    """Linux: SIGTERM a child server if pytest itself is killed (no teardown runs then).
    Pass as ``preexec_fn``."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_serving(process, url, what, *, timeout=30, interval=0.2, output=None):
    """Return once ``url`` answers 200; if ``process`` ends first or ``timeout`` passes,
    kill it and raise with what it wrote (``output()``, else its stderr pipe)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            said = output() if output else process.stderr.read().decode()
            raise RuntimeError(f"{what} did not start: {said[-2000:]}")
        time.sleep(interval)


def stop_session(process, timeout=15):
    """SIGTERM a server started with ``start_new_session=True`` and its workers; wait."""
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=timeout)

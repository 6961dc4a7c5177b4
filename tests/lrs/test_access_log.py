"""`lrs serve` writes gunicorn's own access lines, through a cheaper path."""

import base64
import datetime
import logging

import pytest
from gunicorn.config import Config
from gunicorn.glogging import Logger

from lrs.cli.access_log import AccessLogger


class Response:
    status = "201 CREATED"
    sent = 38
    headers = [("Content-Type", "application/json")]


class Request:
    headers = [("HOST", "127.0.0.1:8080")]


def _basic(user):
    return "Basic " + base64.b64encode(user + b":secret").decode()


ENVIRONS = [
    {"REMOTE_ADDR": "127.0.0.1", "REQUEST_METHOD": "POST", "RAW_URI": "/xapi/statements",
     "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_AUTHORIZATION": _basic(b"openedx")},
    {"REMOTE_ADDR": "10.0.0.2", "REQUEST_METHOD": "GET", "SERVER_PROTOCOL": "HTTP/1.0",
     "RAW_URI": '/xapi/statements?agent={"mbox":"mailto:a@example.org"}',
     "HTTP_REFERER": "https://lms.example.org/", "HTTP_USER_AGENT": 'Quote "client"'},
    {"REQUEST_METHOD": "GET", "RAW_URI": "/xapi/about", "SERVER_PROTOCOL": "HTTP/1.1",
     "HTTP_AUTHORIZATION": "Basic not-base64!"},
]


def _line(logger_class, environ, fmt=None):
    config = Config()
    config.set("accesslog", "-")
    if fmt:
        config.set("access_log_format", fmt)
    logger = logger_class(config)
    lines = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())
    logger.access_log.handlers = [handler]
    logger.access(Response, Request, environ, datetime.timedelta(microseconds=1500))
    return lines[0]


@pytest.mark.parametrize("environ", ENVIRONS)
def test_the_default_access_line_is_gunicorns(environ):
    assert _line(AccessLogger, environ) == _line(Logger, environ)


def test_another_format_goes_through_gunicorn():
    fmt = "%(s)s %(D)s %({x-experience-api-version}i)s"
    assert _line(AccessLogger, ENVIRONS[0], fmt).startswith("201 1500 ")

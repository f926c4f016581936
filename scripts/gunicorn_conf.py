"""gunicorn settings, for `make bench` only: it measures gunicorn beside granian (production).

`gunicorn -c scripts/gunicorn_conf.py veiviser.wsgi`; HOST, PORT, WEB_CONCURRENCY and
LOG_LEVEL come from the environment.
"""

import logging
import os
import re

import gunicorn.glogging
import gunicorn.http.wsgi

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# gunicorn's access log would record the client's address and user agent; Veiviser's own
# access log (veiviser.web.access_log) records only method, path, status and duration.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# gunicorn 27 opens a control socket in $HOME by default; nothing here uses it, and two
# instances on one machine would share it.
control_socket_disable = True
# Behind a TLS proxy the X-Forwarded-Proto header says whether the request was HTTPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def _default_headers_without_server(self: gunicorn.http.wsgi.Response) -> list[str]:
    # gunicorn always writes "Server: gunicorn" and has no setting to turn it off; the name
    # and version of the server help an attacker and serve no reader.
    return [line for line in _original_default_headers(self) if not line.startswith("Server:")]


_original_default_headers = gunicorn.http.wsgi.Response.default_headers
gunicorn.http.wsgi.Response.default_headers = _default_headers_without_server


class _NoVisitorDetails(logging.Filter):
    """gunicorn's own error log names the client ("Invalid request from ip=...") and the
    full URI of a failed request; neither may reach a log (see veiviser.web.access_log)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        message = re.sub(r"\bip=\S+", "ip=-", message)
        message = re.sub(r"(Error handling request \S+ [^?\s]*)\?\S*", r"\1", message)
        record.msg, record.args = message, None
        return True


class Logger(gunicorn.glogging.Logger):
    def setup(self, cfg: object) -> None:
        super().setup(cfg)
        self.error_log.addFilter(_NoVisitorDetails())


logger_class = Logger

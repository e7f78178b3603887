"""The outbox against a real SMTP conversation on loopback (STARTTLS with a throwaway certificate) whose
server misbehaves mid-batch, as mail servers do: the message taken, then the connection lost before its 250;
the message taken and 250 sent, then QUIT answered 421."""
from __future__ import annotations

import socket
import ssl
import subprocess
import threading

import pytest
import sqlalchemy as sa

from core.extensions import db
from tests.conftest import make_app

pytestmark = pytest.mark.real_commits


class FlakySMTP:
    def __init__(self, tmp_path, lose_ack_for=(), bad_quit_for=()):
        key, cert = tmp_path / "k.pem", tmp_path / "c.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "1", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
        self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.tls.load_cert_chain(cert, key)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.delivered: list[str] = []  # subjects, in the order the server took them
        self.message_ids: list[tuple[str, str]] = []  # (subject, Message-ID) of each copy taken
        self.lose_ack_for, self.bad_quit_for = set(lose_ack_for), set(bad_quit_for)
        self.faulted: set[str] = set()  # each fault once
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._talk, args=(conn,), daemon=True).start()

    def _talk(self, conn):
        f = conn.makefile("rwb")

        def say(line):
            f.write(line.encode() + b"\r\n")
            f.flush()
        say("220 flaky ESMTP")
        quit_bad = False
        try:
            while True:
                line = f.readline()
                if not line:
                    return
                cmd = line.decode(errors="replace").strip().upper()
                if cmd.startswith("EHLO"):
                    f.write(b"250-flaky\r\n250 STARTTLS\r\n")
                    f.flush()
                elif cmd == "STARTTLS":
                    say("220 go ahead")
                    conn = self.tls.wrap_socket(conn, server_side=True)
                    f = conn.makefile("rwb")
                elif cmd == "DATA":
                    say("354 end with .")
                    body = []
                    while (chunk := f.readline()) not in (b".\r\n", b""):
                        body.append(chunk.decode(errors="replace"))
                    subject = next((b_[9:].strip() for b_ in body if b_.startswith("Subject: ")), "")
                    self.delivered.append(subject)
                    self.message_ids.append((subject, next((b_[12:].strip() for b_ in body
                                                             if b_.lower().startswith("message-id: ")), "")))
                    if subject in self.lose_ack_for and subject not in self.faulted:
                        self.faulted.add(subject)
                        conn.close()  # taken, but the 250 never arrives
                        return
                    if subject in self.bad_quit_for and subject not in self.faulted:
                        self.faulted.add(subject)
                        quit_bad = True
                    say("250 queued")
                elif cmd == "QUIT":
                    say("421 shutting down" if quit_bad else "221 bye")
                    conn.close()
                    return
                else:
                    say("250 ok")
        except OSError:
            return

    def stop(self):
        self.sock.close()


def _run(app, tmp_path, ids: dict | None = None, **faults):
    from core import outbox
    from core.models import OutboxMessage
    server = FlakySMTP(tmp_path, **faults)
    mail_app = make_app(app.config["TEST_TMP_DIR"], TESTING=False, MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port)
    try:
        with mail_app.app_context():
            for n in range(1, 6):
                outbox._queue(f"person{n}@example.org", f"message {n}", "Hello")
            db.session.commit()
        for _ in range(3):  # the job, three times, each after the back-off has passed
            with mail_app.app_context():
                outbox.deliver()
                db.session.execute(sa.update(OutboxMessage).values(send_after=None))
                db.session.commit()
        with mail_app.app_context():
            rows = db.session.execute(sa.select(OutboxMessage.subject, OutboxMessage.status, OutboxMessage.attempts,
                                                OutboxMessage.last_error).order_by(OutboxMessage.id)).all()
    finally:
        server.stop()
    print("\nthe mail server took:", server.delivered, "\noutbox:", rows)
    for subject, message_id in server.message_ids:
        (ids if ids is not None else {}).setdefault(subject, set()).add(message_id)
    return sorted({s for s in server.delivered if server.delivered.count(s) > 1})


def test_a_message_the_server_accepted_with_250_is_not_sent_again_when_quit_fails(app, tmp_path):
    """Break: the 250 came back, only QUIT was answered 421; smtplib raises from the `with` block's exit, the
    outbox takes it for "not sent" and sends the same e-mail again on the next run."""
    assert _run(app, tmp_path, bad_quit_for={"message 4"}) == []


def test_a_message_whose_250_was_lost_is_sent_again_as_the_same_message(app, tmp_path):
    """The mail server's unknown answer (it took the message, the connection dropped before its 250): SMTP
    cannot tell a lost answer from a lost message, so it is sent again rather than lost — and both copies carry
    the same Message-ID, so mail programs and servers treat them as one message (the README says so)."""
    server_ids: dict[str, set[str]] = {}
    assert _run(app, tmp_path, lose_ack_for={"message 2"}, ids=server_ids) == ["message 2"]
    assert len(server_ids["message 2"]) == 1 and next(iter(server_ids["message 2"])).startswith("<outbox-")

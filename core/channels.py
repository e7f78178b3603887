"""SMS and LINE: how a message that is not an e-mail leaves the outbox. A programme registers an adapter per
channel (its provider); the default one writes a line to the log, so a programme without a provider loses
nothing and sends nothing. Apart from core.notify and core.outbox so that neither needs the other's import."""
from __future__ import annotations

import logging
from collections.abc import Callable

from core.models import OutboxMessage

log = logging.getLogger(__name__)

Adapter = Callable[[OutboxMessage], None]


def log_adapter(message: OutboxMessage) -> None:
    """The default: no provider configured, so the message is noted (not its words) and counts as sent."""
    log.info("%s message %s (%d characters) would be sent now", message.channel, message.id, len(message.body))


_ADAPTERS: dict[str, Adapter] = {}


def register_adapter(channel: str, adapter: Adapter) -> None:
    _ADAPTERS[channel] = adapter


def send_by_adapter(message: OutboxMessage) -> None:
    _ADAPTERS.get(message.channel, log_adapter)(message)

"""Rasa's Redis lock store, with its ticket bookkeeping made atomic across processes.

Rasa 3.6's `RedisLockStore` issues and returns tickets with a read-modify-write of one Redis key (get the
conversation's lock, change it, set it back). Two replicas that receive messages of the same conversation at
the same moment can both read the same state and both get the first ticket; both then handle the conversation
at once and one of the turns is lost from the tracker (measured with `make scale-demo`: 1-2 of 10 conversations
in a burst). Here every read-modify-write of a conversation's lock runs under a short Redis mutex
(`SET NX` with expiry, redis-py's `Lock`), so tickets are unique and served in the order they were issued.

endpoints: `lock_store: {type: infopunt.rasa_ext.lock_store.AtomicRedisLockStore, url: ..., port: ..., db: ...}`
"""
from __future__ import annotations

from typing import Any, Optional

from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

MUTEX_SECONDS = 5


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        if endpoint_config is not None:  # created from endpoints.yml by its module path
            kwargs = {"host": endpoint_config.url, **endpoint_config.kwargs, **kwargs}
        if kwargs.get("port") is not None:
            kwargs["port"] = int(kwargs["port"])
        if kwargs.get("db") is not None:
            kwargs["db"] = int(kwargs["db"])
        kwargs["password"] = kwargs.get("password") or None
        super().__init__(**kwargs)

    def _mutex(self, conversation_id: str) -> Any:
        return self.red.lock(f"{self.key_prefix}mutex:{conversation_id}", timeout=MUTEX_SECONDS,
                             blocking_timeout=MUTEX_SECONDS)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)

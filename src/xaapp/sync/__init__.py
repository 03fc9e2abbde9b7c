"""Sync with the province's central endpoint: protocol, engine, transports. Pure Python, no Qt, no SQL.

* ``protocol``: version, wire shapes, content hash (shared with the server);
* ``ports``: what the engine needs (``OutboxStore``, ``Transport``, ``Progress``, ``CancelToken``);
* ``engine.run_sync``: handshake → push → pull → apply → finalize, returning a ``SyncReport``;
* ``transport_http``: the HTTP client; ``file_transport``: signed sync files for USB sticks;
* ``errors``: every failure with a Vietnamese and an English message.

The local side is ``xaapp.storage.sync_store``; the reference server is ``xaapp.server``.
See docs/sync-protocol.md.
"""

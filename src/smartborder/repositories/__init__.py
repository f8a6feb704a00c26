"""The repositories every store implements: the services' ports. Protocols over domain
types only, so that the services depend on them and not on the store, and the store
(SQL or in memory) implements them from above (``store/sql``, ``store/memory``)."""

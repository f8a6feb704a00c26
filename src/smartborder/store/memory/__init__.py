"""The store in memory, for unit tests: the same repositories as ``store.sql``, proven
to behave alike by the contract suite (tests/contracts)."""

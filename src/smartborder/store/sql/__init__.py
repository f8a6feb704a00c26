"""The store on a relational database (SQLite embedded, PostgreSQL in production): one
repository module per context, and the unit of work that carries them."""

"""The store's SQLAlchemy tables, by context, and the column types they share."""

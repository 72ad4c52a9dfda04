-- Extensions every later migration relies on. Both PGlite (contrib bundled) and PostgreSQL 15 ship them.
CREATE EXTENSION IF NOT EXISTS ltree;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;

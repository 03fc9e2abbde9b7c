"""Use cases: one user action per function, one transaction each; return frozen DTOs, never ORM objects."""

"""Policy rules as versioned data plus a small pure-Python engine that explains every result.

Public entry points (each takes plain dicts/dataclasses and returns a frozen dataclass with ``to_json()``):

- :func:`xaapp.rules.poverty.classify` – poverty classification of a household review;
- :func:`xaapp.rules.point_table.load_point_table` / ``PointTable.score`` – score A from a province table;
- :func:`xaapp.rules.movement.household_movement` / :func:`xaapp.rules.movement.movement_table`;
- :func:`xaapp.rules.allowance.monthly_allowance` – social allowance, social pension, health insurance;
- :func:`xaapp.rules.health_insurance.health_insurance`.

Imports neither Qt nor SQLAlchemy (checked by ``lint-imports``).
"""

from __future__ import annotations

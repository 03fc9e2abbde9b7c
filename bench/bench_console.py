"""Console benchmark: a province of 1,000,000 households over 166 communes, generated straight into the
server's PostgreSQL tables, then the three heavy pages timed over HTTP on loopback.

Generation writes what laptops would have pushed: per commune ~10 villages, households with ~4
people, a 2025 review (final) and a 2026 review (final or draft) each, as ``record`` rows with their
JSON payloads (COPY), and each commune's change counter. Then the console's read model catches up
once (``projection.refresh``: what a server upgraded onto an existing database does on its first page;
timed, no target) and the pages are timed as a signed-in admin: the communes page, one commune's page
and the province tables (Biểu 1–4), median of 5 after one warm-up; target ≤ 1 s each.

Run alone: ``python bench/bench_console.py --households 1000000`` (or ``python bench/run.py --only
console``; ``--quick`` uses 20,000 households). Needs PostgreSQL (a throwaway cluster is started).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import uuid as uuid_mod
from datetime import datetime
from pathlib import Path

from common import Result

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

FULL, QUICK = 1_000_000, 20_000
TARGET_S = 1.0
CLASSES = (("poor", 0.05), ("near_poor", 0.04), ("average", 0.21), ("none", 0.70))
DEPRIVATIONS = ("employment", "dependants", "nutrition", "health_insurance", "education_adults", "school_attendance",
                "housing_quality", "housing_area", "water_source", "hygienic_latrine", "telecom_use", "information_devices")  # fmt: skip


def _class(rng: random.Random) -> str:
    x = rng.random()
    for name, share in CLASSES:
        if x < share:
            return name
        x -= share
    return "none"


def _stamp(year: int) -> dict[str, object]:
    when = f"{year}-09-20T08:00:00"
    return {"created_at": when, "updated_at": when, "deleted_at": None}


def generate(url: str, households: int, seed: int = 1) -> dict[str, int]:
    """Write *households* spread over the province's communes into ``record`` (COPY) on PostgreSQL."""
    import psycopg

    from xaapp.server import admin
    from xaapp.server.console import queries
    from xaapp.sync.protocol import canonical_json, content_hash

    engine = admin.open_engine(url)  # migrated, reference data seeded
    with engine.connect() as conn:
        communes = sorted(queries.units(conn))
    engine.dispose()
    rng = random.Random(seed)
    per_commune = households // len(communes)
    extra = households - per_commune * len(communes)
    counts = {"record": 0, "household": 0}
    received = datetime(2026, 11, 20, 8, 0)
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as pg, pg.cursor() as cur:
        for n, code in enumerate(communes):
            seq = 0
            device = f"dev-bench{n:05d}"
            with cur.copy(
                "COPY record (uuid, entity, commune_code, revision, hash, op, data, seq, device_id, received_at) FROM STDIN"
            ) as copy:

                def put(entity: str, data: dict[str, object], code: str = code, device: str = device) -> str:
                    nonlocal seq
                    seq += 1
                    key = str(uuid_mod.UUID(int=rng.getrandbits(128), version=4))
                    copy.write_row((key, entity, code, 1, content_hash(entity, "upsert", data), "upsert",
                                    canonical_json(data).decode(), seq, device, received))  # fmt: skip
                    return key

                villages = [put("village", {"commune_code": code, "name": f"Thôn {v + 1}", "area_type": "rural",
                                            **_stamp(2025)}) for v in range(10)]  # fmt: skip
                for h in range(per_commune + (1 if n < extra else 0)):
                    hh = put("household", {"village_uuid": villages[h % 10], "code": f"{h + 1:05d}",
                                           "address": f"Xóm {h % 7 + 1}", "area_type": "rural", "phone": None,
                                           "ethnic_minority": h % 3 == 0, **_stamp(2025)})  # fmt: skip
                    for p in range(rng.choice((2, 3, 4, 4, 5, 6))):
                        put("person", {"household_uuid": hh, "position": p + 1, "full_name": f"Người {h}-{p}",
                                       "sex": "male" if p % 2 else "female", "dob": f"{1950 + (h + p * 17) % 70}-03-04",
                                       "personal_id": f"038{(h * 7 + p) % 10**9:09d}", "relationship_to_head":
                                       "head" if p == 0 else "child", **_stamp(2025)})  # fmt: skip
                    before = _class(rng)
                    for year, cls, final in (
                        (2025, before, True),
                        (2026, before if rng.random() < 0.85 else _class(rng), rng.random() < 0.6),
                    ):
                        deps = rng.sample(
                            DEPRIVATIONS, 3 if cls in ("poor", "near_poor") else rng.choice((0, 0, 1, 2))
                        )
                        put("poverty_review", {"household_uuid": hh, "review_year": year, "kind": "periodic",
                                               "status": "final" if final else "draft", "result_class": cls,
                                               "result": {"reason": {"vi": f"Phân loại {cls}", "en": cls}, "deprivations": deps},
                                               "posted_on": f"{year}-10-25" if final and year == 2025 else None,
                                               "recognised_on": f"{year}-12-10" if year == 2025 else None,
                                               **_stamp(year)})  # fmt: skip
                    counts["household"] += 1
            cur.execute(
                "INSERT INTO commune_state (commune_code, last_seq) VALUES (%s, %s) "
                "ON CONFLICT (commune_code) DO UPDATE SET last_seq = EXCLUDED.last_seq",
                (code, seq),
            )
            counts["record"] += seq
            pg.commit()
        cur.execute("ANALYZE")
    return counts


def _timed(client, path: str, runs: int = 5) -> tuple[float, int]:  # noqa: ANN001
    client.get(path)  # warm-up
    samples = []
    size = 0
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path)
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
        size = len(response.content)
    return statistics.median(samples), size


def measure(url: str, households: int) -> list[Result]:
    import httpx
    from sqlalchemy import select

    from support.console_env import Browser, add_accounts
    from support.sync_env import LiveServer
    from xaapp.server.console import projection
    from xaapp.server.console.schema import console_household, console_village

    started = time.perf_counter()
    counts = generate(url, households)
    made = time.perf_counter() - started
    out = [Result("console", f"generate {households:,} households (COPY)", made, "s",
                  note=f"{counts['record']:,} records over 166 communes")]  # fmt: skip
    server = LiveServer(url).start()
    try:
        started = time.perf_counter()
        report = projection.refresh(server.engine)
        caught = time.perf_counter() - started
        out.append(Result("console", "first catch-up of the read model", caught, "s",
                          note=f"{report.records:,} records, {report.villages_recounted:,} villages; once, after upgrade"))  # fmt: skip
        add_accounts(server.engine)
        browser = Browser.at(server.url)
        browser.client.timeout = httpx.Timeout(600)
        try:
            assert browser.login("admin").status_code == 303
            size_note = f"{households:,} households, PostgreSQL, HTTP on loopback, median of 5"
            with server.engine.connect() as conn:
                village = conn.scalar(
                    select(console_village.c.uuid).where(console_village.c.commune_code == "14923").limit(1)
                )
                household = conn.scalar(
                    select(console_household.c.uuid)
                    .where(console_household.c.village_uuid == village)
                    .limit(1)
                )
            for label, path in (
                ("communes page (166 communes)", "/console/communes?year=2026"),
                ("one commune's page", "/console/communes/14923?year=2026"),
                ("province tables (Biểu 1–4)", "/console/tables?year=2026"),
                ("province tables as xlsx", "/console/tables.xlsx?year=2026"),
                ("a village's households", f"/console/communes/14923/villages/{village}?year=2026"),
                ("a household with its history", f"/console/communes/14923/households/{household}"),
            ):
                seconds, size = _timed(browser.client, path)
                out.append(Result("console", label, seconds, "s", f"<= {TARGET_S:g} s", seconds <= TARGET_S,
                                  f"{size_note}; {size:,} bytes"))  # fmt: skip
        finally:
            browser.close()
    finally:
        server.stop()
    return out


def run(quick: bool, households: int | None = None) -> list[Result]:
    import shutil
    import tempfile

    from support.sync_env import PgCluster, pg_bin_dir

    if pg_bin_dir() is None:
        return [
            Result(
                "console",
                "pages at province scale",
                float("nan"),
                "s",
                note="PostgreSQL not installed: skipped",
            )
        ]
    root = Path(tempfile.mkdtemp(prefix="xaapp-bench-console-"))
    cluster = PgCluster(root).start()
    try:
        return measure(cluster.new_database(), households or (QUICK if quick else FULL))
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    from common import format_table

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=FULL)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()
    results = run(False, args.households)
    print(format_table(results))
    if args.json:
        Path(args.json).write_text(json.dumps([r.__dict__ for r in results], indent=2, ensure_ascii=False))

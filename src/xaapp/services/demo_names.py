"""Name and place pools for the demo commune (plausible, not real people).

Family-name weights follow the commonly cited national frequencies for Kinh families (Nguyễn ≈ 38 %,
Trần ≈ 12 %, Lê ≈ 9.5 %, Phạm ≈ 7 %, Hoàng ≈ 5 %, …); Mường and Thái families in western Thanh Hóa
carry their own frequent names (Bùi, Đinh, Quách, Hà, Phạm / Lò, Lương, Hà, Vi, Cầm, Ngân). The ethnic
mix is that of a mountain commune of the former Bá Thước district (Mường, Thái and Kinh, a few Dao
and H'Mông families). Village names are invented in the local pattern ("Bản …", "Thôn …").
"""

from __future__ import annotations

DEMO_COMMUNE_CODE = "14923"  # Xã Bá Thước (resources/data/thanh_hoa_communes_2025.csv)

ETHNIC_MIX: tuple[tuple[str, float], ...] = (
    ("Mường", 0.52), ("Thái", 0.24), ("Kinh", 0.20), ("Dao", 0.025), ("H'Mông", 0.015),
)  # fmt: skip

#: The code the household form stores for each (``services.register.ethnicity_code``, tested equal).
ETHNIC_CODES = {"Mường": "muong", "Thái": "thai", "Kinh": "kinh", "Dao": "dao", "H'Mông": "mong"}

FAMILY_NAMES: dict[str, tuple[tuple[str, float], ...]] = {
    "Kinh": (
        ("Nguyễn", 38.4),
        ("Trần", 12.1),
        ("Lê", 9.5),
        ("Phạm", 7.0),
        ("Hoàng", 5.1),
        ("Phan", 4.5),
        ("Vũ", 3.9),
        ("Đặng", 2.1),
        ("Bùi", 2.0),
        ("Đỗ", 1.4),
        ("Hồ", 1.3),
        ("Ngô", 1.3),
        ("Dương", 1.0),
        ("Lý", 0.5),
        ("Trịnh", 0.8),
        ("Mai", 0.6),
        ("Lương", 0.5),
        ("Đào", 0.5),
    ),
    "Mường": (
        ("Bùi", 30),
        ("Đinh", 18),
        ("Quách", 10),
        ("Hà", 9),
        ("Phạm", 9),
        ("Trương", 6),
        ("Lò", 3),
        ("Cao", 4),
        ("Lục", 3),
        ("Nguyễn", 8),
    ),
    "Thái": (
        ("Lò", 16),
        ("Hà", 20),
        ("Lương", 14),
        ("Vi", 10),
        ("Cầm", 8),
        ("Ngân", 8),
        ("Lang", 6),
        ("Lữ", 6),
        ("Phạm", 6),
        ("Lê", 6),
    ),
    "Dao": (("Triệu", 40), ("Bàn", 30), ("Đặng", 20), ("Lý", 10)),
    "H'Mông": (("Giàng", 30), ("Thào", 25), ("Vàng", 20), ("Sùng", 15), ("Lầu", 10)),
}

MIDDLE_MALE = (("Văn", 60), ("Đức", 8), ("Minh", 7), ("Quang", 5), ("Hữu", 5), ("Xuân", 4), ("Ngọc", 3),
               ("Thanh", 4), ("Công", 4))  # fmt: skip
MIDDLE_FEMALE = (("Thị", 70), ("Ngọc", 6), ("Thu", 5), ("Thanh", 5), ("Minh", 4), ("Hồng", 5), ("Kim", 5))

GIVEN_MALE = (
    "An", "Bình", "Cường", "Dũng", "Đạt", "Đông", "Hải", "Hùng", "Huy", "Khánh", "Kiên", "Long", "Lâm",
    "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quý", "Sơn", "Tài", "Thắng", "Thành", "Tiến",
    "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Xuân", "Khăm", "Pọm", "Ón", "Ngoan", "Chiến", "Thưởng",
)  # fmt: skip
GIVEN_FEMALE = (
    "Anh", "Bích", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hằng", "Hạnh", "Hiền", "Hoa", "Hồng", "Hương",
    "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo",
    "Thoa", "Thu", "Thủy", "Trang", "Tuyết", "Uyên", "Vân", "Xuân", "Yến", "Ơn", "Piềng", "Xim",
)  # fmt: skip

VILLAGES = (
    "Bản Đôn", "Bản Kho Mường", "Bản Son", "Bản Hiêu", "Bản Eo Kén", "Bản Nủa", "Bản Lặn", "Bản Chiềng",
    "Thôn Điền Giang", "Thôn Cao Sơn", "Thôn Tân Lập", "Thôn Đồng Tâm", "Thôn Quyết Tiến", "Thôn Lũng Cao",
    "Bản Pặt", "Bản Mầu", "Bản Ấm", "Bản Nán", "Thôn Làng Mới", "Thôn Bãi Bùi", "Bản Cốc", "Bản Cúm",
    "Thôn Thung Bằng", "Bản Ngàm", "Bản Hang", "Thôn Phố Đoàn", "Bản Pù Luông", "Bản Kịt", "Thôn Trung Tâm",
    "Bản Sại",
)  # fmt: skip

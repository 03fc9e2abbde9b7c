"""The import's table-driven accent folding gives what ``domain.text.fold`` gives, for every text."""

from __future__ import annotations

import unicodedata

from xaapp.domain.text import fold
from xaapp.services.import_cells import fold_fast


def test_every_character_folds_as_the_domain_does() -> None:
    differ = [hex(c) for c in range(0x30000) if fold(chr(c)) != fold_fast(chr(c))]
    assert differ == []


def test_names_typed_any_way_fold_the_same() -> None:
    texts = ["Nguyễn Văn Ánh", "ĐỖ THỊ HƯỜNG", "  Lò   Văn\tÚt ", "Bản Pặt", "HG 0001", "Hà Nội", "ǅ ß İ ﬁ",
             unicodedata.normalize("NFD", "Trương Thị Thủy"), "a\u0323\u0302 e\u0301\u0300", "\u0301Ánh", ""]
    for text in texts:
        assert fold_fast(text) == fold(text), text
    assert fold_fast("Đỗ Thị Hường") == "do thi huong"

"""Legacy-font detection on the short texts of list columns: TCVN3's ủ ("ñ" after a letter) is not VNI's đ."""

from __future__ import annotations

from xaapp.domain.vntext_legacy import detect_legacy_encoding, legacy_to_unicode, surely_unicode


def test_tcvn3_u_hook_after_a_letter_is_not_vni_d() -> None:
    assert detect_legacy_encoding("Chñ hé") == "tcvn3"
    assert legacy_to_unicode("Chñ hé Chñ hé") == ("Chủ hộ Chủ hộ", "tcvn3")
    assert legacy_to_unicode("Ñoã Vaên Ñöùc") == ("Đỗ Văn Đức", "vni")  # VNI's đ starts a syllable


def test_surely_unicode() -> None:
    assert surely_unicode("Lường Thị Nga") and not surely_unicode("Lê Minh Tú") and not surely_unicode("NguyÔn")

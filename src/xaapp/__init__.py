"""xaapp: offline poverty-review and social-assistance records for commune officers in Thanh Hóa."""

__version__ = "0.1.0"

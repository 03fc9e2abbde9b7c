"""The review season screen."""

"""Printable lists: rows → HTML documents and SVG charts. Pure Python: no Qt, no database."""

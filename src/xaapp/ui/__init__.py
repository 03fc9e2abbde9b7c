"""The desktop interface: the only package (with app.py and cli) that imports PySide6."""

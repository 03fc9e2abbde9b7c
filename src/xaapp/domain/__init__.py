"""Pure domain: entity shapes, ids, text rules. Imports nothing else from xaapp."""

"""One reader per input format, and the detection of a file's format from its content.

Each reader turns the text of a file into normalized records (irct_lint/model.py,
docs/record.md) with the position of every value, so that findings point at the place
to fix.
"""

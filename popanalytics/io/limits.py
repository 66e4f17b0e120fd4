"""The importer's limits: how big an input may be before it is refused.

One set of named constants, documented in docs/import.md ("Limits"). They keep
a hostile or broken file (a stray cell at XFD1048576, a zip bomb, a 10 MB CSV
field) from exhausting memory: every file is measured against them *before* a
library materialises it, and a file beyond one is refused with a message
naming the file, the sheet and the limit. The values leave room for the largest
real exports the product targets (a 50,000-employee workbook has ~2.6 million
cells in its largest sheet; a 500,000-employee analysis comes as CSV files).
"""

from __future__ import annotations

# --- any file ---------------------------------------------------------------------
# A file (or upload) larger than this is not read at all.
MAX_FILE_BYTES = 256 * 1024 * 1024

# --- workbooks (.xlsx/.xlsm/.ods are zip archives) ----------------------------------
# Uncompressed bytes of one archive member, and of all members together. A
# 50,000-employee export holds ~190 MB of XML; a zip bomb declares gigabytes.
MAX_MEMBER_BYTES = 768 * 1024 * 1024
MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024
# Uncompressed / compressed size of a large member. Spreadsheet XML compresses
# 5-30 times, thousands of formatted empty rows a few hundred times; deflate
# cannot go beyond ~1,030. Only members above MIN_RATIO_CHECK_BYTES are judged.
MAX_COMPRESSION_RATIO = 600
MIN_RATIO_CHECK_BYTES = 16 * 1024 * 1024

# --- one sheet, by its real extent (the last row and column holding a value) -------
MAX_SHEET_ROWS = 1_048_576  # Excel's own maximum: a full-height sheet is fine
MAX_SHEET_COLUMNS = 200
MAX_SHEET_CELLS = 5_000_000  # rows x columns of the real extent
# All sheets of one workbook together (they are read in parallel).
MAX_WORKBOOK_CELLS = 12_000_000

# --- text files (.csv, .txt) --------------------------------------------------------
MAX_CSV_FIELD_CHARS = 1024 * 1024
MAX_CSV_LINES = 5_000_000
# Separators in one file (~ fields): a 500,000-employee agreements file has ~26 million.
MAX_CSV_FIELDS = 40_000_000

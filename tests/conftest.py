"""Shared by every test folder: puts tests/ on the import path (pytest's rootdir
conftest), so that tests/support is importable as ``support`` from any of them."""

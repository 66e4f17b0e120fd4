"""The store's side of the command line: `import`, `snapshots`, `forget`, and the
`--store DIR [--snapshot ID]` alternative to DATA that every data command takes."""

from __future__ import annotations

import argparse
import json
from typing import Any

from popanalytics.cli import EXIT_OK, _add_lang, _table
from popanalytics.errors import PopError
from popanalytics.i18n import fmt_number, t


def add_store_option(p: argparse.ArgumentParser) -> None:
    """``--store DIR [--snapshot ID]``: read a snapshot instead of DATA."""
    p.add_argument("--store", metavar="DIR", help="read a snapshot of this store instead of DATA")
    p.add_argument("--snapshot", metavar="ID", help="snapshot to read (default: the newest)")


def check_data_or_store(args: argparse.Namespace, *, optional: bool = False) -> None:
    """Exactly one of DATA and --store (or neither, when DATA is ``optional``);
    --snapshot only with --store, --mapping only with DATA."""
    store = getattr(args, "store", None)
    if store and args.data:
        raise _error("store.error.data_and_store")
    if getattr(args, "snapshot", None) and not store:
        raise _error("store.error.snapshot_without_store")
    if store and getattr(args, "mapping", None):
        # the snapshot holds the tables as mapped at import: a mapping now would be
        # silently ignored, and the user would think their column names applied
        raise _error("store.error.mapping_with_store")
    if not store and not args.data and not optional:
        raise _error("store.error.no_data")


def load_data(args: argparse.Namespace) -> Any:
    """The `Loaded` data of a command: its DATA files, or a snapshot of ``--store``."""
    from popanalytics.dataset import load, load_snapshot

    check_data_or_store(args)
    if getattr(args, "store", None):
        return load_snapshot(args.store, args.snapshot)
    return load(list(args.data), mapping=args.mapping)


def open_store_for_serve(args: argparse.Namespace) -> None:
    """A wrong --store or --snapshot fails at the terminal, not in every page served."""
    if getattr(args, "store", None):
        from pathlib import Path

        from popanalytics.store.read import resolve

        resolve(Path(args.store), args.snapshot)


def source_names(args: argparse.Namespace, loaded: Any) -> list[str]:
    """What the data was read from, as outputs name it: DATA as given, or the
    snapshot's source files."""
    if getattr(loaded, "snapshot", None) is not None:
        return [s.name for s in loaded.snapshot.sources]
    return list(args.data)


def add_store_commands(sub: Any) -> None:
    p = sub.add_parser(
        "import",
        help="read and validate exports once and keep them as a snapshot",
        description="Read and validate exports as 'validate' does and write them as a "
        "snapshot into a store (Parquet tables, quality report, manifest). The same files "
        "imported twice make no second snapshot.",
    )
    p.add_argument("data", nargs="+", metavar="DATA", help="export files or folders")
    p.add_argument("--store", required=True, metavar="DIR", help="store folder (made if new)")
    p.add_argument("--mapping", metavar="FILE", help="TOML file with extra header/sheet aliases")
    p.add_argument("--label", metavar="TEXT", help="a name for the snapshot, e.g. 'juni 2026'")
    _add_lang(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser(
        "snapshots",
        help="list the snapshots of a store",
        description="List the snapshots of a store, newest first.",
    )
    p.add_argument("--store", required=True, metavar="DIR", help="store folder")
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    _add_lang(p)
    p.set_defaults(func=cmd_snapshots)

    p = sub.add_parser(
        "forget",
        help="remove snapshots from a store",
        description="Remove all but the newest N snapshots (--keep N) or one snapshot "
        "(--snapshot ID), and what an interrupted import or removal left behind.",
    )
    p.add_argument("--store", required=True, metavar="DIR", help="store folder")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--keep", type=int, metavar="N", help="keep the newest N snapshots")
    which.add_argument("--snapshot", metavar="ID", help="remove this snapshot")
    _add_lang(p)
    p.set_defaults(func=cmd_forget)


def cmd_import(args: argparse.Namespace) -> int:
    from popanalytics.dataset import import_to_store

    done = import_to_store(list(args.data), args.store, args.mapping, label=args.label)
    key = "store.imported" if done.created else "store.already"
    print(t(key, args.lang, snapshot=done.manifest.id, folder=args.store))
    return EXIT_OK


def cmd_snapshots(args: argparse.Namespace) -> int:
    from pathlib import Path

    from popanalytics.store import list_snapshots

    snapshots = list_snapshots(Path(args.store))
    if args.json:
        out = [
            {
                "id": m.id,
                "label": m.label,
                "imported_at": m.imported_at.isoformat(),
                "sources": [
                    {"name": s.name, "size": s.size, "sha256": s.sha256} for s in m.sources
                ],
                "rows": m.rows,
                "package_version": m.package_version,
            }
            for m in snapshots
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return EXIT_OK
    lang = args.lang
    if not snapshots:
        print(t("store.list.empty", lang, folder=args.store))
        return EXIT_OK
    header = tuple(
        t(f"store.list.{c}", lang) for c in ("id", "imported_at", "label", "employees", "sources")
    )
    rows = [
        (
            m.id,
            m.imported_at.strftime("%Y-%m-%d %H:%M UTC"),
            m.label or "",
            fmt_number(m.employees, lang),
            ", ".join(s.name for s in m.sources),
        )
        for m in snapshots
    ]
    print(_table([header, *rows]))
    return EXIT_OK


def cmd_forget(args: argparse.Namespace) -> int:
    from pathlib import Path

    from popanalytics.store import forget

    removed = forget(Path(args.store), keep=args.keep, snapshot=args.snapshot)
    print(t("store.forgotten", args.lang, count=len(removed), folder=args.store))
    return EXIT_OK


def _error(key: str) -> PopError:
    return PopError(t(key, "nl"), t(key, "en"), code=key)

"""The dashboard: header, filter bar, navigation and views, wired to the state.

A filter change updates the state and redraws only the visible view (the
others are marked stale and redrawn when shown), with widgets updated in
place. Loading (at start or by upload) is the only step that reads files.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import ipywidgets as w

from popanalytics.access import ENV_ROLES, KernelAccess, Scoped, access_for_kernel
from popanalytics.dashboard import sources
from popanalytics.dashboard.components import error_box, esc
from popanalytics.dashboard.datefield import DateField
from popanalytics.dashboard.snapshots import SnapshotSource, imported_on
from popanalytics.dashboard.state import FILTER_FIELDS, GROUP_BY_CHOICES, DashboardState, Filters
from popanalytics.dashboard.steering import STEERING_CSS, TargetEditor
from popanalytics.dashboard.steering_env import targets_from_env
from popanalytics.dashboard.style import CSS
from popanalytics.dashboard.upload import ChunkedUpload, too_large_error
from popanalytics.dashboard.views import View
from popanalytics.dashboard.views.actions import ActionsView
from popanalytics.dashboard.views.agreements import AgreementsView
from popanalytics.dashboard.views.coverage import CoverageView
from popanalytics.dashboard.views.export import ExportView
from popanalytics.dashboard.views.followup import FollowupView
from popanalytics.dashboard.views.overview import OverviewView
from popanalytics.dashboard.views.process import ProcessView
from popanalytics.dashboard.views.quality import QualityView
from popanalytics.dashboard.views.since import SinceView
from popanalytics.dashboard.views.team import TeamView
from popanalytics.dashboard.views.training import TrainingView
from popanalytics.errors import PopError
from popanalytics.i18n import LANGS, fmt_date, fmt_percent, has_label, t
from popanalytics.metrics.params import CONVERSATION_TYPES_ANY
from popanalytics.metrics.targets import Targets

UPLOAD_ACCEPT = ".xlsx,.xlsm,.xls,.ods,.csv"
# A Dropdown shows nothing for the value None, so "all"/"automatic" is the empty string.
ANY = ""


def _none_if_any(value: Any) -> Any:
    return None if value == ANY else value


# The navigation, in order.
VIEW_CLASSES: tuple[type[View], ...] = (
    OverviewView,
    CoverageView,
    AgreementsView,
    FollowupView,
    ActionsView,
    TrainingView,
    ProcessView,
    SinceView,
    QualityView,
    ExportView,
)
# views that exist only when the page reads a snapshot store
STORE_VIEWS = frozenset({SinceView.name})


class Dashboard:
    """The whole page; ``widget`` is what the notebook displays."""

    def __init__(
        self,
        state: DashboardState | None,
        *,
        lang: str = "nl",
        error: Exception | None = None,
        access: KernelAccess | None = None,
        scoped: Scoped | None = None,
        denied: bool = False,
    ) -> None:
        """``access``/``scoped``: the logged-in user under JupyterHub (None for
        `popanalytics serve`); ``denied``: a no-access page (no data, no upload)."""
        self.state = state
        self.lang = state.lang if state is not None else lang
        self._quiet = False
        self._error: Exception | None = None
        self.access = access
        self.scoped = scoped
        self.denied = denied
        # a reference date given to `serve`: kept when another snapshot is picked
        self._fixed_reference: dt.date | None = None
        self.views: dict[str, View] = {cls.name: cls() for cls in VIEW_CLASSES}
        if scoped is not None and scoped.indirect is not None:
            # managers: their indirect reports and the organisation for comparison
            self.views = {"overzicht": self.views["overzicht"], "team": TeamView(scoped)} | {
                name: view for name, view in self.views.items() if name != "overzicht"
            }
        if access is not None:
            export = self.views["export"]
            assert isinstance(export, ExportView)
            export.on_export = self._audit_export
        self.active = "overzicht"
        self._stale: set[str] = set(self.views)

        self.header = w.HTML()
        self.header.add_class("pop-header")
        self.error = w.HTML()
        self.error.add_class("pop-messages")
        self.upload = ChunkedUpload(
            accept=UPLOAD_ACCEPT, multiple=True, layout=w.Layout(width="auto")
        )
        self.upload.add_class("pop-upload")
        self.progress = w.FloatProgress(
            value=0.0, min=0.0, max=1.0, layout=w.Layout(width="180px", display="none")
        )
        self.progress.add_class("pop-progress")
        self.progress_label = w.HTML()
        self.progress_label.add_class("pop-progress-label")
        # a store: pick a snapshot; save an upload as a new one (hr, on request only)
        self.snapshot_pick = w.Dropdown(layout=w.Layout(width="420px", display="none"))
        self.snapshot_pick.add_class("pop-snapshot-pick")
        self.save_button = w.Button(layout=w.Layout(width="auto", display="none"))
        self.save_button.add_class("pop-save-snapshot")
        self._uploaded: list[tuple[str, bytes]] = []
        self.lang_toggle = w.ToggleButtons(options=[("NL", "nl"), ("EN", "en")], value=self.lang)
        self.lang_toggle.style.button_width = "48px"
        self.lang_toggle.add_class("pop-filter-lang")

        self.filters = self._build_filters()
        self.nav_buttons = {name: w.Button() for name in self.views}
        for name, button in self.nav_buttons.items():
            button.add_class("pop-nav-button")
            button.add_class(f"pop-nav-{name}")
            button.on_click(lambda _b, name=name: self.show(name))
        nav = w.HBox(list(self.nav_buttons.values()))
        nav.add_class("pop-nav")
        self.body = w.VBox(
            [view.widget for view in self.views.values()], layout=w.Layout(width="100%")
        )

        upload_box = w.HBox([self.upload, self.progress, self.progress_label])
        upload_box.add_class("pop-upload-box")
        toolbar = w.HBox(
            [
                upload_box,
                self.save_button,
                w.HBox(layout=w.Layout(flex="1")),
                self.snapshot_pick,
                self.lang_toggle,
            ]
        )
        toolbar.add_class("pop-toolbar")
        filter_bar = w.HBox(list(self.filters.values()))
        filter_bar.add_class("pop-filters")
        self.targets = TargetEditor(self._on_targets)
        self.targets_box = w.Accordion(children=[self.targets.widget], selected_index=None)
        self.targets_box.add_class("pop-targets-box")
        self.main = w.VBox(
            [filter_bar, self.targets_box, nav, self.body], layout=w.Layout(width="100%")
        )
        self.widget = w.VBox(
            [w.HTML(CSS), w.HTML(STEERING_CSS), self.header, toolbar, self.error, self.main],
            layout=w.Layout(width="100%"),
        )
        self.widget.add_class("pop-app")

        # Under JupyterHub only unscoped hr may replace the data by an upload; for
        # everyone else the widget is neither shown nor listened to (a crafted
        # widget message changes nothing).
        if self._upload_allowed(denied):
            self.upload.observe(self._on_upload, names="value")
            self.upload.observe(self._on_upload_refused, names="rejected")
            self.upload.observe(self._on_upload_progress, names="received")
        else:
            upload_box.layout.display = "none"
        if access is not None and (access.access.role != "hr" or access.access.scoped):
            self.nav_buttons["datakwaliteit"].layout.display = "none"
        if state is not None and state.fixed_audience is not None:
            # the audience switch is not offered; state.py ignores any change to it
            self.filters["audience"].layout.display = "none"
        self.lang_toggle.observe(self._on_lang, names="value")
        self.snapshot_pick.observe(self._on_snapshot, names="value")
        self.save_button.on_click(self._on_save)
        for name, widget in self.filters.items():
            widget.observe(
                lambda change, name=name: self._on_filter(name, change["new"]), names="value"
            )

        if error is not None:
            self._set_error(error)
        self._after_data()

    def _upload_allowed(self, denied: bool) -> bool:
        if denied:
            return False
        if self.access is None:
            return True
        return self.access.access.role == "hr" and not self.access.access.scoped

    # construction -------------------------------------------------------

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Dashboard:
        """The dashboard on the data `popanalytics serve` passed (the demo when none).

        Under JupyterHub (a roles file in the environment) the user comes from
        the environment the spawner set, and the data is scoped to their role
        before anything is built; a user without a role gets a no-access page.
        """
        env = os.environ if environ is None else environ
        lang = env.get(sources.ENV_LANG, "nl")
        lang = lang if lang in LANGS else "nl"
        try:
            kernel_access = access_for_kernel(env)
        except Exception as exc:  # no role, no roles file: a page that says so, no data
            return cls(None, lang=lang, error=exc, denied=True)
        try:
            settings = sources.settings_from(env)
            targets = targets_from_env(env)
            loaded, label = sources.load_initial(settings)
        except Exception as exc:  # shown in the page, never a traceback
            return cls(None, lang=lang, error=exc, denied=kernel_access is not None)
        scoped = None
        if kernel_access is not None:
            try:
                scoped = kernel_access.scope(loaded.dataset, env.get(ENV_ROLES, ""))
            except Exception as exc:
                return cls(None, lang=lang, error=exc, denied=True)
            loaded = sources.scoped_loaded(loaded, scoped)
            kernel_access.log("open")
        snapshots = None
        if loaded.snapshot is not None and kernel_access is None:
            # a scoped (hub) user sees the one scoped snapshot: picking or saving
            # another would bypass the scope
            assert settings.store is not None
            snapshots = SnapshotSource(Path(settings.store), current=loaded.snapshot.id)
        filters = Filters(
            cycle_year=settings.cycle,
            reference_date=settings.reference_date
            or (imported_on(loaded.snapshot) if loaded.snapshot is not None else None)
            or sources.default_reference_date(is_demo=not settings.data),
            audience=scoped.audience if scoped is not None else "hr",
        )
        state = DashboardState(
            loaded=loaded,
            source=label,
            filters=filters,
            lang=settings.lang,
            targets=targets,
            snapshots=snapshots,
            fixed_audience=scoped.audience
            if scoped is not None and scoped.audience_fixed
            else None,
        )
        dashboard = cls(state, access=kernel_access, scoped=scoped)
        dashboard._fixed_reference = settings.reference_date
        sources.release_freed_memory()  # what loading and the first drawing freed
        return dashboard

    def _audit_export(self, state: DashboardState) -> None:
        """The audit line of an export: what was exported, never whose data."""
        assert self.access is not None
        params = state.params
        self.access.log(
            "export",
            cycle=params.cycle.label,
            reference_date=params.reference.isoformat(),
            audience=params.audience,
            filters={name: list(values) for name, values in params.filters},
        )

    def _build_filters(self) -> dict[str, w.ValueWidget]:
        def box(width: str) -> w.Layout:
            return w.Layout(width=width)

        filters: dict[str, w.ValueWidget] = {
            "cycle": w.Dropdown(layout=box("250px")),
            # dd/mm/yyyy in both languages; DatePicker follows the browser's locale
            "reference_date": DateField(),
        }
        for name in FILTER_FIELDS:
            filters[name] = w.Dropdown(layout=box("290px"))
        filters["conversation_type"] = w.Dropdown(layout=box("290px"))
        filters["audience"] = w.ToggleButtons()
        filters["group_by"] = w.Dropdown(layout=box("220px"))
        for name, widget in filters.items():
            widget.add_class("pop-filter")
            widget.add_class(f"pop-filter-{name}")
            if hasattr(widget, "style"):
                widget.style.description_width = "initial"
        return filters

    # rendering ------------------------------------------------------------

    def _after_data(self) -> None:
        """Fill the filter bar from the data and draw the page (or only the header)."""
        self._relabel()
        if self.state is None:
            self.main.layout.display = "none"
            return
        self.main.layout.display = ""
        self._stale = set(self.views)
        self.show(self.active)

    def _relabel(self) -> None:
        """Every label outside the views, in the current language."""
        lang = self.lang
        self._quiet = True
        try:
            self._fill_filters()
        finally:
            self._quiet = False
        for name, button in self.nav_buttons.items():
            button.description = t(f"dash.view.{name}", lang)
        self.upload.description = t("dash.upload.button", lang)
        self.upload.tooltip = t("dash.upload.tooltip", lang)
        self._fill_store_controls()
        self._render_header()
        if self._error is not None:
            self._set_error(self._error)

    def _render_header(self) -> None:
        lang = self.lang
        if self.state is None and self.denied:
            meta = ""  # no upload button to point at: the message below says what to do
        elif self.state is None:
            meta = esc(t("dash.header.no_data", lang))
        else:
            params = self.state.params
            source = self.state.source or t("dash.header.demo", lang)
            meta = t(
                "dash.header.meta",
                lang,
                source=f"<b>{esc(source)}</b>",
                cycle=f"<b>{esc(params.cycle.label)}</b>",
                date=f"<b>{esc(fmt_date(params.reference, lang))}</b>",
                audience=f"<b>{esc(t(f'audience.{params.audience}', lang))}</b>",
            )
        if self.access is not None:
            access = self.access.access
            who = t(
                "access.header.user",
                lang,
                user=access.user,
                role=t(f"access.role.{access.role}", lang),
            )
            meta = f'<span class="pop-user">{esc(who)}</span> · {meta}'
        snapshot = self._snapshot_line()
        self.header.value = (
            f'<h1>{esc(t("dash.title", lang))}</h1><div class="pop-meta">{meta}</div>{snapshot}'
        )

    def _snapshot_line(self) -> str:
        """The header's "Snapshot X, imported at Y" when the page shows a snapshot
        (a scoped hub user has no snapshot source, only the one snapshot shown)."""
        if self.state is None:
            return ""
        source = self.state.snapshots
        manifest = source.manifest() if source is not None else self.state.loaded.snapshot
        if manifest is None:
            return ""
        local = manifest.imported_at.astimezone()
        imported = f"{fmt_date(local.date(), self.lang)} {local:%H:%M}"
        text = t(
            "store.dash.header",
            self.lang,
            snapshot=f"<b>{esc(manifest.title)}</b>",
            imported=f"<b>{esc(imported)}</b>",
        )
        return f'<div class="pop-meta pop-snapshot">{text}</div>'

    def _fill_store_controls(self) -> None:
        """The snapshot dropdown, the "save as snapshot" button and the store-only
        views: shown only when the page reads a store."""
        source = self.state.snapshots if self.state is not None else None
        for name in STORE_VIEWS:
            self.nav_buttons[name].layout.display = "" if source is not None else "none"
        if source is None:
            return
        lang = self.lang
        self._quiet = True
        try:
            self.snapshot_pick.description = t("store.dash.pick", lang)
            self.snapshot_pick.style.description_width = "initial"
            self.snapshot_pick.options = [
                (f"{m.title} ({fmt_date(m.imported_at.astimezone().date(), lang)})", m.id)
                for m in source.manifests()
            ]
            self.snapshot_pick.value = source.current
        finally:
            self._quiet = False
        self.snapshot_pick.layout.display = ""
        self.save_button.description = t("store.dash.save", lang)
        can_save = (
            bool(self._uploaded) and self.state is not None and self.state.filters.audience == "hr"
        )
        self.save_button.layout.display = "" if can_save else "none"

    def _fill_filters(self) -> None:
        lang = self.lang
        f = self.filters
        for name, widget in f.items():
            widget.description = t(f"dash.filter.{name}", lang)
        f["reference_date"].lang = lang
        self.targets.relabel(lang, self.state.targets if self.state is not None else Targets())
        self.targets_box.set_title(0, t("dash.targets.title", lang))
        f["conversation_type"].options = [
            (t(f"conversation_type.{c}", lang), c) for c in CONVERSATION_TYPES_ANY
        ]
        f["audience"].options = [(t(f"dash.audience.{a}", lang), a) for a in ("hr", "management")]
        f["audience"].style.button_width = "auto"
        f["group_by"].options = self._group_by_options()
        if self.state is None:
            return
        state = self.state
        years = state.cycle_years()
        f["cycle"].options = [(t("dash.filter.cycle_auto", lang), ANY)] + [
            (str(y), str(y)) for y in years
        ]
        self._fill_filter_options()
        current = state.filters
        f["cycle"].value = str(current.cycle_year) if current.cycle_year in years else ANY
        f["reference_date"].value = current.reference_date
        for name in FILTER_FIELDS:
            f[name].value = getattr(current, name) or ANY
        f["conversation_type"].value = current.conversation_type
        f["audience"].value = current.audience
        f["group_by"].value = current.group_by

    def _group_by_options(self) -> list[tuple[str, str]]:
        """Grouping choices; per manager only for hr (a group named after a person)."""
        audience = self.state.filters.audience if self.state is not None else "hr"
        return [
            (t(f"field.{g}", self.lang), g)
            for g in GROUP_BY_CHOICES
            if audience == "hr" or g != "manager_id"
        ]

    def _fill_filter_options(self) -> list[str]:
        """Each filter offers the values that exist within the other filters' choice;
        returns the filters whose value no longer exists (their dropdown now says "all")."""
        assert self.state is not None
        everyone = t("dash.filter.all", self.lang)
        reset = []
        for name in FILTER_FIELDS:
            options = [(everyone, ANY)] + [(v, v) for v in self.state.options(name)]
            widget = self.filters[name]
            if list(widget.options) != options:
                current = widget.value
                widget.options = options
                widget.value = current if current in dict(options).values() else ANY
                if widget.value != current:
                    reset.append(name)
        return reset

    def show(self, name: str) -> None:
        """Make a view visible, drawing it first when it is stale."""
        stale = self.state is not None and name in self._stale
        if stale:
            # marked before the navigation changes, so a page that sees the new
            # active tab also sees the view as busy until its redraw is sent
            self.views[name].widget.add_class("pop-busy")
        self.active = name
        for view_name, view in self.views.items():
            view.widget.layout.display = "" if view_name == name else "none"
        for view_name, button in self.nav_buttons.items():
            if view_name == name:
                button.add_class("pop-nav-active")
            else:
                button.remove_class("pop-nav-active")
        if stale:
            self._render(name)

    def _render(self, name: str) -> None:
        assert self.state is not None
        view = self.views[name]
        view.widget.add_class("pop-busy")
        try:
            view.render(self.state)
            self._stale.discard(name)
            if isinstance(self._error, _ComputeError):
                self._clear_error()
        except Exception as exc:  # a view that cannot be drawn says so, without a traceback
            self._set_error(_ComputeError(exc))
        finally:
            view.widget.remove_class("pop-busy")

    def refresh(self) -> None:
        """After a change: every view is stale, the visible one is redrawn now."""
        self._stale = set(self.views)
        self._render_header()
        if self.state is not None:
            self._render(self.active)

    # events -------------------------------------------------------------------

    def _on_filter(self, name: str, value: Any) -> None:
        if self._quiet or self.state is None:
            return
        if name == "reference_date" and value is None:
            return
        if name == "audience":
            self.save_button.layout.display = "" if self._uploaded and value == "hr" else "none"
        if name == "cycle":
            self.state.set_filters(cycle_year=int(value) if value else None)
        elif name == "audience":
            changes: dict[str, Any] = {"audience": value}
            if value != "hr" and self.state.filters.group_by == "manager_id":
                changes["group_by"] = "department"
            self.state.set_filters(**changes)
            self._quiet = True
            try:
                self.filters["group_by"].options = self._group_by_options()
                self.filters["group_by"].value = self.state.filters.group_by
            finally:
                self._quiet = False
        else:
            self.state.set_filters(**{name: _none_if_any(value)})
        self.refresh()
        if name in FILTER_FIELDS:
            # after the figures: the narrowed dropdowns are not what the user waits for
            self._quiet = True
            try:
                reset = self._fill_filter_options()
            finally:
                self._quiet = False
            if reset:
                # a team outside the newly chosen department: drop it, as the dropdown shows
                self.state.set_filters(**dict.fromkeys(reset))
                self.refresh()

    def _on_targets(self, targets: Targets) -> None:
        """The session's targets changed: every view shows them at its next draw."""
        if self.state is None:
            return
        self.state.targets = targets
        self.refresh()

    def _on_lang(self, change: dict[str, Any]) -> None:
        self.lang = change["new"]
        if self.state is not None:
            self.state.lang = self.lang
        self._relabel()
        self.refresh()

    def _on_upload(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        lang = self.lang
        names = ", ".join(str(f["name"]) for f in files)
        self._clear_error()
        self.progress.value = 0.0
        self.progress.layout.display = ""
        self.progress_label.value = esc(t("dash.upload.loading", lang, names=names))
        try:
            loaded = sources.load_sources(sources.uploaded_files(files), None, self._progress)
        except Exception as exc:
            self._set_error(exc)
            return
        finally:
            self._hide_progress()
            self._quiet = True
            try:
                self.upload.value = ()
            finally:
                self._quiet = False
        if self.state is None:
            self.state = DashboardState(
                loaded=loaded,
                source=names,
                filters=Filters(reference_date=dt.date.today()),
                lang=lang,
            )
        else:
            self.state.replace_data(loaded, names)
        if self.state.snapshots is not None:
            # an upload stays in memory; it is written only with "save as snapshot"
            self.state.snapshots.current = None
            self._uploaded = sources.uploaded_files(files)
        self._error = None
        self._after_data()

    def _on_upload_refused(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        self._hide_progress()
        self._set_error(too_large_error(files, self.upload.max_bytes))
        self.upload.rejected = ()

    def _on_upload_progress(self, change: dict[str, Any]) -> None:
        fraction = float(change["new"])
        if fraction <= 0.0:
            return
        if self.progress.layout.display == "none":
            self._clear_error()
            self.progress.layout.display = ""
        self.progress.value = fraction
        self.progress_label.value = esc(
            t("dash.upload.receiving", self.lang, percent=fmt_percent(fraction, self.lang))
        )

    def _hide_progress(self) -> None:
        self.progress.layout.display = "none"
        self.progress_label.value = ""

    def _on_snapshot(self, change: dict[str, Any]) -> None:
        """HR picks another snapshot: open it (once) and show it as of its import day."""
        if self._quiet or self.state is None or self.state.snapshots is None:
            return
        snapshot = change["new"]
        if not snapshot or snapshot == self.state.snapshots.current:
            return
        self._clear_error()
        self.progress_label.value = esc(t("store.dash.loading", self.lang, snapshot=snapshot))
        try:
            loaded = self.state.snapshots.open(snapshot)
        except Exception as exc:
            self._set_error(exc)
            return
        finally:
            self.progress_label.value = ""
        self.state.snapshots.current = snapshot
        self._uploaded = []
        keep = self.state.filters
        self.state.replace_data(loaded, loaded.snapshot.title)
        self.state.set_filters(
            reference_date=self._fixed_reference or imported_on(loaded.snapshot),
            cycle_year=keep.cycle_year,
            audience=keep.audience,
            group_by=keep.group_by,
            conversation_type=keep.conversation_type,
        )
        self._after_data()

    def _on_save(self, _button: Any) -> None:
        """Write the uploaded data as a new snapshot: only when HR asks for it."""
        state = self.state
        if state is None or state.snapshots is None or not self._uploaded:
            return
        if state.filters.audience != "hr":
            return
        from popanalytics.dataset import save_snapshot, source_fingerprints

        try:
            done = save_snapshot(
                state.loaded, source_fingerprints(self._uploaded), state.snapshots.store
            )
        except Exception as exc:
            self._set_error(exc)
            return
        state.snapshots.refresh()
        state.snapshots.current = done.manifest.id
        self._uploaded = []
        self._relabel()
        self.progress_label.value = esc(
            t("store.dash.saved", self.lang, snapshot=done.manifest.title)
        )

    def _progress(self, fraction: float, label: str = "") -> None:
        """dataset.load's progress callback: a fraction 0..1 and the label key of the step."""
        self.progress.value = max(0.0, min(1.0, float(fraction)))
        if label and has_label(label):
            self.progress_label.value = esc(t(label, self.lang))

    # messages -------------------------------------------------------------

    def _set_error(self, exc: Exception) -> None:
        self._error = exc
        lang = self.lang
        if isinstance(exc, PopError):
            text = exc.message(lang)
        elif isinstance(exc, _ComputeError):
            # a query management may not make says why (the metrics' refusal)
            cause = exc.args[0] if exc.args else None
            if isinstance(cause, PopError) and cause.code == "refused":
                text = cause.message(lang)
            else:
                text = t("dash.error.compute", lang)
        else:
            text = t("dash.error.unexpected", lang)
        self.error.value = error_box(text)

    def _clear_error(self) -> None:
        self._error = None
        self.error.value = ""


class _ComputeError(Exception):
    """A view failed to draw (a bug or data the metrics cannot handle)."""

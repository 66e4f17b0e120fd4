"""One module per dashboard view; each view owns its widgets and redraws them in place."""

from __future__ import annotations

import ipywidgets as w

from popanalytics.dashboard.components import heading, paragraph, set_heading
from popanalytics.dashboard.state import DashboardState
from popanalytics.i18n import t


class View:
    """A page of the dashboard: a container with class ``pop-view-<name>``.

    ``render`` sets every value and label from the state (so a language switch
    is just another render); the app calls it only for the visible view.
    """

    name = "view"

    def __init__(self, *children: w.Widget) -> None:
        self.title = heading()
        self.intro = w.HTML()
        self.intro.add_class("pop-intro")
        self.widget = w.VBox([self.title, self.intro, *children], layout=w.Layout(width="100%"))
        self.widget.add_class("pop-view")
        self.widget.add_class(f"pop-view-{self.name}")

    def render(self, state: DashboardState) -> None:
        set_heading(self.title, t(f"dash.view.{self.name}", state.lang))
        self.intro.value = paragraph(t(f"dash.intro.{self.name}", state.lang))

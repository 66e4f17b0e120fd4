"""The dashboard's stylesheet: one calm palette, cards, readable numbers."""

CSS = """
<style>
body, .jp-Notebook, .voila-body { background: #f3f6f8 !important; }
.pop-app { font-family: Inter, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; color: #23313d;
  max-width: 1440px; margin: 0 auto; padding: 8px 12px 40px 12px; box-sizing: border-box; }
.pop-app .widget-html-content, .pop-app .widget-label { font-family: inherit; }
.pop-header { background: linear-gradient(100deg, #1f6f8b 0%, #2a9d8f 100%); color: #fff;
  border-radius: 14px; padding: 18px 24px; margin: 6px 0 12px 0; }
.pop-header .widget-html-content { color: #fff; line-height: 1.35; }
.pop-header h1 { margin: 0 0 4px 0; font-size: 24px; font-weight: 700; letter-spacing: .2px; }
.pop-header .pop-meta { font-size: 13px; opacity: .92; }
.pop-header .pop-meta b { font-weight: 600; }
.pop-toolbar { align-items: center; gap: 12px; flex-wrap: wrap; margin: 0 0 8px 0; }
.pop-filters { background: #fff; border-radius: 12px; box-shadow: 0 1px 3px rgba(16,42,67,.08);
  padding: 10px 12px; margin: 0 0 12px 0; flex-wrap: wrap; gap: 6px 14px; }
.pop-filters .widget-dropdown, .pop-filters .widget-datepicker, .pop-filters .widget-toggle-buttons {
  width: auto; }
.pop-filters .widget-label { color: #4a5a67; font-size: 12px; }
.pop-filter { flex: 0 0 auto; }
.pop-nav { gap: 4px; flex-wrap: wrap; margin: 4px 0 12px 0; border-bottom: 2px solid #dbe4ea; }
.pop-nav button.jupyter-button { width: auto; min-width: 110px; background: transparent; border: none; border-bottom: 3px solid transparent;
  border-radius: 0; color: #4a5a67; font-size: 14px; padding: 6px 14px; height: auto; margin-bottom: -2px; }
.pop-nav button.jupyter-button:hover { color: #1f6f8b; background: #e9f1f4; }
.pop-nav button.pop-nav-active { color: #1f6f8b; border-bottom-color: #1f6f8b; font-weight: 600; }
.pop-view h2 { font-size: 20px; margin: 4px 0 2px 0; color: #1f2d3a; }
.pop-view h3 { font-size: 15px; margin: 14px 0 8px 0; color: #36506a; text-transform: uppercase;
  letter-spacing: .6px; }
.pop-intro p { color: #5b6b78; margin: 0 0 8px 0; font-size: 13px; }
.pop-card { background: #fff; border-radius: 12px; box-shadow: 0 1px 3px rgba(16,42,67,.08);
  padding: 12px 16px; margin: 8px 0; box-sizing: border-box; overflow: hidden; }
.pop-kpi { background: #fff; border-radius: 12px;
  box-shadow: inset 0 4px 0 #1f6f8b, 0 1px 3px rgba(16,42,67,.10); padding: 12px 16px; box-sizing: border-box; min-height: 126px; margin: 0; }
.pop-kpi .widget-html-content { line-height: 1.3; }
.pop-kpi-title { font-size: 13px; color: #4a5a67; min-height: 34px; }
.pop-kpi-value { font-size: 30px; font-weight: 700; color: #1f2d3a; font-variant-numeric: tabular-nums;
  margin: 2px 0; }
.pop-kpi-detail { font-size: 12px; color: #6b7a86; min-height: 16px; }
.pop-kpi-delta { font-size: 12px; min-height: 16px; margin-top: 2px; }
.pop-delta-good { color: #1e7f6e; font-weight: 600; }
.pop-delta-bad { color: #c0392b; font-weight: 600; }
.pop-delta-flat, .pop-delta-none { color: #8a97a3; }
.pop-error { background: #fdecea; color: #8a1c1c; border-left: 4px solid #d1495b; padding: 10px 14px;
  border-radius: 8px; margin: 6px 0; font-size: 14px; }
.pop-note p, .pop-notice { color: #5b6b78; font-size: 13px; }
.pop-busy { color: #1f6f8b; }
.pop-table { border-collapse: collapse; width: 100%; font-size: 13px; }
.pop-table th { text-align: left; background: #eef3f6; color: #36506a; font-weight: 600;
  position: sticky; top: 0; }
.pop-table td, .pop-table th { padding: 6px 10px; border-bottom: 1px solid #e6ebef; vertical-align: top; }
.pop-table tr:hover td { background: #f7fafb; }
.pop-table .pop-num { text-align: right; font-variant-numeric: tabular-nums; }
.pop-findings, .pop-overdue-table { max-height: 520px; overflow: auto; }
.pop-sortable th { cursor: pointer; user-select: none; white-space: nowrap; }
.pop-sortable th:hover { background: #dfe9ef; }
.pop-sortable th[aria-sort="ascending"], .pop-sortable th[aria-sort="descending"] { color: #1f6f8b; }
.pop-download { display: inline-block; background: #1f6f8b; color: #fff !important; padding: 8px 16px;
  border-radius: 8px; text-decoration: none; font-weight: 600; margin-top: 8px; }
.pop-export-button { background: #1f6f8b !important; color: #fff !important; border-radius: 8px !important; }
.pop-upload-box { align-items: center; gap: 10px; }
.pop-chart-card { padding: 6px 8px; }
.pop-chart { width: 100%; }
</style>
"""

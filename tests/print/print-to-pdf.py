#!/usr/bin/python3
"""Prints an HTML file to PDF with WebKitGTK, the engine the app's window uses, and says how
many pages it took. Used to check that the household's sheet fits one A4 page.

    xvfb-run -a /usr/bin/python3 tests/print/print-to-pdf.py sheet.html sheet.pdf

Needs the Debian packages python3-gi and gir1.2-webkit2-4.1 (and a display: Xvfb will do).
The page is A4; the margins come from the page's own `@page` rule, as when the app prints.
Exit status 0, and the page count on stdout.
"""
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402


def main(src: str, out: str) -> int:
    window = Gtk.OffscreenWindow()
    view = WebKit2.WebView()
    window.add(view)
    window.set_default_size(900, 1200)
    window.show_all()
    result = {"pages": None, "error": None}

    def finished(_op):
        with open(out, "rb") as f:
            data = f.read()
        # Each page object is "/Type /Page" (the page tree is "/Type /Pages").
        result["pages"] = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
        Gtk.main_quit()

    def failed(_op, error):
        result["error"] = str(error)
        Gtk.main_quit()

    def loaded(_view, event):
        if event != WebKit2.LoadEvent.FINISHED:
            return
        settings = Gtk.PrintSettings()
        settings.set(Gtk.PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf")
        settings.set(Gtk.PRINT_SETTINGS_OUTPUT_URI, GLib.filename_to_uri(out, None))
        settings.set_printer("Print to File")
        setup = Gtk.PageSetup()
        setup.set_paper_size(Gtk.PaperSize.new(Gtk.PAPER_NAME_A4))
        op = WebKit2.PrintOperation.new(view)
        op.set_print_settings(settings)
        op.set_page_setup(setup)
        op.connect("finished", finished)
        op.connect("failed", failed)
        op.print_()

    view.connect("load-changed", loaded)
    with open(src, encoding="utf-8") as f:
        view.load_html(f.read(), GLib.filename_to_uri(src, None))
    GLib.timeout_add_seconds(60, Gtk.main_quit)
    Gtk.main()
    if result["error"] or result["pages"] is None:
        print(f"printing failed: {result['error'] or 'timed out'}", file=sys.stderr)
        return 1
    print(result["pages"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

#!/usr/bin/env python3
"""Print the rendered performance framework page to PDF with headless Chromium.

    python scripts/print_report_pdf.py build/report/performance_framework_2016-07-31.html

writes ``build/report/performance_framework_2016-07-31.pdf`` beside the page (or ``--out``) and
prints its path. The page's own print stylesheet sets the paper (A4 landscape, one section per
page); Chromium's header and footer (date, file URL) are switched off. Chromium runs with an
empty, temporary profile and no background networking; the page itself has no network
dependency.

Chromium: ``--chromium``, else ``$CSC_CHROMIUM``, else the first of ``chromium``,
``chromium-browser``, ``google-chrome`` on the PATH (Debian: ``apt-get install chromium``).
Standard library only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-extensions",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
    "--no-pdf-header-footer",
)
TIMEOUT_SECONDS = 180


class PdfError(Exception):
    """Chromium is missing or did not print the page."""


def find_chromium(explicit: str | None = None) -> str:
    """The Chromium executable to use, or PdfError naming what was tried."""
    wanted = explicit or os.environ.get("CSC_CHROMIUM")
    if wanted:
        found = shutil.which(wanted)
        if not found:
            raise PdfError(f"Chromium not found at {wanted!r} (from --chromium or CSC_CHROMIUM)")
        return found
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfError(
        "Chromium not found (tried " + ", ".join(CANDIDATES) + " on the PATH): "
        "install Debian's chromium (apt-get install chromium) or set CSC_CHROMIUM"
    )


def print_pdf(html_path: Path, pdf_path: Path | None = None, chromium: str | None = None) -> Path:
    """Print ``html_path`` to ``pdf_path`` (default: the same name with .pdf) and return it."""
    html_path = Path(html_path).resolve()
    if not html_path.is_file():
        raise PdfError(f"page not found: {html_path} (run scripts/render_report.py first)")
    pdf_path = (Path(pdf_path) if pdf_path else html_path.with_suffix(".pdf")).resolve()
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    executable = find_chromium(chromium)
    partial = pdf_path.with_name(pdf_path.name + ".part")
    partial.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="csc-chromium-") as profile:
        command = [
            executable,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={partial}",
            html_path.as_uri(),
        ]
        try:
            result = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired as exc:
            partial.unlink(missing_ok=True)
            raise PdfError(
                f"Chromium did not finish printing {html_path} in {TIMEOUT_SECONDS}s"
            ) from exc
    ok = result.returncode == 0 and partial.is_file() and partial.read_bytes()[:5] == b"%PDF-"
    if not ok:
        partial.unlink(missing_ok=True)
        tail = "\n".join((result.stderr or result.stdout or "").strip().splitlines()[-5:])
        raise PdfError(
            f"Chromium failed to print {html_path} (exit {result.returncode})"
            + (f":\n{tail}" if tail else "")
        )
    partial.replace(pdf_path)
    pdf_path.chmod(0o600)  # readable by its owner only, as every output of the build
    return pdf_path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Print the report page to PDF with headless Chromium."
    )
    parser.add_argument(
        "html", type=Path, help="the rendered page (build/report/performance_framework_<date>.html)"
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="PDF path (default: beside the page, .pdf)"
    )
    parser.add_argument(
        "--chromium", default=None, help="Chromium executable (default: $CSC_CHROMIUM or the PATH)"
    )
    args = parser.parse_args(argv)
    try:
        path = print_pdf(args.html, args.out, args.chromium)
    except PdfError as exc:
        print(f"print_report_pdf: {exc}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

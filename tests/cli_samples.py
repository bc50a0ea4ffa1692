"""Small contracts for the CLI, renderer, config and waiver tests (written to tmp_path per test)."""

from __future__ import annotations

from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
BONTERMS_SLA = SHARED / "corpus" / "public" / "bonterms-sla-v1.0.md"

STRONG = """# Master Services Agreement

## 1. Services
Provider shall provide the managed services described in each SOW.

## 12. Disaster Recovery
12.1 Provider shall maintain a documented disaster recovery plan. The RTO is 4 hours and the RPO is 1 hour.
12.2 Provider fails over to a secondary data centre, tests the plan annually and shares the results with Customer.
12.3 Provider's service director declares any disaster and invokes the plan.
12.2 Provider shall test the DR plan at least annually and share the results with Customer.

## 13. Disputes
13.1 Any dispute shall first be escalated by written notice to the relationship managers, who shall meet
within 10 business days; unresolved disputes go to the executives and then to mediation.

## 14. Governing Law
This Agreement is governed by the laws of the State of New York.
"""

WEAK = """# Services Agreement

## 1. Services
Provider will use commercially reasonable efforts to provide the services.

## 2. Recovery
Provider may maintain disaster recovery arrangements as it sees fit.
"""

# Contract text that must never become live markup in HTML or Markdown reports.
MALICIOUS = """# Agreement <script>alert('x')</script>

## 1. Services
Provider shall provide the services. <img src=x onerror=alert(1)> [click](javascript:alert(1)) **bold** |a|b|

## 12. Disaster Recovery <b>bold</b>
12.1 Provider shall maintain a documented disaster recovery plan <script>alert(2)</script> [x](javascript:alert(3)).
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def bad_pdf(folder: Path, name: str = "broken.pdf") -> Path:
    """A file that claims to be a PDF and is not readable: an input error, not a crash."""
    path = folder / name
    path.write_bytes(b"%PDF-1.4\n1 0 obj<</Encrypt 2 0 R>>")
    return path

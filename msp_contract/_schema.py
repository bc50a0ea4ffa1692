"""Regenerate the committed report JSON schema: ``python -m msp_contract._schema``."""

from pathlib import Path

from msp_contract.report import schema_text

target = Path(__file__).resolve().parent.parent / "schemas" / "report.schema.json"
target.write_text(schema_text(), encoding="utf-8")
print(f"wrote {target}")

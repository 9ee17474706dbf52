"""Reports (统计分析): the hotline's figures, computed exactly as docs/reports.md defines them, and
their renderings (text, CSV, XLSX, HTML with charts)."""

"""The board report: one data model, rendered as a self-contained HTML page or Markdown."""

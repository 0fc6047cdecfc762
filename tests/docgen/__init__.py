"""Generated plan documents with the truth known (issue 18, item 8): a hypothesis strategy
(``strategy.plan_documents``), writers to .docx and .md (``writers``), and the end-to-end
scoring of an import against the truth (``scoring``). Test-only: nothing here ships."""

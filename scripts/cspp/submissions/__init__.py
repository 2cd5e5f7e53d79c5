"""Submissions: an issue-form body becomes checked rows of the CSVs, or plain reasons why not.

It reads the forms and the body as text and writes only the CSVs it adds rows to, restoring them
byte for byte when the result would not validate. Nothing from a body is ever run.
"""

from .report import as_markdown, as_text
from .submit import Issue, Outcome, submit

__all__ = ["Issue", "Outcome", "as_markdown", "as_text", "submit"]

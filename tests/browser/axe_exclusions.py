"""The one place where axe-core rules may be switched off for the whole site, each with its reason.

Empty: every WCAG 2.0/2.1/2.2 A and AA rule runs on every page. test_axe.py pins this list, so
adding a rule here needs a matching change to that test and a reason a reviewer can judge.
"""

EXCLUDED_RULES: dict[str, str] = {}

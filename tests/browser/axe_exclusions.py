"""The one place where axe-core rules may be switched off for the whole site, each with its reason.

Empty: every WCAG 2.0/2.1/2.2 A and AA rule runs on every page. test_axe.py pins this list, so
adding a rule here needs a matching change to that test and a reason a reviewer can judge.
"""

EXCLUDED_RULES: dict[str, str] = {}


def disabled_rules(excluded: dict[str, str]) -> dict[str, dict]:
    """axe-core's `rules` option that switches off each excluded rule. A rule without a reason
    is refused, so no audit runs with a rule switched off silently."""
    unexplained = sorted(rule for rule, reason in excluded.items() if not reason.strip())
    if unexplained:
        raise ValueError(
            f"axe rules excluded without a reason: {', '.join(unexplained)}; "
            "say why in tests/browser/axe_exclusions.py"
        )
    return {rule: {"enabled": False} for rule in excluded}

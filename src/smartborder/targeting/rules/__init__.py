"""The targeting rules language: declarative rules over a traveller's facts.

Rules are written in YAML (or sent through the API as the same structure), validated
against the field catalogue when they are saved, compiled into closures once, and then
evaluated against each traveller's flat ``facts`` mapping (see ``fields.py``).
"""

from smartborder.targeting.rules.compile import CompiledRuleSet, RuleHit, compile_rule_set
from smartborder.targeting.rules.fields import CATALOGUE, FieldSpec, FieldType
from smartborder.targeting.rules.model import Rule, RuleSet, Severity, ValueList
from smartborder.targeting.rules.parse import parse_rule, parse_rule_set, rule_set_from_yaml

__all__ = [
    "CATALOGUE",
    "CompiledRuleSet",
    "FieldSpec",
    "FieldType",
    "Rule",
    "RuleHit",
    "RuleSet",
    "Severity",
    "ValueList",
    "compile_rule_set",
    "parse_rule",
    "parse_rule_set",
    "rule_set_from_yaml",
]

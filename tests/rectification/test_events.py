"""The audit events of the rectification work: verbs named one way, each with a Chinese label."""

import inspect
import re

from yingshang.audit import verbs
from yingshang.audit.templatetags.audit import verb_label
from yingshang.core.rectification.clocks import Step
from yingshang.core.rectification.workflow import Action
from yingshang.rectification import events

VERB = re.compile(r'"([a-z_]+\.[a-z_]+)"')


def verbs_of_the_module() -> set[str]:
    """Every verb the module's source spells out, but for the old spellings it maps."""
    return set(VERB.findall(inspect.getsource(events))) - set(events.LEGACY_VERBS)


def test_verbs_are_noun_dot_past_participle():
    verbs = verbs_of_the_module()
    assert len(verbs) == 25
    for verb in verbs:
        noun, participle = verb.split(".")
        assert noun in {"problem", "plan", "plan_item", "campaign", "task", "extension",
                        "rectification_settings"}, verb  # fmt: skip
        assert participle.endswith("ed"), verb


def test_every_verb_has_a_chinese_label():
    for verb in verbs_of_the_module():
        assert verb in verbs.labels(), verb
        assert verb_label(verb) != verb
    assert verb_label("task.circulated") == "通报"
    assert verb_label("plan_item.updated") == "修改方案任务分工"


def test_every_workflow_action_and_escalation_step_has_its_event():
    assert set(events.TASK_MOVED) == set(Action)
    assert set(events.ESCALATION_VERBS) == set(Step)

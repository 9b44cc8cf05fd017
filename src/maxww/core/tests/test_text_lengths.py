"""Every free-text box a person types into has a length that fits the layout."""

from __future__ import annotations

from django import forms

import pytest

from maxww.core.validators import NOTE_MAX
from maxww.handover import forms as handover_forms
from maxww.screening import forms as screening_forms
from maxww.trajects import forms as trajects_forms

MODULES = (handover_forms, screening_forms, trajects_forms)


def _text_boxes():
    for module in MODULES:
        for name, form in vars(module).items():
            if not (isinstance(form, type) and issubclass(form, forms.BaseForm)):
                continue
            for field_name, field in form.base_fields.items():
                if isinstance(field, forms.CharField) and isinstance(
                    field.widget, forms.Textarea
                ):
                    yield pytest.param(
                        field, id=f"{module.__name__}.{name}.{field_name}"
                    )


@pytest.mark.parametrize("field", list(_text_boxes()))
def test_a_text_box_refuses_text_longer_than_the_layout_holds(field):
    limit = field.max_length or next(
        v.limit_value for v in field.validators if hasattr(v, "limit_value")
    )
    assert limit <= 4000
    field.clean("x" * limit)
    with pytest.raises(forms.ValidationError) as refused:
        field.clean("x" * (limit + 1))
    assert "tekens" in " ".join(refused.value.messages)


def test_the_selection_reason_is_one_of_them():
    boxes = {p.id for p in _text_boxes()}
    assert "maxww.screening.forms.SelectionForm.reason" in boxes
    assert NOTE_MAX == 1000

"""The outcome types every programme starts with (`choices.DEFAULT_TYPES`).

A programme gets them when it is made (`services.programme_made`) and, if it was made before
that, from a data migration (`outcomes.0002`). A read never installs them.
"""

from .choices import DEFAULT_TYPES


def install_outcome_types(type_model, programme_id: int) -> None:
    """Give the programme the default outcome types when it has none at all.

    Takes the model class so the data migration can pass its historical model.
    """
    if type_model.objects.filter(programme_id=programme_id).exists():
        return
    type_model.objects.bulk_create(
        [
            type_model(programme_id=programme_id, code=kind.value, kind=kind, position=position)
            for position, kind in enumerate(DEFAULT_TYPES, start=1)
        ],
        ignore_conflicts=True,  # two first saves at once: the second adds nothing
    )

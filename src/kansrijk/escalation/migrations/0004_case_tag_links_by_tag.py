"""The link tables of cases and their tags, by tag and then case: the learning register reads
each tag's cases newest first (its lessons for policy) and counts them per tag, walking this
index instead of sorting every tag's links. Django makes the link tables itself
(ManyToManyField), so the index is plain SQL, the same on SQLite and PostgreSQL."""

from django.db import migrations

TABLES = ("escalation_doorbraakcase_barrier_types", "escalation_doorbraakcase_agencies")


def _index(table: str) -> str:
    return f"{table.removeprefix('escalation_doorbraakcase_')}_links_by_tag"


class Migration(migrations.Migration):
    dependencies = [("escalation", "0003_crisis_guidance")]

    operations = [
        migrations.RunSQL(
            f'CREATE INDEX "case_{_index(table)}" ON "{table}" ("barriertag_id", "doorbraakcase_id")',
            reverse_sql=f'DROP INDEX "case_{_index(table)}"',
        )
        for table in TABLES
    ]

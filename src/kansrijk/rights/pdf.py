"""The household's data (from `export.household_export`) as a readable A4 PDF.

The text comes from the same data as the JSON download, so the two always agree. `_Printer` lays
the data out as a list of blocks (headings, text, label-value facts, tables) that
`rights/pdf/export.html` prints through `core.pdf`: a tagged PDF in the language of the labels,
right to left when that language is written so, with every name in its own letters.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kansrijk.core.dates import date_and_time, long_date, short_date
from kansrijk.core.pdf import render_pdf

from .export import Data


def export_pdf(data: Data) -> bytes:
    """Print the household's data, in the language of its labels."""
    with translation.override(data["labels_language"]):
        household = data["household"]
        title = _("All data about %(name)s") % {"name": household["name"]}
        printer = _Printer()
        printer.print(data)
        return render_pdf(
            "rights/pdf/export.html",
            {"blocks": printer.blocks, "pdf_created": data["exported_at"]},
            title=title,
            footer=title,
        )


def _date(value: str | None) -> str:
    """An ISO date as people read it: 3 maart 2025."""
    return long_date(dt.date.fromisoformat(value[:10])) if value else ""


def _day(value: str | None) -> str:
    """Short, for a table column: 3 mrt 2025."""
    return short_date(dt.date.fromisoformat(value[:10])) if value else ""


def _when(value: str | None) -> str:
    """An ISO moment as people read it, in Dutch time: 3 maart 2025, 14:05."""
    return date_and_time(dt.datetime.fromisoformat(value)) if value else ""


def _label(coded: dict | None) -> str:
    return coded["label"] if coded else ""


@dataclass
class Block:
    """One piece of the printed file: `kind` is title, heading, subheading, text, facts or grid."""

    kind: str
    text: str = ""
    muted: bool = False
    headings: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)  # per column, in percent of the width


class _Printer:
    """Lays the sections out one after another: household, trajectories, consents, audit log."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def print(self, data: Data) -> None:
        household = data["household"]
        self.title(household["name"])
        self.text(
            _("All data kansrijk keeps about this household, made on %(date)s.")
            % {"date": _when(data["exported_at"])},
            muted=True,
        )
        self.text(
            _(
                "Is something wrong or do you want something removed? Tell your coordinator. "
                "You may have it corrected or erased."
            )
        )
        self.household(household, data["members"])
        for trajectory in data["trajectories"]:
            self.trajectory(trajectory)
        self.consents(data["consents"])
        self.documents(data["documents"])
        self.audit_log(data["audit_log"])

    # ---- building blocks ----

    def title(self, text: str) -> None:
        self.blocks.append(Block("title", text))

    def heading(self, text: str) -> None:
        self.blocks.append(Block("heading", text))

    def subheading(self, text: str) -> None:
        self.blocks.append(Block("subheading", text))

    def text(self, text: str, *, muted: bool = False) -> None:
        self.blocks.append(Block("text", text, muted=muted))

    def facts(self, rows: list[tuple[str, Any]]) -> None:
        """Label and value pairs; empty values are left out."""
        kept = [[label, str(value)] for label, value in rows if value not in (None, "")]
        if kept:
            self.blocks.append(Block("facts", rows=kept))

    def grid(self, headings: list[str], rows: list[list[Any]], widths: tuple) -> None:
        if not rows:
            self.text(_("None."), muted=True)
            return
        self.blocks.append(
            Block(
                "grid",
                headings=headings,
                rows=[["" if v is None else str(v) for v in values] for values in rows],
                widths=[round(100 * w) for w in widths],
            )
        )

    # ---- sections ----

    def household(self, household: Data, members: list[Data]) -> None:
        self.heading(_("Household"))
        self.facts(
            [
                (_("Name"), household["name"]),
                (_("Programme"), household["programme"]),
                (_("Neighbourhood"), household["area"]),
                (_("Address"), household["street_address"]),
                (_("Postcode"), household["postcode"]),
                (_("Phone"), household["phone"]),
                (_("E-mail"), household["email"]),
                (_("Languages"), household["languages"]),
                (_("Household type"), _label(household["household_type"])),
                (_("Registered on"), _date(household["registered_at"])),
            ]
        )
        self.subheading(_("People in the household"))
        self.grid(
            [_("Who"), _("Name"), _("Birth year")],
            [
                [
                    _label(m["relation"]),
                    f"{m['given_name']} {m['family_name']}".strip(),
                    m["birth_year"],
                ]
                for m in members
            ],
            (0.3, 0.5, 0.2),
        )

    def trajectory(self, trajectory: Data) -> None:
        self.heading(_("Trajectory from %(date)s") % {"date": _date(trajectory["referred_on"])})
        self.facts(
            [
                (_("Phase"), _label(trajectory["phase"])),
                (_("Referred on"), _date(trajectory["referred_on"])),
                (_("Buddy found on"), _date(trajectory["buddy_found_on"])),
                (_("Year started"), _date(trajectory["active_year_started_on"])),
                (_("Aftercare from"), _date(trajectory["aftercare_started_on"])),
                (_("Ended on"), _date(trajectory["ended_on"])),
                (_("Reason for dropping out"), _label(trajectory["drop_out_reason"])),
                (_("Buddy"), trajectory["buddy"]),
                (_("Backup professional"), trajectory["backup_professional"]),
                (_("Note at the end"), trajectory["end_note"]),
            ]
        )
        self.subheading(_("Phases"))
        self.grid(
            [_("Date"), _("Phase"), _("By"), _("Note")],
            [
                [_day(c["at"]), _label(c["to_phase"]), c["by"], c["note"]]
                for c in trajectory["phase_changes"]
            ],
            (0.16, 0.2, 0.24, 0.4),
        )
        if trajectory["extensions"]:
            self.subheading(_("Extensions"))
            self.grid(
                [_("Date"), _("New end"), _("Reason"), _("Note")],
                [
                    [_day(e["at"]), _day(e["new_end"]), _label(e["reason"]), e["note"]]
                    for e in trajectory["extensions"]
                ],
                (0.16, 0.2, 0.24, 0.4),
            )
        if trajectory["referral"]:
            self.referral(trajectory["referral"])
        if trajectory["intake"]:
            self.intake(trajectory["intake"])
        self.subheading(_("Assessments"))
        if not trajectory["assessments"]:
            self.text(_("None."), muted=True)
        for assessment in trajectory["assessments"]:
            self.assessment(assessment)
        self.subheading(_("Contacts"))
        self.grid(
            [_("Date"), _("Kind"), _("Minutes"), _("By"), _("Note")],
            [
                [_day(c["on"]), _label(c["kind"]), c["minutes"], c["by"], c["note"]]
                for c in trajectory["contacts"]
            ],
            (0.14, 0.18, 0.11, 0.2, 0.37),
        )
        self.subheading(_("Planned meetings"))
        self.grid(
            [_("When"), _("How"), _("Place"), _("What for"), _("By")],
            [
                [
                    _when(a["starts_at"]) + (f" ({_('cancelled')})" if a["cancelled_at"] else ""),
                    _label(a["kind"]),
                    a["place"],
                    a["purpose"],
                    a["by"],
                ]
                for a in trajectory["appointments"]
            ],
            (0.24, 0.16, 0.2, 0.24, 0.16),
        )
        self.subheading(_("Signals to the backup professional"))
        self.grid(
            [_("Raised"), _("Kind"), _("Status"), _("What is going on"), _("Response")],
            [
                [
                    _day(x["raised_at"]),
                    _label(x["kind"]),
                    _label(x["status"]),
                    x["description"],
                    x["response"],
                ]
                for x in trajectory["signals"]
            ],
            (0.13, 0.15, 0.15, 0.3, 0.27),
        )
        self.subheading(_("Doorbraak cases"))
        self.grid(
            [_("Opened"), _("Solved"), _("The barrier"), _("The tailored solution")],
            [
                [_day(c["opened_on"]), _day(c["solved_on"]), c["barrier"], c["solution"]]
                for c in trajectory["doorbraak_cases"]
            ],
            (0.13, 0.13, 0.37, 0.37),
        )
        self.subheading(_("Goals and plan"))
        if not trajectory["goals"]:
            self.text(_("None."), muted=True)
        for goal in trajectory["goals"]:
            self.goal(goal)
        self.subheading(_("What was reached"))
        self.grid(
            [_("Date"), _("Outcome"), _("Details"), _("Evidence")],
            [
                [
                    _day(o["reached_on"]),
                    o["outcome"]["label"],
                    ", ".join(o["details"]),
                    o["evidence"],
                ]
                for o in trajectory["outcomes"]
            ],
            (0.13, 0.27, 0.25, 0.35),
        )
        if trajectory["evaluation"]:
            self.evaluation(trajectory["evaluation"])
        self.subheading(_("Network maps"))
        if not trajectory["network_maps"]:
            self.text(_("None."), muted=True)
        for network_map in trajectory["network_maps"]:
            self.network_map(network_map)

    def evaluation(self, evaluation: Data) -> None:
        self.subheading(pgettext("participant", "Your evaluation"))
        self.facts(
            [
                (pgettext("participant", "What helped you most?"), evaluation["what_helped_most"]),
                (
                    pgettext("participant", "How was the contact with your buddy?"),
                    _label(evaluation["contact_with_the_buddy"]),
                ),
                (
                    pgettext("participant", "Tell us more about the contact with your buddy"),
                    evaluation["contact_with_the_buddy_in_words"],
                ),
                (
                    pgettext("participant", "What should be better?"),
                    evaluation["what_should_be_better"],
                ),
                (pgettext("participant", "Mark"), str(evaluation["mark"])),
                (_("Entered"), _label(evaluation["entered"])),
            ]
        )

    def goal(self, goal: Data) -> None:
        self.text(f"{goal['life_domain']['label'].capitalize()}: {goal['text']}")
        self.facts(
            [
                (_("Status"), _label(goal["status"])),
                (_("Target date"), _date(goal["target_on"])),
                (_("Reason"), goal["status_reason"]),
            ]
        )
        if goal["actions"]:
            self.grid(
                [_("Who"), _("What"), _("By when"), _("Done on")],
                [
                    [
                        a["organisation"] or _label(a["who"]),
                        a["what"],
                        _day(a["due_on"]),
                        _day(a["done_on"]),
                    ]
                    for a in goal["actions"]
                ],
                (0.22, 0.44, 0.17, 0.17),
            )
        if goal["notes"]:
            self.grid(
                [_("Date"), _("Note"), _("Small success")],
                [
                    [_day(n["written_on"]), n["text"], _("yes") if n["small_success"] else ""]
                    for n in goal["notes"]
                ],
                (0.16, 0.66, 0.18),
            )

    def network_map(self, network_map: Data) -> None:
        self.text(f"{_label(network_map['moment']).capitalize()}, {_date(network_map['drawn_on'])}")
        self.facts([(_("What goes well"), network_map["what_goes_well"])])
        self.grid(
            [_("Who"), _("Kind"), _("Strength"), _("What it does"), _("Note")],
            [
                [
                    t["name"],
                    _label(t["kind"]),
                    _label(t["strength"]),
                    _label(t["what_it_does"]),
                    t["note"],
                ]
                for t in network_map["ties"]
            ],
            (0.22, 0.18, 0.16, 0.18, 0.26),
        )

    def referral(self, referral: Data) -> None:
        self.subheading(_("Referral"))
        self.facts(
            [
                (_("Referred by"), referral["referred_by"]),
                (_("Name of the referrer"), referral["referrer_name"]),
                (_("Consent given on"), _date(referral["consent_given_on"])),
                (_("How consent was given"), _label(referral["consent_method"])),
                (_("Why this household is referred"), referral["reason"]),
                (_("Main sources of stress"), referral["stress_sources"]),
                (
                    _("A woman or a man as buddy"),
                    _label(referral["preferred_gender_of_the_buddy"]),
                ),
                (_("Wishes for the buddy"), referral["wishes_for_the_buddy"]),
            ]
        )

    def intake(self, intake: Data) -> None:
        self.subheading(_("Intake"))
        self.facts(
            [
                (_("Held on"), _date(intake["held_on"])),
                (_("What causes the most stress"), intake["stress_now"]),
                (_("What do you want?"), intake["wishes"]),
                (_("Strengths"), intake["strengths"]),
                (_("When can a buddy visit"), intake["availability"]),
                (_("Other notes"), intake["notes"]),
            ]
        )

    def assessment(self, assessment: Data) -> None:
        line = f"{_label(assessment['moment']).capitalize()}, {_date(assessment['held_on'])}"
        if assessment["with_backup_professional"]:
            line += f" ({_('with the backup professional')})"
        self.text(line)
        self.grid(
            [_("Life domain"), _("Now"), _("Wants to reach"), _("Note")],
            [
                [
                    _label(s["domain"]).capitalize(),
                    _label(s["level"]),
                    _label(s["wanted_level"]),
                    s["note"],
                ]
                for s in assessment["scores"]
            ],
            (0.2, 0.26, 0.26, 0.28),
        )
        if assessment["note"]:
            self.facts([(_("Note"), assessment["note"])])

    def consents(self, consents: list[Data]) -> None:
        self.heading(_("Consent"))
        self.text(_("Who else you let see which part of your file."), muted=True)
        self.grid(
            [_("Who may see"), _("Which parts"), _("From"), _("Until"), _("Withdrawn on")],
            [
                [
                    _label(c["recipient"]).capitalize(),
                    ", ".join(_label(p) for p in c["parts"]),
                    _day(c["starts_on"]),
                    _day(c["ends_on"]),
                    _day(c["withdrawn_at"]),
                ]
                for c in consents
            ],
            (0.24, 0.31, 0.15, 0.15, 0.15),
        )

    def documents(self, documents: list[Data]) -> None:
        self.heading(_("Documents"))
        self.text(
            _(
                "Letters and forms kept with your file. The files themselves are in the ZIP download."
            ),
            muted=True,
        )
        self.grid(
            [_("Name"), _("Part of the file"), _("Added on"), _("Added by")],
            [
                [
                    d["name"],
                    _label(d["part"]).capitalize(),
                    _day(d["added_at"]),
                    d["added_by"] or "",
                ]
                for d in documents
            ],
            (0.4, 0.22, 0.15, 0.23),
        )

    def audit_log(self, entries: list[Data]) -> None:
        self.heading(_("Who opened or changed your file"))
        self.text(
            _("Every time someone opened, changed or downloaded your file, oldest first."),
            muted=True,
        )
        self.grid(
            [_("When"), _("Who"), _("Role"), _("What")],
            [
                [
                    _when(e["at"]),
                    e["who"],
                    _label(e["role"]),
                    f"{_label(e['action'])}: {e['detail']}" if e["detail"] else _label(e["action"]),
                ]
                for e in entries
            ],
            (0.2, 0.22, 0.16, 0.42),
        )

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
        title = pgettext("participant", "All data about %(name)s") % {"name": household["name"]}
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
            pgettext(
                "participant", "All data kansrijk keeps about this household, made on %(date)s."
            )
            % {"date": _when(data["exported_at"])},
            muted=True,
        )
        self.text(
            pgettext(
                "participant",
                "Is something wrong or do you want something removed? Tell your coordinator. "
                "You may have it corrected or erased.",
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
            self.text(pgettext("participant", "None."), muted=True)
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
        self.heading(pgettext("participant", "Household"))
        self.facts(
            [
                (pgettext("participant", "Name"), household["name"]),
                (pgettext("participant", "Programme"), household["programme"]),
                (pgettext("participant", "Neighbourhood"), household["area"]),
                (pgettext("participant", "Address"), household["street_address"]),
                (pgettext("participant", "Postcode"), household["postcode"]),
                (pgettext("participant", "Phone"), household["phone"]),
                (pgettext("participant", "E-mail"), household["email"]),
                (pgettext("participant", "Languages"), household["languages"]),
                (pgettext("participant", "Household type"), _label(household["household_type"])),
                (pgettext("participant", "Registered on"), _date(household["registered_at"])),
            ]
        )
        self.subheading(pgettext("participant", "People in the household"))
        self.grid(
            [
                pgettext("participant", "Who"),
                pgettext("participant", "Name"),
                pgettext("participant", "Birth year"),
            ],
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
        self.heading(
            pgettext("participant", "Trajectory from %(date)s")
            % {"date": _date(trajectory["referred_on"])}
        )
        self.facts(
            [
                (pgettext("participant", "Phase"), _label(trajectory["phase"])),
                (pgettext("participant", "Referred on"), _date(trajectory["referred_on"])),
                (pgettext("participant", "Buddy found on"), _date(trajectory["buddy_found_on"])),
                (
                    pgettext("participant", "Year started"),
                    _date(trajectory["active_year_started_on"]),
                ),
                (
                    pgettext("participant", "Aftercare from"),
                    _date(trajectory["aftercare_started_on"]),
                ),
                (pgettext("participant", "Ended on"), _date(trajectory["ended_on"])),
                (
                    pgettext("participant", "Reason for dropping out"),
                    _label(trajectory["drop_out_reason"]),
                ),
                (pgettext("participant", "Buddy"), trajectory["buddy"]),
                (pgettext("participant", "Backup professional"), trajectory["backup_professional"]),
                (pgettext("participant", "Note at the end"), trajectory["end_note"]),
            ]
        )
        self.subheading(pgettext("participant", "Phases"))
        self.grid(
            [
                pgettext("participant", "Date"),
                pgettext("participant", "Phase"),
                pgettext("participant", "By"),
                pgettext("participant", "Note"),
            ],
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
        self.subheading(pgettext("participant", "Assessments"))
        if not trajectory["assessments"]:
            self.text(pgettext("participant", "None."), muted=True)
        for assessment in trajectory["assessments"]:
            self.assessment(assessment)
        self.subheading(pgettext("participant", "Contacts"))
        self.grid(
            [
                pgettext("participant", "Date"),
                pgettext("participant", "Kind"),
                pgettext("participant", "Minutes"),
                pgettext("participant", "By"),
                pgettext("participant", "Note"),
            ],
            [
                [_day(c["on"]), _label(c["kind"]), c["minutes"], c["by"], c["note"]]
                for c in trajectory["contacts"]
            ],
            (0.14, 0.18, 0.11, 0.2, 0.37),
        )
        self.subheading(pgettext("participant", "Planned meetings"))
        self.grid(
            [
                pgettext("participant", "When"),
                pgettext("participant", "How"),
                pgettext("participant", "Place"),
                pgettext("participant", "What for"),
                pgettext("participant", "By"),
            ],
            [
                [
                    _when(a["starts_at"])
                    + (
                        " (" + pgettext("participant", "cancelled") + ")"
                        if a["cancelled_at"]
                        else ""
                    ),
                    _label(a["kind"]),
                    a["place"],
                    a["purpose"],
                    a["by"],
                ]
                for a in trajectory["appointments"]
            ],
            (0.24, 0.16, 0.2, 0.24, 0.16),
        )
        self.subheading(pgettext("participant", "Signals to the backup professional"))
        self.grid(
            [
                pgettext("participant", "Raised"),
                pgettext("participant", "Kind"),
                pgettext("participant", "Status"),
                pgettext("participant", "What is going on"),
                pgettext("participant", "Response"),
            ],
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
        self.subheading(pgettext("participant", "Doorbraak cases"))
        self.grid(
            [
                pgettext("participant", "Opened"),
                pgettext("participant", "Solved"),
                pgettext("participant", "The barrier"),
                pgettext("participant", "The tailored solution"),
            ],
            [
                [_day(c["opened_on"]), _day(c["solved_on"]), c["barrier"], c["solution"]]
                for c in trajectory["doorbraak_cases"]
            ],
            (0.13, 0.13, 0.37, 0.37),
        )
        self.subheading(pgettext("participant", "Goals and plan"))
        if not trajectory["goals"]:
            self.text(pgettext("participant", "None."), muted=True)
        for goal in trajectory["goals"]:
            self.goal(goal)
        self.subheading(pgettext("participant", "What was reached"))
        self.grid(
            [
                pgettext("participant", "Date"),
                pgettext("participant", "Outcome"),
                pgettext("participant", "Details"),
                pgettext("participant", "Evidence"),
            ],
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
        self.subheading(pgettext("participant", "Network maps"))
        if not trajectory["network_maps"]:
            self.text(pgettext("participant", "None."), muted=True)
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
                (pgettext("participant", "Status"), _label(goal["status"])),
                (pgettext("participant", "Target date"), _date(goal["target_on"])),
                (pgettext("participant", "Reason"), goal["status_reason"]),
            ]
        )
        if goal["actions"]:
            self.grid(
                [
                    pgettext("participant", "Who"),
                    pgettext("participant", "What"),
                    pgettext("participant", "By when"),
                    pgettext("participant", "Done on"),
                ],
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
                [
                    pgettext("participant", "Date"),
                    pgettext("participant", "Note"),
                    pgettext("participant", "Small success"),
                ],
                [
                    [
                        _day(n["written_on"]),
                        n["text"],
                        pgettext("participant", "yes") if n["small_success"] else "",
                    ]
                    for n in goal["notes"]
                ],
                (0.16, 0.66, 0.18),
            )

    def network_map(self, network_map: Data) -> None:
        self.text(f"{_label(network_map['moment']).capitalize()}, {_date(network_map['drawn_on'])}")
        self.facts([(pgettext("participant", "What goes well"), network_map["what_goes_well"])])
        self.grid(
            [
                pgettext("participant", "Who"),
                pgettext("participant", "Kind"),
                pgettext("participant", "Strength"),
                pgettext("participant", "What it does"),
                pgettext("participant", "Note"),
            ],
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
        self.subheading(pgettext("participant", "Referral"))
        self.facts(
            [
                (pgettext("participant", "Referred by"), referral["referred_by"]),
                (pgettext("participant", "Name of the referrer"), referral["referrer_name"]),
                (pgettext("participant", "Consent given on"), _date(referral["consent_given_on"])),
                (
                    pgettext("participant", "How consent was given"),
                    _label(referral["consent_method"]),
                ),
                (pgettext("participant", "Why this household is referred"), referral["reason"]),
                (pgettext("participant", "Main sources of stress"), referral["stress_sources"]),
                (
                    pgettext("participant", "A woman or a man as buddy"),
                    _label(referral["preferred_gender_of_the_buddy"]),
                ),
                (pgettext("participant", "Wishes for the buddy"), referral["wishes_for_the_buddy"]),
            ]
        )

    def intake(self, intake: Data) -> None:
        self.subheading(pgettext("participant", "Intake"))
        self.facts(
            [
                (pgettext("participant", "Held on"), _date(intake["held_on"])),
                (pgettext("participant", "What causes the most stress"), intake["stress_now"]),
                (pgettext("participant", "What do you want?"), intake["wishes"]),
                (pgettext("participant", "Strengths"), intake["strengths"]),
                (pgettext("participant", "When can a buddy visit"), intake["availability"]),
                (pgettext("participant", "Other notes"), intake["notes"]),
            ]
        )

    def assessment(self, assessment: Data) -> None:
        line = f"{_label(assessment['moment']).capitalize()}, {_date(assessment['held_on'])}"
        if assessment["with_backup_professional"]:
            line += " (" + pgettext("participant", "with the backup professional") + ")"
        self.text(line)
        self.grid(
            [
                pgettext("participant", "Life domain"),
                pgettext("participant", "Now"),
                pgettext("participant", "Wants to reach"),
                pgettext("participant", "Note"),
            ],
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
            self.facts([(pgettext("participant", "Note"), assessment["note"])])

    def consents(self, consents: list[Data]) -> None:
        self.heading(pgettext("participant", "Consent"))
        self.text(
            pgettext("participant", "Who else you let see which part of your file."), muted=True
        )
        self.grid(
            [
                pgettext("participant", "Who may see"),
                pgettext("participant", "Which parts"),
                pgettext("participant", "From"),
                pgettext("participant", "Until"),
                pgettext("participant", "Withdrawn on"),
            ],
            [
                [
                    c.get("organisation") or _label(c["recipient"]).capitalize(),
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
        self.heading(pgettext("participant", "Documents"))
        self.text(
            pgettext(
                "participant",
                "Letters and forms kept with your file. The files themselves are in the ZIP download.",
            ),
            muted=True,
        )
        self.grid(
            [
                pgettext("participant", "Name"),
                pgettext("participant", "Part of the file"),
                pgettext("participant", "Added on"),
                pgettext("participant", "Added by"),
            ],
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
        self.heading(pgettext("participant", "Who opened or changed your file"))
        self.text(
            pgettext(
                "participant",
                "Every time someone opened, changed or downloaded your file, oldest first.",
            ),
            muted=True,
        )
        self.grid(
            [
                pgettext("participant", "When"),
                pgettext("participant", "Who"),
                pgettext("participant", "Role"),
                pgettext("participant", "What"),
            ],
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

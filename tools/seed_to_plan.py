#!/usr/bin/env python3
"""One-off first import of seeds/000_33c2bef1ba33a468.txt into plan/.

This script records, in code, what was imported mechanically from the seed.
Corrections made by hand afterwards are separate commits in git history and
are listed in docs/IMPORT.md. `actionplan import` replaces this script.

Usage: python3 tools/seed_to_plan.py seeds/000_33c2bef1ba33a468.txt plan
"""
import calendar
import html
import re
import sys
from pathlib import Path

HEADER = "Ref\tRecommendation\tActions"
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9


def is_list(cell):
    return "<li>" in cell


def list_items(cell):
    items = re.findall(r"<li>(.*?)</li>", cell, flags=re.S)
    return [clean(i) for i in items]


def clean(text):
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text)
    return re.sub(r"\s+", " ", text).strip()


def join_cut(a, b):
    """Join a cell cut by a page break with its continuation."""
    if not b:
        return a
    if not a:
        return b
    return a + "\t" + b  # the tab marks the cut; resolved in cell readers


def read_rows(lines):
    """Yield (kind, cells) with page-break continuations already joined."""
    rows = []
    after_header = False
    for line in lines:
        if line.startswith(HEADER):
            after_header = True
            continue
        if not line.strip():
            continue
        cells = (line.split("\t") + [""] * 7)[:7]
        if after_header and cells[0] == "" and rows:
            prev = rows[-1]
            prev[1] = [join_cut(a, b) for a, b in zip(prev[1], cells)]
        else:
            rows.append(["row", cells])
        after_header = False
    return rows


def text_cell(cell):
    parts = [clean(p) for p in cell.split("\t")]
    return " ".join(p for p in parts if p)


def steps_cell(cell):
    """An actions cell: (text, steps). Lists become steps; a plain
    continuation of a list joins its last step, double spaces start a new one."""
    text, steps = "", []
    for part in cell.split("\t"):
        if is_list(part):
            steps.extend(list_items(part))
        elif steps:
            pieces = [clean(p) for p in re.split(r"\s{2,}", part) if clean(p)]
            if pieces:
                steps[-1] = steps[-1] + " " + pieces[0]
                steps.extend(pieces[1:])
        else:
            text = (text + " " + clean(part)).strip()
    return text, steps


def section_title(cells):
    title = ""
    for cell in cells[1:]:
        if not cell:
            continue
        if title and title[-1].isalpha() and cell[0].isalpha():
            title += cell  # a word cut across cells
        else:
            title = (title + " " + cell).strip()
    return clean(title)


def leads_cell(cell):
    joined = " ".join(p for p in cell.split("\t") if p)  # "Vulnerable" + "Children"
    names = re.split(r"\s*/\s*|\s+with\s+|\s{2,}", joined)
    return [clean(n) for n in names if clean(n)]


def month_end(year, month):
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def reading(timescale):
    """(due, status, recurs, start, ongoing) as DESIGN.md's timescale table reads them."""
    low = timescale.lower()
    if low.startswith("completed"):
        return None, "complete", None, None, False
    if low.startswith("deferred"):
        return None, "deferred", None, None, False
    words = re.findall(r"[a-z]+|\d+", low)
    dates, recurs, start = [], None, None
    for i, word in enumerate(words):
        if word in MONTHS and i + 1 < len(words) and words[i + 1].isdigit():
            year = int(words[i + 1])
            year = year + 2000 if year < 100 else year
            if i > 0 and words[i - 1] == "from":
                start, recurs = f"{year:04d}-{MONTHS[word]:02d}-01", "quarterly"
            else:
                dates.append((year, MONTHS[word]))
        elif word == "quarterly":
            recurs = "quarterly"
    due = month_end(*max(dates)) if dates else None
    ongoing = "ongoing" in words and due is None
    return due, "not_started", recurs, start, ongoing


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_list(items, indent="  "):
    if len(items) <= 1 and sum(len(i) for i in items) < 60:
        return "[" + ", ".join(toml_str(i) for i in items) + "]"
    return "[\n" + "".join(f"{indent}{toml_str(i)},\n" for i in items) + "]"


def action_toml(cells):
    text, steps = steps_cell(cells[2])
    timescale = text_cell(cells[3])
    due, status, recurs, start, ongoing = reading(timescale)
    success = text_cell(cells[4])
    if success == "Completed":
        status = "complete"
    out = ["[[actions]]"]
    if text:
        out.append(f"text = {toml_str(text)}")
    if steps:
        out.append(f"steps = {toml_list(steps)}")
    out.append(f"timescale = {toml_str(timescale)}")
    if due:
        out.append(f"due = {due}")
    if start:
        out.append(f"start = {start}")
    if recurs:
        out.append(f"recurs = {toml_str(recurs)}")
    if ongoing:
        out.append("ongoing = true")
    out.append(f"success = {toml_list([success] if success else [])}")
    out.append(f"lead = {toml_list(leads_cell(cells[5]))}")
    resources = text_cell(cells[6])
    out.append(f"resources = {toml_list([resources] if resources else [])}")
    out.append(f"status = {toml_str(status)}")
    return "\n".join(out) + "\n", leads_cell(cells[5])


def main(seed, out):
    rows = read_rows(Path(seed).read_text(encoding="utf-8").splitlines())
    sections, recs, leads = [], [], []
    for _, cells in rows:
        ref = cells[0].strip()
        if re.fullmatch(r"\d+", ref):
            sections.append((ref, section_title(cells)))
        elif ref:
            recs.append([ref, text_cell(cells[1]), [cells]])
        else:
            recs[-1][2].append(cells)
    out = Path(out)
    for ref, text, action_rows in recs:
        body = [f"ref = {toml_str(ref)}", f"recommendation = {toml_str(text)}", ""]
        for cells in action_rows:
            action, names = action_toml(cells)
            body.append(action)
            leads.extend(n for n in names if n not in leads)
        path = out / ref.split(".")[0] / f"{ref}.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(body).rstrip("\n") + "\n", encoding="utf-8")
    write_plan(out, sections)
    write_officers(out, leads)


def write_plan(out, sections):
    lines = [
        'title = "Safeguarding Children Action Plan"',
        'organisation = "Herefordshire Council and Herefordshire Safeguarding Children Board"',
        'reporting = "quarterly"',
        'year_starts = "04-01"',
        "meetings = []",
        "",
    ]
    for number, title in sections:
        lines += ["[[sections]]", f"number = {toml_str(number)}", f"title = {toml_str(title)}", ""]
    (out / "plan.toml").write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")


def officer_key(name):
    return re.sub(r"\s+", " ", name.replace("&", "and")).lower()


def write_officers(out, leads):
    groups = []  # [title, aliases]
    for name in leads:
        key = officer_key(name)
        for group in groups:
            keys = [officer_key(n) for n in [group[0]] + group[1]]
            if any(k == key or k.startswith(key + " ") or key.startswith(k + " ") for k in keys):
                if len(name) > len(group[0]):
                    group[1].append(group[0])
                    group[0] = name
                else:
                    group[1].append(name)
                break
        else:
            groups.append([name, []])
    lines = []
    for title, aliases in groups:
        ident = re.sub(r"[^a-z0-9]+", "-", officer_key(title).replace("'", "")).strip("-")
        lines += ["[[officers]]", f"id = {toml_str(ident)}", f"title = {toml_str(title)}"]
        if aliases:
            lines.append(f"aliases = {toml_list(aliases)}")
        lines.append("")
    (out / "officers.toml").write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])

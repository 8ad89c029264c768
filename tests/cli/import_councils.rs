//! `actionplan import` on more council tables as councils keep them:
//! an Ofsted plan with merged priority rows, a partnership tracker with
//! colour-and-word statuses, a workbook written by openpyxl, a markdown
//! plan with a heading over each table, a PDF extract with wrapped lines,
//! a domestic homicide review plan and an audit follow-up with a
//! definitions line under it.

use crate::import_tables::{AS_OF, has, import};
use crate::support::stdout;

#[test]
fn an_ofsted_plan_with_merged_priority_rows_and_a_rag_key() {
    let plan = import("ofsted_ilacs.csv", &[]);
    plan.works();
    assert_eq!(plan.files().len(), 7, "{}", plan.report);
    let settings = plan.read("plan.toml");
    assert!(settings.contains("title = \"Priority 3: Children in care and care leavers\""));
    assert!(settings.contains("organisation = \"Southvale Council - Children's Services\""));
    // The progress header names its month: the updates are dated.
    let text = plan.read("1/1.3.toml");
    assert!(text.contains("date = 2024-03-31"), "{text}");
    assert!(text.contains("due = 2024-09-30"), "Sep-24: {text}");
    has(
        &plan.report,
        "- row 17: below the table (a key, notes or signatures), not a row: “Amber - some slippage”",
    );
}

#[test]
fn a_partnership_tracker_with_colour_and_word_statuses() {
    let plan = import("lscp_tracker.csv", &[]);
    plan.works();
    let text = plan.read("LCSPR-02.toml");
    // "Green - complete": the words say complete, not the colour's on_track.
    let first = text.split("[[actions]]").nth(1).unwrap();
    assert!(first.contains("status = \"complete\""), "{text}");
    assert!(!text.contains("Status in the imported table"), "{text}");
    has(
        &plan.report,
        "- row 5: status “Green - complete” read as complete: its words where they name a status, else its colour",
    );
    assert!(
        text.contains("due = 2024-01-31"),
        "the revised date: {text}"
    );
}

#[test]
fn a_workbook_from_openpyxl_with_typed_date_cells_and_a_notes_block() {
    let plan = import("cqc_asc.xlsx", &[]);
    // Cells written t="n" with a date format are dates, not day counts.
    let text = plan.read("1/1.toml");
    assert!(text.contains("due = 2024-09-30"), "{text}\n{}", plan.report);
    assert!(!plan.report.contains("45565"), "{}", plan.report);
    // "Quality statement" groups the rows into sections.
    let settings = plan.read("plan.toml");
    assert!(
        settings.contains("title = \"Assessing needs\""),
        "{settings}"
    );
    assert_eq!(
        plan.files(),
        ["1/1.toml", "1/2.toml", "2/3.toml", "3/4.toml", "4/5.toml"]
    );
    has(
        &plan.report,
        "- row 14: below the table (a key, notes or signatures), not a row: “2. Actions marked TBC",
    );
    // "TBC" is no date: reported, and `check` warns and asks for one;
    // the plan works straight away.
    has(&plan.report, "- row 10: timescale “TBC” not read");
    plan.works();
    let check = plan.run(&["check", "--as-of", AS_OF]);
    assert!(
        stdout(&check).contains("warning[unreadable-timescale]: cannot read the timescale “TBC”"),
        "{}",
        stdout(&check)
    );
}

#[test]
fn a_markdown_plan_with_a_heading_over_each_table_and_an_escaped_pipe() {
    let plan = import("csp_plan.md", &[]);
    plan.works();
    let text = plan.read("1/A2.toml");
    assert!(
        text.contains("text = \"Deliver a summer hotspot policing plan | with youth outreach\""),
        "{text}"
    );
    assert!(
        text.contains("lead = [\"Chief Inspector, Neighbourhoods\"]"),
        "{text}"
    );
    assert!(text.contains("due = 2024-09-30"), "{text}");
    let settings = plan.read("plan.toml");
    assert!(settings.contains("title = \"Priority A: Reduce serious violence\""));
    assert!(settings.contains("organisation = \"Westford Community Safety Partnership\""));
    assert!(
        !settings.contains("RAG"),
        "the key is no section: {settings}"
    );
    assert_eq!(
        plan.files(),
        ["1/A1.toml", "1/A2.toml", "2/B1.toml", "2/B2.toml"]
    );
}

#[test]
fn a_pdf_extract_with_wrapped_lines_lettered_sections_and_a_page_footer() {
    let plan = import("joint_plan.txt", &[]);
    plan.works();
    assert_eq!(
        plan.files(),
        [
            "1/A1.2.toml",
            "1/A1.toml",
            "1/A2.toml",
            "2/SP-03.toml",
            "2/SP-04.toml"
        ]
    );
    let text = plan.read("1/A1.toml");
    assert!(text.contains("recommendation = \"Establish a single integrated discharge hub at the acute trust with social care and community health staff\""), "{text}");
    assert_eq!(text.matches("[[actions]]").count(), 1, "{text}");
    let text = plan.read("2/SP-04.toml");
    assert!(
        text.contains("lead = [\"Primary Care Network Clinical Directors\"]"),
        "{text}"
    );
    let settings = plan.read("plan.toml");
    assert!(
        settings.contains("title = \"SP. Shared prevention\""),
        "{settings}"
    );
    assert!(!settings.contains("Page 1"), "{settings}");
    has(
        &plan.report,
        "- row 5: continues row 4 (a line the PDF wrapped): joined to it, cell by cell",
    );
    has(&plan.report, "- row 14: “Page 1 of 1” is a page number");
}

#[test]
fn a_domestic_homicide_review_plan_numbered_in_its_text() {
    let plan = import("dhr_plan.csv", &[]);
    let text = plan.read("1.toml");
    assert!(
        text.contains("recommendation = \"The Community Safety Partnership should"),
        "the number is the ref, not part of the text: {text}"
    );
    // The template's milestone and outcome columns are progress (undated).
    assert!(text.contains("Audit completed January 2024"), "{text}");
    assert!(
        !plan.report.contains("column “Key milestones"),
        "{}",
        plan.report
    );
    // A timescale relative to an event is no date: reported, asked for.
    has(
        &plan.report,
        "- row 7: timescale “Within 3 months of publication” not read",
    );
    plan.works();
    let check = plan.run(&["check", "--as-of", AS_OF]);
    assert!(
        stdout(&check).contains("warning[unreadable-timescale]"),
        "{}",
        stdout(&check)
    );
}

#[test]
fn an_audit_follow_up_with_a_definitions_line_under_the_table() {
    let plan = import("audit_follow_up.csv", &[]);
    // The title's "Position at 30 September 2024" dates the comments.
    has(
        &plan.report,
        "- row 1: above the header: 2024-09-30 in “Internal Audit Service: Follow-up of Agreed Actions - Position at 30 September 2024” read as the date the table was updated: its progress cells are dated by it",
    );
    let text = plan.read("1/CR1.toml");
    assert!(
        text.contains("date = 2024-09-30\nnote = \"Verified in testing\""),
        "{text}"
    );
    plan.works_as_of("2024-10-01");
    let settings = plan.read("plan.toml");
    assert!(
        settings.contains("Follow-up of Agreed Actions - Position at 30 September 2024"),
        "the line is the title too: {settings}"
    );
    let settings = plan.read("plan.toml");
    assert_eq!(settings.matches("[[sections]]").count(), 2, "{settings}");
    assert!(!settings.contains("Priority definitions"), "{settings}");
    has(
        &plan.report,
        "- row 12: below the table (a key, notes or signatures), not a row: “Priority definitions:",
    );
    assert!(plan.read("1/CR1.toml").contains("status = \"complete\""));
    assert!(plan.read("1/CR2.toml").contains("status = \"on_track\""));
    let text = plan.read("2/SP1.toml");
    assert!(text.contains("status = \"not_started\""), "{text}");
    assert!(text.contains("due = 2024-11-30"), "{text}");
}

#[test]
fn a_plan_whose_title_rows_say_when_it_was_last_updated() {
    let plan = import("improvement_plan_updated.csv", &[]);
    // "Last updated: 14/11/2024" dates the progress column, and is not
    // the title.
    let text = plan.read("1.toml");
    assert!(
        text.contains("date = 2024-11-14\nnote = \"Huddles in place since January\""),
        "{text}"
    );
    let settings = plan.read("plan.toml");
    assert!(
        settings.contains("title = \"Children's Services Improvement Plan 2024-25\""),
        "{settings}"
    );
    assert!(
        settings.contains("organisation = \"Anytown Borough Council\""),
        "{settings}"
    );
    // A date with "ongoing" beside it is read by the date, and said.
    has(
        &plan.report,
        "- row 7: timescale “April 2024 - ongoing”: “ongoing” beside a date: read as due by 2024-04-30, not open-ended",
    );
    plan.works_as_of("2024-11-30");
}

use super::*;

fn csv(text: &str) -> Draft {
    read(text, Kind::Csv, &Options::default())
}

fn notes(draft: &Draft, kind: NoteKind) -> Vec<String> {
    draft
        .report
        .notes
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| n.text.clone())
        .collect()
}

#[test]
fn council_dates_are_read_by_the_one_timescale_reader() {
    let due = |s: &str| {
        let mut action = DraftAction {
            timescale: s.to_string(),
            ..DraftAction::default()
        };
        apply_timescale(&mut action, &mut Report::default());
        action.due.map(|d| d.to_string())
    };
    assert_eq!(due("31/03/2010").as_deref(), Some("2010-03-31"));
    assert_eq!(due("01/02/10").as_deref(), Some("2010-02-01"));
    assert_eq!(due("Q2 2011/12").as_deref(), Some("2011-09-30"));
    assert_eq!(due("Q4 2011/12").as_deref(), Some("2012-03-31"));
    assert_eq!(due("2012/13").as_deref(), Some("2013-03-31"));
    assert_eq!(due("Spring 2010").as_deref(), Some("2010-03-31"));
    assert_eq!(due("Winter 2010"), None, "winter spans two years");
    assert_eq!(due("31/02/2010"), None);
    assert_eq!(due("2012/15"), None);
    assert_eq!(due("Q5 2011/12"), None);
}

#[test]
fn a_spreadsheet_with_semicolons_bom_and_multi_line_cells() {
    let text = "Ref;Recommendation;Actions;Target date;Owner;RAG\n\
                1;Governance;;;;\n\
                1.1;\"Agree terms; publish them\";\"Draft terms\nAgree terms\";31/03/2010;HSCB Chair / DCS;G\n\
                ;;Publish;Sept 09;DCS;Blue\n";
    let mut report = Report::default();
    let decoded = decode(format!("\u{feff}{text}").as_bytes(), &mut report).unwrap();
    let draft = csv(&decoded);
    assert_eq!(
        draft.sections,
        [DraftSection {
            number: "1".into(),
            title: "Governance".into()
        }]
    );
    let rec = &draft.recommendations[0];
    assert_eq!(rec.text, "Agree terms; publish them");
    assert_eq!(rec.actions.len(), 2);
    assert_eq!(rec.actions[0].steps, ["Draft terms", "Agree terms"]);
    assert_eq!(rec.actions[0].due.unwrap().to_string(), "2010-03-31");
    // " / " between two roles separates two officers.
    assert_eq!(rec.actions[0].lead, ["HSCB Chair", "DCS"]);
    assert_eq!(rec.actions[0].status, Status::OnTrack);
    assert_eq!(rec.actions[1].due.unwrap().to_string(), "2009-09-30");
    assert_eq!(rec.actions[1].status, Status::Complete);
    assert_eq!(
        notes(&draft, NoteKind::Guess).len(),
        3,
        "the section row, and no title or organisation; 31/03/2010 is certain: {:?}",
        draft.report
    );
}

#[test]
fn what_cannot_be_read_is_reported_not_guessed() {
    let draft = csv(
        "Ref,Recommendation,Action,Deadline,Lead,Status,Colour\n2.1,R,A,end of term,DCS,Nearly there,blue\n",
    );
    let action = &draft.recommendations[0].actions[0];
    assert_eq!(action.due, None);
    assert_eq!(action.timescale, "end of term");
    assert_eq!(action.status, Status::NotStarted);
    assert_eq!(action.notes, ["Status in the imported table: Nearly there"]);
    let unread = notes(&draft, NoteKind::Unread);
    assert!(
        unread.iter().any(|n| n.contains("end of term")),
        "{unread:?}"
    );
    assert!(unread.iter().any(|n| n.contains("Nearly there")));
    assert!(unread.iter().any(|n| n.contains("column “Colour”")));
}

#[test]
fn map_names_a_column_the_importer_does_not_know() {
    let options = Options {
        mapping: Mapping {
            columns: vec![("Accountable".into(), columns::Field::Lead)],
        },
        ..Options::default()
    };
    let draft = read(
        "Ref,Recommendation,Action,Timescale,Accountable\n1.1,R,A,April 2009,DCS\n",
        Kind::Csv,
        &options,
    );
    assert_eq!(draft.recommendations[0].actions[0].lead, ["DCS"]);
}

#[test]
fn windows_1252_is_converted_with_a_warning() {
    let mut report = Report::default();
    let text = decode(
        b"Ref,Recommendation\n1.1,Children\x92s \x96 services\n",
        &mut report,
    )
    .unwrap();
    assert!(text.contains("Children’s – services"));
    assert_eq!(report.notes[0].kind, NoteKind::Warning);
    assert!(decode(b"", &mut report).is_err());
    assert!(decode(b"PK\x03\x04\x00\x00", &mut report).is_err());
}

#[test]
fn ragged_and_empty_input_never_panics() {
    for text in [
        "Ref\n",
        "Ref,Action\n1.1\n,,,,,,,\n\"unclosed",
        "x",
        "Ref\tRecommendation\tActions\n\t\t\t\n1.1",
        ";;;\n;;;",
    ] {
        let _ = read(text, detect(text), &Options::default());
    }
}

mod properties {
    use proptest::prelude::*;

    use super::super::*;

    /// Text made of the characters that matter to the readers.
    fn table_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("\t".to_string()),
            Just(",".to_string()),
            Just(";".to_string()),
            Just("\"".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("<li>".to_string()),
            Just("</li>".to_string()),
            Just("&amp;".to_string()),
            Just("&#99999999;".to_string()),
            Just("Ref\tRecommendation\tActions\n".to_string()),
            Just("Ref,Action,Timescale,Lead,Status\n".to_string()),
            Just("1.1".to_string()),
            Just("2".to_string()),
            Just("Q4 2011/12".to_string()),
            Just("31/02/2010".to_string()),
            "[ -~’–]{0,12}",
        ];
        prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn the_importers_never_panic(text in table_text(), bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            for kind in [Kind::SeedTsv, Kind::Csv] {
                let draft = read(&text, kind, &Options::default());
                let _ = files(&draft);
            }
            let mut report = Report::default();
            if let Ok(decoded) = decode(&bytes, &mut report) {
                let draft = read(&decoded, detect(&decoded), &Options::default());
                let _ = files(&draft);
            }
        }
    }
}

#[test]
fn another_councils_pdf_extract_is_read_by_its_own_headers() {
    let header = "No.\tIssue\tAction required\tTarget date\tMeasure\tOwner\tRAG";
    let text = format!(
        "{header}\n\
         1\tLeadership\t\t\t\t\t\n\
         1.1\tThe Board meets <b>quarterly</b>\t<ul><li>Set dates</li><li>Publish</li></ul>\tMarch 2011\tDates set\tHead of Service &amp; Partnerships\tA\n\
         \n{header}\n\
         \t\t<ul><li>Review attendance</li></ul>\t\tAttendance &gt; 80%\t\t\n\
         1.2\tAudit\tRun an audit\tQ1 2011/12\tAudit done\tDirector of Children's Services with Chair\tGreen\n"
    );
    assert_eq!(detect(&text), Kind::SeedTsv);
    let draft = read(&text, Kind::SeedTsv, &Options::default());
    assert_eq!(
        draft.sections,
        [DraftSection {
            number: "1".into(),
            title: "Leadership".into()
        }]
    );
    assert_eq!(draft.recommendations.len(), 2);
    let first = &draft.recommendations[0];
    assert_eq!(first.text, "The Board meets quarterly");
    assert_eq!(
        first.actions.len(),
        1,
        "the cut row joins the row it continues"
    );
    assert_eq!(
        first.actions[0].steps,
        ["Set dates", "Publish", "Review attendance"]
    );
    assert_eq!(first.actions[0].success, ["Dates set Attendance > 80%"]);
    assert_eq!(first.actions[0].lead, ["Head of Service & Partnerships"]);
    assert_eq!(first.actions[0].status, Status::AtRisk);
    let second = &draft.recommendations[1].actions[0];
    assert_eq!(second.due.unwrap().to_string(), "2011-06-30");
    assert_eq!(second.lead, ["Director of Children's Services", "Chair"]);
    assert_eq!(second.status, Status::OnTrack);
}

#[test]
fn a_tab_separated_spreadsheet_without_pdf_marks_is_csv() {
    assert_eq!(detect("Ref\tAction\tOwner\n1.1\tDo it\tDCS\n"), Kind::Csv);
}

#[test]
fn two_recommendations_for_one_file_are_found_with_both_rows() {
    let draft = csv("Ref,Recommendation,Action,Timescale,Lead\n\
                     1.1,A,A,April 2009,DCS\n1.x,B,A,April 2009,DCS\n\
                     1.2,C,A,April 2009,DCS\n1.y,D,A,April 2009,DCS\n");
    // Refs that would read as an action's letter are mended, so every
    // recommendation has its own file.
    let refs: Vec<&str> = draft
        .recommendations
        .iter()
        .map(|r| r.reference.as_str())
        .collect();
    assert_eq!(refs, ["1.1", "1.X", "1.2", "1.Y"]);
    assert_eq!(shared_file(&draft), None);
    assert_eq!(
        shared_file(&csv("Ref,Recommendation\n1.1,A\n1.2,B\n")),
        None
    );
}

#[test]
fn headings_continuations_and_long_headers_in_a_dotted_table() {
    let draft = csv("Ofsted ILACS Improvement Plan\n\
        Ref,Recommendation,Actions,Lead Officer(s),Timescale for completion,RAG\n\
        Area of weakness 1: Leadership,,,,,\n\
        1.1,Leaders should know practice.,Practice weeks,DCS,On-going,G\n\
        ,continued from the page above,,,,\n\
        Governance,,,,,\n\
        2.1,Report to board.,Quarterly report,DCS,Q4 2023/24,\n");
    let titles: Vec<(&str, &str)> = draft
        .sections
        .iter()
        .map(|s| (s.number.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(
        titles,
        [("1", "Area of weakness 1: Leadership"), ("2", "Governance")]
    );
    let first = &draft.recommendations[0];
    assert_eq!(
        first.text,
        "Leaders should know practice. continued from the page above"
    );
    assert!(first.actions[0].ongoing, "On-going");
    assert_eq!(first.actions[0].lead, ["DCS"], "Lead Officer(s)");
    assert_eq!(
        draft.recommendations[1].actions[0].due.unwrap().to_string(),
        "2024-03-31",
        "Timescale for completion"
    );
    assert_eq!(draft.title, "Ofsted ILACS Improvement Plan");
}

#[test]
fn a_recommendation_row_above_its_actions_and_lettered_section_rows() {
    let send = csv("Area of weakness,Actions,Lead,By when,RAG\n\
        The quality of EHC plans is too variable,,,,\n\
        ,Quality assurance panel,Head of SEND,Autumn term 2023,Amber/Green\n\
        ,Train coordinators,,Spring term 2024,Not yet due\n");
    let rec = &send.recommendations[0];
    assert_eq!(rec.actions.len(), 2, "the empty first row is no action");
    assert_eq!(rec.actions[1].lead, ["Head of SEND"]);
    assert_eq!(rec.actions[1].status, Status::OnTrack);
    assert!(
        notes(&send, NoteKind::Unread).is_empty(),
        "{:?}",
        send.report
    );
    let lettered = csv("Ref,Recommendation,Action,Lead,Date\n\
        Section A,Governance,,,\n\
        A1,Board to meet quarterly,Set dates,Chair,Mar-24\n");
    assert_eq!(lettered.sections[0].title, "Section A Governance");
    assert_eq!(lettered.recommendations[0].section, "1");
    assert_eq!(
        lettered.recommendations[0].actions[0]
            .due
            .unwrap()
            .to_string(),
        "2024-03-31"
    );
}

#[test]
fn a_colour_with_words_reads_the_words_else_the_colour() {
    use super::spreadsheet::coloured_status;
    use crate::status::Status;
    assert_eq!(
        coloured_status("Green - complete"),
        Some((Status::Complete, true))
    );
    assert_eq!(
        coloured_status("Amber (some slippage)"),
        Some((Status::AtRisk, true))
    );
    assert_eq!(coloured_status("Awaiting sign-off"), None);
}

//! Every step of an import at a scale where a step comparing every row
//! with every other would take minutes: the answers must still be right.
//! How long each takes is measured by the benchmark (`cargo bench --bench
//! import`), against a floor, not by a deadline here that a busy machine
//! could miss.

use super::*;

#[test]
fn many_officers_are_grouped_without_comparing_every_pair() {
    let names: Vec<String> = (0..20_000)
        .flat_map(|i| {
            [
                format!("Head of Unit {i} & Services"),
                format!("HEAD OF UNIT {i} AND SERVICES"),
                format!("Head of Unit {i} and Services Team"),
            ]
        })
        .collect();
    let officers = officers::group(&names, &mut Report::default());
    assert_eq!(officers.len(), 20_000);
    assert_eq!(officers[7].title, "Head of Unit 7 and Services Team");
    assert_eq!(
        officers[7].aliases,
        ["Head of Unit 7 & Services", "HEAD OF UNIT 7 AND SERVICES"]
    );
}

#[test]
fn many_sections_named_in_a_section_column_are_looked_up_once() {
    let mut text = String::from("Ref,Section,Recommendation,Action,Timescale,Lead\n");
    for i in 1..=50_000 {
        text.push_str(&format!("{i}.1,Theme {i},R,A,April 2009,DCS\n"));
    }
    // Sections the table names only by a ref: titled by the importer.
    for i in 50_001..=60_000 {
        text.push_str(&format!("{i}.1,,R,A,April 2009,DCS\n"));
    }
    let draft = read(&text, Kind::Csv, &Options::default());
    assert_eq!(draft.sections.len(), 60_000);
    assert_eq!(draft.sections[49_999].title, "Theme 50000");
    assert_eq!(draft.sections[59_999].title, "Section 60000");
}

#[test]
fn a_long_run_of_further_action_rows_is_read_in_linear_time() {
    let mut text =
        String::from("Ref\tRecommendation\tActions\tLead\n1.1\tStart\t<li>A</li>\tDCS\n");
    let words = "and a further recommendation sentence carried on a further action row, \
                 as a table cut across many pages may carry a long one, word by word";
    for _ in 0..80_000 {
        text.push_str(&format!("\t{words}\t<li>More</li>\tDCS\n"));
    }
    let draft = read(&text, Kind::SeedTsv, &Options::default());
    let rec = &draft.recommendations[0];
    assert_eq!(rec.actions.len(), 80_001);
    assert_eq!(rec.text.len(), "Start".len() + 80_000 * (words.len() + 1));
}

#[test]
fn cells_full_of_brackets_ampersands_or_parts_are_read_in_linear_time() {
    const N: usize = 2_000_000;
    let brackets = "<".repeat(N);
    let closed = format!("{}b>", "<".repeat(N));
    let ampersands = "&".repeat(N);
    let parts: Vec<String> = (0..N / 10).map(|_| "ab".to_string()).collect();
    let (a, b, c, title) = {
        let title = cells::section_title(&parts);
        (
            cells::clean(&brackets),
            cells::clean(&closed),
            cells::clean(&ampersands),
            title,
        )
    };
    assert_eq!(a.len(), N);
    assert_eq!(b.len(), N - 1, "the last `<` opens the tag `<b>`");
    assert_eq!(c.len(), N);
    assert_eq!(title.len(), N / 5, "a word cut across every cell");
}

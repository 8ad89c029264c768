//! The digest's trajectory part, as data: the statuses at the last four
//! columns of `trajectory` for every action that changed, is flagged or
//! is overdue, most severe first; deadlines moved since the last meeting;
//! the contradictions of those columns.

use chrono::NaiveDate;

use crate::trajectory::{Basis, Cell, Contradiction, Course, Move, Trajectory};

/// Columns the digest shows: the last four meetings (or period ends).
pub const SHOWN: usize = 4;

/// Rows a paper's table holds before it says how many more there are.
pub const MOST: usize = 40;

/// Why an action is in the part, most severe first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    Contradiction,
    Deteriorating,
    Overdue,
    Stuck,
    /// Two neighbouring cells of the shown columns, both recorded, differ.
    Changed,
}

impl Reason {
    pub fn word(self) -> &'static str {
        match self {
            Reason::Contradiction => "contradiction",
            Reason::Deteriorating => "deteriorating",
            Reason::Overdue => "overdue",
            Reason::Stuck => "stuck",
            Reason::Changed => "changed",
        }
    }
}

/// One action in the part; `index` is the digest's row.
pub struct Watched {
    pub index: usize,
    /// Its cells at the shown columns.
    pub cells: Vec<Cell>,
    /// Most severe first; never empty.
    pub reasons: Vec<Reason>,
}

pub struct Part {
    /// The shown columns, earliest first.
    pub dates: Vec<NaiveDate>,
    pub basis: Basis,
    /// Most severe first, then in ref order.
    pub watched: Vec<Watched>,
    /// Every due move committed after `since` up to the as-of date, by
    /// digest row, oldest first.
    pub moved: Vec<(usize, Move)>,
    /// Contradictions dated in the shown columns' periods, by row, newest
    /// first.
    pub contradictions: Vec<(usize, Contradiction)>,
}

/// The part from the trajectory of the digest's rows (in their order);
/// `overdue` says which rows are overdue as of the paper's date.
pub fn part(trajectory: &Trajectory, overdue: &[bool], since: NaiveDate) -> Part {
    let columns = &trajectory.columns;
    let first = columns.dates.len().saturating_sub(SHOWN);
    let from = match columns.dates.is_empty() {
        true => NaiveDate::MAX,
        false => columns.window(first).0,
    };
    let mut watched: Vec<Watched> = trajectory
        .courses
        .iter()
        .enumerate()
        .filter_map(|(index, course)| {
            let cells = course.cells[first..].to_vec();
            let reasons = reasons(course, &cells, overdue[index]);
            (!reasons.is_empty()).then_some(Watched {
                index,
                cells,
                reasons,
            })
        })
        .collect();
    watched.sort_by_key(|w| (w.reasons[0], w.index));
    let mut moved: Vec<(usize, Move)> = rows_of(trajectory, |c| &c.moves)
        .filter(|(_, m)| m.date > since)
        .collect();
    moved.sort_by_key(|(index, m)| (m.date, *index));
    let mut contradictions: Vec<(usize, Contradiction)> =
        rows_of(trajectory, |c| &c.contradictions)
            .filter(|(_, c)| c.date() > from)
            .collect();
    contradictions.sort_by_key(|(index, c)| (std::cmp::Reverse(c.date()), *index));
    Part {
        dates: columns.dates[first..].to_vec(),
        basis: columns.basis,
        watched,
        moved,
        contradictions,
    }
}

/// Every item of every course, with its row.
fn rows_of<'t, T: Clone + 't>(
    trajectory: &'t Trajectory,
    items: impl Fn(&'t Course) -> &'t Vec<T> + 't,
) -> impl Iterator<Item = (usize, T)> + 't {
    trajectory
        .courses
        .iter()
        .enumerate()
        .flat_map(move |(index, course)| items(course).iter().map(move |i| (index, i.clone())))
}

fn reasons(course: &Course, cells: &[Cell], overdue: bool) -> Vec<Reason> {
    // From not recorded to recorded is no change.
    let changed = cells
        .windows(2)
        .any(|pair| pair[0] != pair[1] && !pair.contains(&Cell::Absent));
    [
        (!course.contradictions.is_empty(), Reason::Contradiction),
        (course.deteriorating, Reason::Deteriorating),
        (overdue, Reason::Overdue),
        (course.stuck, Reason::Stuck),
        (changed, Reason::Changed),
    ]
    .into_iter()
    .filter_map(|(holds, reason)| holds.then_some(reason))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::Status::{self, *};
    use crate::trajectory::Columns;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn course(cells: &[Cell]) -> Course {
        let statuses: Vec<Option<Status>> = cells
            .iter()
            .map(|c| match c {
                Cell::Status(s) => Some(*s),
                _ => None,
            })
            .collect();
        Course {
            cells: cells.to_vec(),
            latest: None,
            moves: Vec::new(),
            longest_no_data: 0,
            contradictions: Vec::new(),
            stuck: crate::trajectory::is_stuck(&statuses),
            deteriorating: crate::trajectory::is_deteriorating(&statuses),
            statuses,
        }
    }

    fn s(status: Status) -> Cell {
        Cell::Status(status)
    }

    fn trajectory(courses: Vec<Course>) -> Trajectory {
        let dates = [
            "2009-03-10",
            "2009-06-09",
            "2009-09-08",
            "2009-12-08",
            "2010-03-09",
        ];
        Trajectory {
            columns: Columns {
                dates: dates.map(date).into(),
                basis: Basis::Meetings,
                first_from: date("2008-12-10"),
            },
            courses,
        }
    }

    #[test]
    fn the_most_severe_come_first_and_quiet_actions_are_left_out() {
        let mut contradicted = course(&[s(OnTrack); 5]);
        contradicted
            .contradictions
            .push(crate::trajectory::Contradiction::OverdueOnTrack {
                column: date("2009-12-08"),
            });
        let courses = vec![
            course(&[s(OnTrack), s(OnTrack), s(OnTrack), s(OnTrack), s(AtRisk)]),
            course(&[s(Complete); 5]),
            course(&[s(AtRisk), s(OnTrack), s(AtRisk), s(AtRisk), s(AtRisk)]),
            contradicted,
            course(&[
                Cell::Absent,
                Cell::Absent,
                Cell::NoData,
                Cell::NoData,
                Cell::NoData,
            ]),
            course(&[s(OffTrack), s(AtRisk), s(OnTrack), s(OnTrack), s(Complete)]),
        ];
        let part = part(
            &trajectory(courses),
            &[false, false, false, false, true, false],
            date("2009-12-08"),
        );
        assert_eq!(part.dates.len(), SHOWN);
        let listed: Vec<(usize, Vec<Reason>)> = part
            .watched
            .iter()
            .map(|w| (w.index, w.reasons.clone()))
            .collect();
        use Reason::*;
        assert_eq!(
            listed,
            [
                (3, vec![Contradiction, Stuck]),
                (0, vec![Deteriorating, Stuck, Changed]),
                (4, vec![Overdue]),
                (2, vec![Stuck, Changed]),
                (5, vec![Changed]),
            ]
        );
        assert_eq!(part.watched[1].cells.len(), SHOWN);
    }

    #[test]
    fn first_being_recorded_is_no_change() {
        let courses = vec![course(&[
            Cell::Absent,
            Cell::Absent,
            Cell::Absent,
            s(OnTrack),
            Cell::NoData,
        ])];
        let part = part(&trajectory(courses.clone()), &[false], date("2009-12-08"));
        assert_eq!(part.watched[0].reasons, [Reason::Changed]);
        let mut quiet = courses;
        quiet[0].cells[4] = s(OnTrack);
        let part = super::part(&trajectory(quiet), &[false], date("2009-12-08"));
        assert!(part.watched.is_empty());
    }
}

//! Which plan field each column of a table holds: by its header, in the
//! words councils use ("Agreed action", "Responsible officer", "By when",
//! "Progress at Dec 2017"), or as a person mapped it with `--map`.

use chrono::NaiveDate;

use super::{Draft, NoteKind};
use crate::timescale;

/// The plan fields a column can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Ref,
    Recommendation,
    Action,
    Timescale,
    /// A revised target date: the due date, the original kept as timescale.
    Revised,
    Success,
    Lead,
    Resources,
    Status,
    /// "% complete": 100 is complete, 0 not started, anything else on track.
    Percent,
    Progress,
    Section,
}

impl Field {
    pub const ALL: [(Field, &'static str); 12] = [
        (Field::Ref, "ref"),
        (Field::Recommendation, "recommendation"),
        (Field::Action, "action"),
        (Field::Timescale, "timescale"),
        (Field::Revised, "revised"),
        (Field::Success, "success"),
        (Field::Lead, "lead"),
        (Field::Resources, "resources"),
        (Field::Status, "status"),
        (Field::Percent, "percent"),
        (Field::Progress, "progress"),
        (Field::Section, "section"),
    ];

    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.iter().find(|(_, n)| *n == name).map(|(f, _)| *f)
    }
}

/// Column headers a person mapped with `--map 'Owner=lead'`; a field may
/// be given several columns (their cells are joined, one per line).
#[derive(Debug, Default, Clone)]
pub struct Mapping {
    pub columns: Vec<(String, Field)>,
}

/// Header words each field is known by (compared without case, spaces
/// or punctuation).
const KNOWN: [(Field, &[&str]); 12] = [
    (
        Field::Ref,
        &[
            "ref",
            "reference",
            "no",
            "number",
            "item",
            "refno",
            "recno",
            "recref",
            "recommendationno",
            "recommendationnumber",
            "recommendationref",
            "actionno",
            "actionref",
            "para",
            "paragraph",
            "id",
            "itemno",
            "rec",
            "recs",
            "refnumber",
            "referencenumber",
            "recommendationreference",
        ],
    ),
    (
        Field::Recommendation,
        &[
            "recommendation",
            "recommendations",
            "finding",
            "findings",
            "issue",
            "issueidentified",
            "areaofweakness",
            "areasofweakness",
            "areaforimprovement",
            "areasforimprovement",
            "weakness",
            "objective",
            "objectives",
            "observation",
            "keyissue",
            "areaofconcern",
            "auditrecommendation",
            "recommendationfinding",
            "keyrecommendation",
        ],
    ),
    (
        Field::Action,
        &[
            "action",
            "actions",
            "actionrequired",
            "actionstobetaken",
            "actionsrequired",
            "agreedaction",
            "agreedactions",
            "managementresponse",
            "managementaction",
            "managementactions",
            "proposedaction",
            "proposedactions",
            "actionplanned",
            "whatwewilldo",
            "task",
            "tasks",
            "keyactions",
            "actionstobetakentoaddress",
            "specificactions",
            "actionstaken",
            "what",
            "whatwillbedone",
            "actionsagreed",
            "plannedaction",
            "plannedactions",
        ],
    ),
    (
        Field::Timescale,
        &[
            "timescale",
            "timescales",
            "targetdate",
            "deadline",
            "duedate",
            "by",
            "when",
            "bywhen",
            "completiondate",
            "originaltargetdate",
            "originaldate",
            "target",
            "timeframe",
            "targetcompletiondate",
            "implementationdate",
            "agreeddate",
            "targetreviseddate",
            "targetdaterevised",
            "date",
            "agreedtimescale",
            "originaldeadline",
            "originaltimescale",
        ],
    ),
    (
        Field::Revised,
        &[
            "reviseddate",
            "revisedtargetdate",
            "reviseddeadline",
            "revisedtimescale",
            "newtargetdate",
            "revisedcompletiondate",
            "revisedimplementationdate",
            "revisedduedate",
        ],
    ),
    (
        Field::Success,
        &[
            "successindicator",
            "successindicators",
            "measure",
            "measures",
            "successmeasure",
            "successmeasures",
            "successcriteria",
            "outcome",
            "outcomes",
            "impact",
            "impactevidence",
            "evidence",
            "impactandevidence",
            "evidenceofimpact",
            "measuresofsuccess",
            "howwewillknow",
            "expectedoutcome",
            "evidenceofsuccess",
        ],
    ),
    (
        Field::Lead,
        &[
            "lead",
            "leads",
            "owner",
            "owners",
            "responsibleofficer",
            "responsibleofficers",
            "leadandresponsibleofficer",
            "leadofficer",
            "leadofficers",
            "responsibility",
            "responsible",
            "leadperson",
            "who",
            "accountable",
            "actionowner",
            "responsibleperson",
            "responsiblemanager",
            "officer",
            "leadresponsibility",
            "bywhom",
            "leadagency",
            "agency",
            "leadorganisation",
            "responsibleagency",
            "leadpartner",
            "leadmanager",
        ],
    ),
    (
        Field::Resources,
        &[
            "resources",
            "resourcesrequired",
            "resource",
            "resourceimplications",
        ],
    ),
    (
        Field::Status,
        &[
            "status",
            "rag",
            "ragstatus",
            "ragrating",
            "assessment",
            "rating",
            "implemented",
            "implementedyn",
            "currentstatus",
            "overallstatus",
            "progressrag",
            "ragprogress",
            "statusrag",
        ],
    ),
    (
        Field::Percent,
        &[
            "complete",
            "percentcomplete",
            "percentagecomplete",
            "completed",
        ],
    ),
    (
        Field::Progress,
        &[
            "progress",
            "update",
            "updates",
            "progressupdate",
            "comments",
            "commentary",
            "latestupdate",
            "currentposition",
            "position",
            "progresstodate",
            "statusupdate",
            "managementupdate",
            "progresscomments",
            "updatecomments",
            "latestposition",
            "evidenceofprogress",
            "progressevidence",
            "progressmade",
            "progressagainstaction",
            // The Home Office template for domestic homicide reviews.
            "keymilestonesachieved",
            "keymilestonesachievedinenactingrecommendation",
            "dateofcompletionandoutcome",
            "completionandoutcome",
        ],
    ),
    (
        Field::Section,
        &[
            "section",
            "qualitystatement",
            "theme",
            "area",
            "workstream",
            "strand",
            "priorityarea",
        ],
    ),
];

/// Headers that name a progress column with its date: "Progress at Dec
/// 2017", "Update as at 30.06.23", "Latest update (March 2018)".
const PROGRESS_STARTS: &[&str] = &[
    "progress",
    "update",
    "latestupdate",
    "position",
    "commentsat",
    "currentposition",
];

pub fn squash(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a header names without `--map`, if any.
pub fn known(header: &str) -> Option<Field> {
    let squashed = squash(header);
    if header.trim() == "#" {
        return Some(Field::Ref);
    }
    if squashed.is_empty() {
        return None;
    }
    KNOWN
        .iter()
        .find(|(_, names)| names.contains(&squashed.as_str()))
        .map(|(f, _)| *f)
        .or_else(|| {
            // "Priority / recommendation", "Lead (responsibility)": the
            // first part that names a field.
            let parts: Vec<&str> = header.split(['/', '&', '(', ')', '\n']).collect();
            (parts.len() > 1)
                .then(|| {
                    parts.iter().find_map(|part| {
                        let part = squash(part);
                        KNOWN
                            .iter()
                            .find(|(_, names)| names.contains(&part.as_str()))
                            .map(|(f, _)| *f)
                    })
                })
                .flatten()
        })
        .or_else(|| {
            // "Timescale for completion", "Lead officer(s) and partners":
            // a header that starts with a field's name (of five letters or
            // more), unless it speaks of progress.
            let progress = ["progress", "update", "comment", "todate"]
                .iter()
                .any(|w| squashed.contains(w));
            KNOWN
                .iter()
                .find(|(_, names)| {
                    names
                        .iter()
                        .any(|n| n.len() >= 5 && squashed.starts_with(n))
                })
                .map(|(f, _)| *f)
                .filter(|_| !progress)
        })
        .or_else(|| {
            let dated = header_date(header).is_some();
            (dated && PROGRESS_STARTS.iter().any(|p| squashed.starts_with(p)))
                .then_some(Field::Progress)
        })
}

/// The date a progress header names ("Progress at Dec 2017" → 2017-12-31).
pub fn header_date(header: &str) -> Option<NaiveDate> {
    let reading = timescale::read(header).ok()?;
    reading.due(None)
}

/// Which field each column holds; every column not read is reported.
pub(super) fn columns(
    headers: &[String],
    mapping: &Mapping,
    row: usize,
    draft: &mut Draft,
) -> Vec<Option<Field>> {
    headers
        .iter()
        .map(|header| {
            let squashed = squash(header);
            let mapped = mapping
                .columns
                .iter()
                .find(|(h, _)| squash(h) == squashed)
                .map(|(_, f)| *f);
            let field = mapped.or_else(|| known(header));
            if field.is_none() && !header.trim().is_empty() {
                draft.report.add(
                    Some(row),
                    NoteKind::Unread,
                    format!(
                        "column “{}” not read: name its field with --map '{}=FIELD'",
                        header.trim(),
                        header.trim()
                    ),
                );
            }
            field
        })
        .collect()
}

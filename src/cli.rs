//! The command line, as clap types. Doc comments here are the `--help` text.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::status::Status;

mod committee;
pub use committee::*;

/// Keep an improvement action plan as TOML files in git: check it, ask it
/// what is overdue, and produce the committee's papers.
#[derive(Debug, Parser)]
#[command(name = "actionplan", version, propagate_version = true)]
#[command(
    after_help = "Exit codes: 0 success, 1 the plan has errors, 2 usage, 3 any other failure."
)]
pub struct Cli {
    /// The plan folder [default: $ACTIONPLAN_DIR, else the nearest plan/ upward]
    #[arg(long, value_name = "DIR")]
    pub plan: Option<PathBuf>,

    /// When to colour output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print only what was asked for: no notes, footnotes or summaries
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Read the plan as committed at a revision, or at the last commit on or
    /// before a date (YYYY-MM-DD); the working tree is not touched
    #[arg(long, value_name = "REV|DATE")]
    pub at: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// `--plan`, given before the command or after it.
    pub fn plan_dir(&self) -> Option<&std::path::Path> {
        let after = match &self.command {
            Command::Check(a) => &a.place,
            Command::Overdue(a) | Command::List(a) | Command::Trajectory(a) => &a.place,
            Command::Leads(a) => &a.place,
            Command::Show(a) => &a.place,
            Command::Export(a) => &a.place,
            Command::Digest(a) => &a.place,
            Command::Update(a) => &a.place,
            Command::New(a) => &a.place,
            Command::History(a) => &a.place,
            Command::Changes(a) => &a.place,
            Command::Hook(a) => &a.place,
            Command::Returns(a) => &a.place,
            Command::Resolve(a) => &a.place,
            Command::Sync(a) | Command::Doctor(a) => &a.place,
            Command::Apply(a) => &a.place,
            Command::Meeting(a) => a.place(),
            Command::Request(a) => a.place(),
            Command::Import(_)
            | Command::Init(_)
            | Command::Completions(_)
            | Command::Man
            | Command::MergeDriver(_) => {
                return self.plan.as_deref();
            }
        };
        self.plan.as_deref().or(after.plan.as_deref())
    }

    /// `--at`, given before the command or after it (for the commands
    /// that read the plan as it was).
    pub fn at(&self) -> Option<&str> {
        let after = match &self.command {
            Command::Check(a) => &a.at,
            Command::Overdue(a) | Command::List(a) | Command::Trajectory(a) => &a.at,
            Command::Leads(a) => &a.at,
            Command::Show(a) => &a.at,
            Command::Export(a) => &a.at,
            Command::Digest(a) => &a.at,
            _ => return self.at.as_deref(),
        };
        self.at.as_deref().or(after.at.as_deref())
    }
}

/// `--plan` after a command that works on a plan.
#[derive(Debug, Default, Args)]
pub struct PlanArg {
    /// The plan folder [default: $ACTIONPLAN_DIR, else the nearest plan/ upward]
    #[arg(long = "plan", value_name = "DIR")]
    pub plan: Option<PathBuf>,
}

/// `--at` after a command that can read the plan as it was.
#[derive(Debug, Default, Args)]
pub struct AtArg {
    /// Read the plan as committed at a revision, or at the last commit on or
    /// before a date (YYYY-MM-DD); the working tree is not touched
    #[arg(long = "at", value_name = "REV|DATE")]
    pub at: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate every file of the plan and report every problem at once
    #[command(
        after_help = "Examples:\n  actionplan check\n  actionplan --plan plan check --format json"
    )]
    Check(CheckArgs),

    /// Overdue actions as of a date, oldest due first, with days overdue
    #[command(after_help = "Examples:\n  actionplan overdue --as-of 2009-07-01\n  \
        actionplan overdue --lead DCS --format csv > dcs.csv\n  \
        actionplan overdue --as-of 2009-07-01 -o overdue.xlsx")]
    Overdue(ActionQueryArgs),

    /// Actions matching the filters, in ref order
    #[command(after_help = "Examples:\n  actionplan list --section 3\n  \
        actionplan list --status red,amber --lead \"head of safeguarding\"\n  \
        actionplan list --section 3 -o section3.xlsx")]
    List(ActionQueryArgs),

    /// One recommendation (2.7) or one action (1.2b) in full, with its updates
    #[command(
        after_help = "Examples:\n  actionplan show 3.3\n  actionplan show 1.2b --format json"
    )]
    Show(ShowArgs),

    /// Every lead officer with counts: open, overdue, no data, complete
    #[command(
        after_help = "Examples:\n  actionplan leads --as-of 2009-07-01\n  actionplan leads --section 4"
    )]
    Leads(QueryArgs),

    /// Every action with every field: a workbook for the committee, CSV or JSON for scripts
    #[command(after_help = "Examples:\n  actionplan export -o appendix.xlsx\n  \
        actionplan export -o appendix.csv\n  \
        actionplan export --format json --section 2 > section2.json")]
    Export(ExportArgs),

    /// The committee paper: summary, overdue by lead, no data, progress, due soon
    #[command(
        after_help = "Examples:\n  actionplan digest -o digest.md && pandoc digest.md -o digest.docx\n  \
        actionplan digest --format html --as-of 2009-07-01 -o digest.html"
    )]
    Digest(DigestArgs),

    /// Record progress on an action (status, due date, note) as one commit
    #[command(after_help = "Examples:\n  \
        actionplan update 2.7a --status complete --note \"Signed off by the Board\" --by \"Jo Bloggs\"\n  \
        actionplan update 3.3 --due 2009-12-31 --note \"Moved after the Ofsted visit\"")]
    Update(UpdateArgs),

    /// Start a new recommendation file in its section folder, as one commit
    #[command(after_help = "Example:\n  \
        actionplan new 4.16 --recommendation \"Audit case files\" --action \"Run the audit\" \\\n    \
        --lead DCS --timescale \"March 2010\"")]
    New(NewArgs),

    /// Return forms for each lead officer's open actions (and chasers to send with them)
    #[command(
        after_help = "Examples:\n  actionplan returns --out returns/2009-q3 --chasers\n  \
        actionplan returns --out returns --lead DCS --by 2009-09-30 --format csv"
    )]
    Returns(ReturnsArgs),

    /// Record returned forms (or an edited export) as commits, one per form
    #[command(
        after_help = "Examples:\n  actionplan apply returns/*.xlsx --dry-run\n  \
        actionplan apply returns/dcs.xlsx\n  actionplan apply edited-export.xlsx --by \"Jo Bloggs\""
    )]
    Apply(ApplyArgs),

    /// Every commit that changed a recommendation, field by field, oldest first
    #[command(
        after_help = "Examples:\n  actionplan history 2.7\n  actionplan history 1.2b --format csv"
    )]
    History(HistoryArgs),

    /// Each action's status at each meeting, from git: moved deadlines, "no data", contradictions, stuck and deteriorating actions
    #[command(
        after_help = "Columns: the meetings in plan.toml up to --as-of; with none, the last four \
        reporting-period ends. docs/OUTPUT.md defines every cell and flag.\n\n\
        Examples:\n  actionplan trajectory --as-of 2009-12-31\n  \
        actionplan trajectory --section 3 --format csv > trajectory.csv\n  \
        actionplan trajectory -o trajectory.xlsx"
    )]
    Trajectory(ActionQueryArgs),

    /// Every change to the plan between two dates or revisions, by ref
    #[command(after_help = "Examples:\n  actionplan changes --since 2009-07-14\n  \
        actionplan changes --since v1 --until 2009-10-13 --format markdown")]
    Changes(ChangesArgs),

    /// The committee's meetings: `meeting add`, `meeting list`
    #[command(
        after_help = "Examples:\n  actionplan meeting add 2009-10-13 --name \"Scrutiny Committee\"\n  \
        actionplan meeting list"
    )]
    Meeting(MeetingArgs),

    /// The committee's resolutions, questions and concerns: `request add`, `answer`, `list`
    #[command(after_help = "Examples:\n  \
        actionplan request add --meeting 2009-10-13 --kind question --text \"Why is 2.7 late?\" --ref 2.7\n  \
        actionplan request answer R1 --text \"The post was filled in September.\"\n  \
        actionplan request list --status open")]
    Request(RequestArgs),

    /// Turn an existing action-plan table (PDF extract or spreadsheet CSV) into a plan folder
    #[command(after_help = "Examples:\n  \
        actionplan import seeds/000_33c2bef1ba33a468.txt --out /tmp/plan --title \"Safeguarding Children Action Plan\"\n  \
        actionplan import plan.csv --out plan --map 'Accountable=lead' --report import.md\n\n\
        Fields for --map: ref, recommendation, action, timescale, revised, success, lead, resources, status, percent, progress, section. Several columns may be mapped to one field (their cells are joined).")]
    Import(ImportArgs),

    /// Start a new plan folder: plan.toml, officers.toml and an example, in git
    #[command(
        after_help = "Examples:\n  actionplan init\n  actionplan init council-plan && cd council-plan && actionplan check"
    )]
    Init(InitArgs),

    /// Git hooks: `hook install` makes git check the staged plan before each commit
    #[command(after_help = "Example:\n  actionplan hook install")]
    Hook(HookArgs),

    /// Settle a field two clones changed differently: keep mine, theirs or a new value, and commit
    #[command(after_help = "Examples:\n  actionplan resolve 2.7b --take theirs\n  \
        actionplan resolve 3.3 --field due --take 2009-12-31")]
    Resolve(ResolveArgs),

    /// Share the plan: fetch, merge, check and push, saying what came in and what went out
    #[command(after_help = "Example:\n  actionplan sync")]
    Sync(SyncArgs),

    /// Whether this clone is set up to share the plan, and what to run when it is not
    #[command(after_help = "Example:\n  actionplan doctor")]
    Doctor(SyncArgs),

    /// Git's merge driver for plan files (registered by `init` and `hook install`): merges by field
    #[command(after_help = "Git runs it as: actionplan merge-driver %O %A %B %P\n\
        (registered in .gitattributes and the merge.actionplan.* config)")]
    MergeDriver(MergeDriverArgs),

    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    #[command(after_help = "Examples:\n  \
        actionplan completions bash > ~/.local/share/bash-completion/completions/actionplan\n  \
        actionplan completions zsh > ~/.zfunc/_actionplan\n  \
        actionplan completions fish > ~/.config/fish/completions/actionplan.fish")]
    Completions(CompletionsArgs),

    /// Print the manual page (roff), for `man`
    #[command(
        after_help = "Example:\n  actionplan man > ~/.local/share/man/man1/actionplan.1 && man actionplan"
    )]
    Man,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create [default: plan]
    #[arg(value_name = "DIR", default_value = "plan")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct HookArgs {
    #[command(flatten)]
    pub place: PlanArg,

    #[command(subcommand)]
    pub action: HookAction,
}

#[derive(Debug, Subcommand)]
pub enum HookAction {
    /// Write a pre-commit hook that runs `actionplan check --staged`
    #[command(
        after_help = "Examples:\n  actionplan hook install\n  actionplan --plan council-plan hook install --force"
    )]
    Install {
        /// Replace an existing pre-commit hook
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The table: a PDF extract (seed-tsv) or a spreadsheet saved as CSV
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The plan folder to create
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// The input's form [default: detected]
    #[arg(long, value_enum, value_name = "FORM")]
    pub from: Option<ImportForm>,

    /// A column the importer does not know by name: 'HEADER=FIELD'; repeat for several
    #[arg(long, value_name = "HEADER=FIELD", value_parser = parse_mapping)]
    pub map: Vec<(String, String)>,

    /// The plan's title, for plan.toml
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// Who owns the plan, for plan.toml
    #[arg(long, value_name = "TEXT")]
    pub organisation: Option<String>,

    /// A prepared officers.toml: owners are matched against its ids, titles and aliases first, and it becomes the plan's officers.toml (with any owner it lacks added)
    #[arg(long, value_name = "FILE")]
    pub officers: Option<PathBuf>,

    /// The date the table's progress cells were reported on, for progress columns whose header names no date ("Progress at Dec 2017" does)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub reported: Option<NaiveDate>,

    /// Also write the import report to FILE, as a markdown checklist (a new file, or an existing one with --force)
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Make every check, print the report and the files that would be written; write nothing, not even --report
    #[arg(long)]
    pub dry_run: bool,

    /// Replace an existing --out plan folder (one holding plan.toml and no .git) and --report file
    #[arg(long)]
    pub force: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportForm {
    /// Tab-separated rows extracted from a PDF table, as in seeds/
    SeedTsv,
    /// A spreadsheet saved as CSV: comma, semicolon or tab; UTF-8 or Windows-1252
    Csv,
}

fn parse_mapping(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((header, field)) if !header.trim().is_empty() => {
            Ok((header.trim().to_string(), field.trim().to_lowercase()))
        }
        _ => Err(format!("“{text}” is not HEADER=FIELD, like 'Owner=lead'")),
    }
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    #[command(flatten)]
    pub place: PlanArg,

    /// The action: 2.7a, or 3.3 when the recommendation has one action
    #[arg(value_name = "REF")]
    pub reference: String,

    /// The new status (a word or a RAG colour)
    #[arg(long, value_name = "S", value_parser = parse_status)]
    pub status: Option<Status>,

    /// A new due date (YYYY-MM-DD); say why with --note
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub due: Option<NaiveDate>,

    /// What progress was made, or why the date moved
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub note: Option<String>,

    /// The date progress was reported (YYYY-MM-DD or "today") [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub date: Option<AsOf>,

    /// Who reported it, recorded in the update and the commit's Actor trailer
    #[arg(long, value_name = "NAME", allow_hyphen_values = true)]
    pub by: Option<String>,

    /// Write the file but do not commit it
    #[arg(long)]
    pub no_commit: bool,
}

#[derive(Debug, Args)]
pub struct ResolveArgs {
    #[command(flatten)]
    pub place: PlanArg,

    /// The action whose field conflicts: 2.7b, or 3.3 when it has one action
    #[arg(value_name = "REF")]
    pub reference: String,

    /// Which field, when more than one of the action's fields conflicts
    #[arg(long, value_name = "FIELD")]
    pub field: Option<String>,

    /// `mine` (this clone's value), `theirs` (the other's), or a new value
    #[arg(long, value_name = "mine|theirs|VALUE", allow_hyphen_values = true)]
    pub take: String,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    #[command(flatten)]
    pub place: PlanArg,
}

#[derive(Debug, Args)]
pub struct MergeDriverArgs {
    /// The common ancestor's version (git's %O)
    pub base: std::path::PathBuf,
    /// Our version, where the result is written (git's %A)
    pub mine: std::path::PathBuf,
    /// Their version (git's %B)
    pub theirs: std::path::PathBuf,
    /// The file's path in the repository (git's %P), for the conflict's labels
    pub path: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReturnsArgs {
    #[command(flatten)]
    pub place: PlanArg,

    /// The folder to write the forms (and chasers) into; made if missing
    #[arg(long, value_name = "DIR")]
    pub out: std::path::PathBuf,

    /// Forms for this lead officer only: id, title or alias
    #[arg(long, value_name = "TEXT")]
    pub lead: Option<String>,

    /// Only actions in this section
    #[arg(long, value_name = "N")]
    pub section: Option<String>,

    /// The date returns are due back (YYYY-MM-DD) [default: a week before the next meeting]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub by: Option<NaiveDate>,

    /// Forms as Excel workbooks (xlsx) or CSV, for officers without Excel
    #[arg(long, value_enum, default_value_t = ReturnsFormat::Xlsx)]
    pub format: ReturnsFormat,

    /// Also write each officer a chaser: an email draft (.eml) with the form attached, and plain text
    #[arg(long)]
    pub chasers: bool,

    /// Replace forms already in the folder
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub as_of: AsOfArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReturnsFormat {
    Xlsx,
    Csv,
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    #[command(flatten)]
    pub place: PlanArg,

    /// Returned forms (.xlsx or .csv), or an export edited in a spreadsheet
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<std::path::PathBuf>,

    /// Show what would be recorded, and record nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Apply rows whose action changed after the form was issued
    #[arg(long)]
    pub force: bool,

    /// Apply a form's good rows even when others cannot be read
    #[arg(long)]
    pub skip_bad_rows: bool,

    /// Who reported, for the updates and the Actor trailer [default: the form's officer]
    #[arg(long, value_name = "NAME", allow_hyphen_values = true)]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(flatten)]
    pub place: PlanArg,

    /// The new recommendation's ref, such as 4.16; its section must exist
    #[arg(value_name = "REF")]
    pub reference: String,

    /// The recommendation's text
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub recommendation: String,

    /// The first action's text
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub action: String,

    /// Lead officer (id, title or alias); repeat for several
    #[arg(long, value_name = "NAME", required = true, allow_hyphen_values = true)]
    pub lead: Vec<String>,

    /// The timescale in the plan's words ("March 2010"); due is read from it
    #[arg(
        long,
        value_name = "TEXT",
        required_unless_present = "due",
        allow_hyphen_values = true
    )]
    pub timescale: Option<String>,

    /// The due date (YYYY-MM-DD), when the timescale does not give it
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub due: Option<NaiveDate>,

    /// A success indicator; repeat for several
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub success: Vec<String>,

    /// Resources; repeat for several
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub resources: Vec<String>,

    /// Write the file but do not commit it
    #[arg(long)]
    pub no_commit: bool,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[command(flatten)]
    pub place: PlanArg,

    /// A recommendation (2.7) or one of its actions (2.7a)
    #[arg(value_name = "REF")]
    pub reference: String,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct ChangesArgs {
    #[command(flatten)]
    pub place: PlanArg,

    /// From this revision, or the end of this date (YYYY-MM-DD)
    #[arg(long, value_name = "REV|DATE")]
    pub since: String,

    /// Up to this revision, or the end of this date [default: HEAD]
    #[arg(long, value_name = "REV|DATE")]
    pub until: Option<String>,

    /// Only refs under this one: 2, 2.1 (not 2.10)
    #[arg(long = "ref", value_name = "PREFIX", value_parser = parse_ref_prefix)]
    pub ref_prefix: Option<String>,

    #[command(flatten)]
    pub format: FormatArg,
}

/// Arguments of `overdue` and `list`: a query whose rows are actions.
#[derive(Debug, Args)]
pub struct ActionQueryArgs {
    #[command(flatten)]
    pub place: PlanArg,

    #[command(flatten)]
    pub at: AtArg,

    #[command(flatten)]
    pub filter: FilterArgs,

    #[command(flatten)]
    pub as_of: AsOfArg,

    /// Output format [default: from -o FILE's extension (.xlsx, .csv, .json, .md), else table]
    #[arg(long, value_enum)]
    pub format: Option<ActionFormat>,

    #[command(flatten)]
    pub output: OutputArg,
}

/// Arguments of `leads`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    #[command(flatten)]
    pub place: PlanArg,

    #[command(flatten)]
    pub at: AtArg,

    #[command(flatten)]
    pub filter: FilterArgs,

    #[command(flatten)]
    pub as_of: AsOfArg,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub place: PlanArg,

    #[command(flatten)]
    pub at: AtArg,

    #[command(flatten)]
    pub filter: FilterArgs,

    #[command(flatten)]
    pub as_of: AsOfArg,

    /// Output format [default: from -o FILE's extension (.xlsx, .csv, .json), else csv]
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,

    /// Leave out the byte-order mark that tells Excel the CSV is UTF-8
    #[arg(long)]
    pub no_bom: bool,

    #[command(flatten)]
    pub output: OutputArg,
}

#[derive(Debug, Args)]
pub struct DigestArgs {
    #[command(flatten)]
    pub place: PlanArg,

    #[command(flatten)]
    pub at: AtArg,

    #[command(flatten)]
    pub filter: FilterArgs,

    #[command(flatten)]
    pub as_of: AsOfArg,

    /// Report progress from this date (YYYY-MM-DD) [default: the last meeting in plan.toml]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,

    /// Output format [default: from the extension of -o FILE (.md, .html, .docx), else markdown]
    #[arg(long, value_enum)]
    pub format: Option<DigestFormat>,

    #[command(flatten)]
    pub output: OutputArg,
}

#[derive(Debug, Args)]
pub struct OutputArg {
    /// Write to FILE (replaced only once complete) instead of standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub path: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// RFC 4180 CSV for Excel: UTF-8 with a byte-order mark, CRLF line ends
    Csv,
    /// A JSON array of objects (see docs/OUTPUT.md)
    Json,
    /// An Excel workbook for people: dates, colours, print setup, a summary sheet
    Xlsx,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DigestFormat {
    /// CommonMark with GFM tables (pandoc turns it into Word)
    Markdown,
    /// One self-contained, printable HTML page with a chart
    Html,
    /// A Word document for the committee (A4 landscape, Word's heading styles); to a file or a pipe, never a terminal
    Docx,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub place: PlanArg,

    #[command(flatten)]
    pub at: AtArg,

    /// A recommendation ref (2.7) or an action (2.7a)
    #[arg(value_name = "REF")]
    pub reference: String,

    #[command(flatten)]
    pub as_of: AsOfArg,

    #[command(flatten)]
    pub format: FormatArg,
}

/// Which actions a query covers.
#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    /// Led by this officer: id, title or alias, any case; a unique part of one will do
    #[arg(long, value_name = "TEXT")]
    pub lead: Option<String>,

    /// In this section
    #[arg(long, value_name = "N")]
    pub section: Option<String>,

    /// With one of these statuses (comma-separated words or RAG colours)
    #[arg(long, value_name = "S[,S]", value_delimiter = ',', value_parser = parse_status)]
    pub status: Option<Vec<Status>>,

    /// With this ref or under it: 2, 2.1 (not 2.10)
    #[arg(long = "ref", value_name = "PREFIX", value_parser = parse_ref_prefix)]
    pub ref_prefix: Option<String>,

    /// Due before this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub due_before: Option<NaiveDate>,

    /// Due after this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub due_after: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct FormatArg {
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// A table that fits the terminal
    Table,
    /// RFC 4180 CSV, UTF-8
    Csv,
    /// A JSON array of objects (see docs/OUTPUT.md)
    Json,
    /// A GitHub-flavoured markdown table
    Markdown,
}

/// The formats of `list` and `overdue`: those of every query, and a workbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ActionFormat {
    /// A table that fits the terminal
    Table,
    /// RFC 4180 CSV, UTF-8
    Csv,
    /// A JSON array of objects (see docs/OUTPUT.md)
    Json,
    /// A GitHub-flavoured markdown table
    Markdown,
    /// An Excel workbook for people (to -o FILE or a pipe, never a terminal)
    Xlsx,
}

fn parse_status(text: &str) -> Result<Status, String> {
    Status::from_word_or_colour(text).ok_or_else(|| {
        let words = Status::ALL.map(Status::as_str).join(", ");
        format!("“{text}” is not a status: use one of {words}, or green, amber, red, blue")
    })
}

fn parse_ref_prefix(text: &str) -> Result<String, String> {
    let text = text.trim();
    let allowed = |c: char| c.is_ascii_alphanumeric() || " .-()".contains(c);
    if !text.is_empty() && text.chars().all(allowed) {
        Ok(text.to_string())
    } else {
        Err(format!(
            "“{text}” is not a ref: use the start of a ref, like 2, 2.7, R3 or \"21 BCFU\""
        ))
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub place: PlanArg,

    #[command(flatten)]
    pub at: AtArg,

    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Check the plan as staged in git's index (what `git commit` would commit)
    #[arg(long)]
    pub staged: bool,

    #[command(flatten)]
    pub as_of: AsOfArg,
}

/// The date facts are judged on.
#[derive(Debug, Args)]
pub struct AsOfArg {
    /// Judge as of this date (YYYY-MM-DD or "today")
    #[arg(long = "as-of", value_name = "DATE", value_parser = parse_as_of, default_value = "today")]
    pub as_of: AsOf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AsOf {
    Today,
    Date(NaiveDate),
}

fn parse_as_of(text: &str) -> Result<AsOf, String> {
    if text.eq_ignore_ascii_case("today") {
        return Ok(AsOf::Today);
    }
    let date = parse_date(text)?;
    // The reporting period of a later date ends in a year no date can be
    // written in (TOML and the papers have four-digit years).
    if date > NaiveDate::from_ymd_opt(9998, 12, 31).expect("a date") {
        return Err(format!(
            "“{text}” is too late: give a date up to 9998-12-31"
        ));
    }
    Ok(AsOf::Date(date))
}

/// A date typed on the command line: ISO 8601, so it cannot be misread.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    crate::date::read_iso(text)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `path:line:col: error[check]: message`, with the source line
    Text,
    /// One JSON object with every finding, for editors and CI
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}

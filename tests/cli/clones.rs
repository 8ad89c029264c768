//! Several clones of one plan sharing a bare remote: merges through
//! `actionplan merge-driver`, registered by `hook install`.

use std::path::{Path, PathBuf};
use std::process::Output;

use tempfile::TempDir;

use crate::support::{GIT_ENV, copy_tree, process, repo};

/// A bare remote and named clones of it, in one temporary folder.
pub struct Remote {
    dir: TempDir,
}

impl Remote {
    /// A remote holding the bundled plan, with the driver's attribute
    /// committed.
    pub fn with_bundled_plan() -> Remote {
        Remote::holding_bundled_plan(true)
    }

    /// A remote holding the bundled plan as a team new to the tool would
    /// commit it: no `.gitattributes`, nothing set up.
    fn with_plain_plan() -> Remote {
        Remote::holding_bundled_plan(false)
    }

    fn holding_bundled_plan(set_up: bool) -> Remote {
        let remote = Remote {
            dir: tempfile::tempdir().unwrap(),
        };
        let root = remote.dir.path();
        run_git(root, &["init", "-q", "--bare", "-b", "main", "remote.git"]);
        let first = root.join("first");
        std::fs::create_dir(&first).unwrap();
        copy_tree(&repo().join("plan"), &first.join("plan"));
        run_git(&first, &["init", "-q", "-b", "main"]);
        run_git(&first, &["add", "-A"]);
        run_git(&first, &["commit", "-q", "-m", "The 2009 plan"]);
        let first = Clone(first);
        if set_up {
            let out = first.tool(&["hook", "install"]);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        run_git(&first.0, &["remote", "add", "origin", "../remote.git"]);
        run_git(&first.0, &["push", "-q", "origin", "main"]);
        remote
    }

    /// A new clone named `name`, with the driver registered.
    pub fn clone(&self, name: &str) -> Clone {
        let root = self.dir.path();
        run_git(root, &["clone", "-q", "remote.git", name]);
        let clone = Clone(root.join(name));
        let out = clone.tool(&["hook", "install"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        clone
    }
}

impl Remote {
    /// A new clone with the driver configured and no hook: quicker, for
    /// simulations of many commits.
    pub fn clone_quietly(&self, name: &str) -> Clone {
        let root = self.dir.path();
        run_git(root, &["clone", "-q", "remote.git", name]);
        let clone = Clone(root.join(name));
        let exe = assert_cmd::cargo::cargo_bin!("actionplan");
        let driver = format!("'{}' merge-driver %O %A %B %P", exe.display());
        run_git(&clone.0, &["config", "merge.actionplan.driver", &driver]);
        clone
    }
}

pub struct Clone(pub PathBuf);

impl Clone {
    pub fn tool(&self, args: &[&str]) -> Output {
        process(&self.0)
            .arg("--plan")
            .arg("plan")
            .args(args)
            .output()
            .unwrap()
    }

    /// `actionplan ARGS` with git recording `author` as the author.
    pub fn tool_as(&self, author: &str, args: &[&str]) -> Output {
        process(&self.0)
            .env("GIT_AUTHOR_NAME", author)
            .arg("--plan")
            .arg("plan")
            .args(args)
            .output()
            .unwrap()
    }

    pub fn git(&self, args: &[&str]) -> Output {
        git_output(&self.0, args)
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.0.join("plan").join(relative)).unwrap()
    }

    pub fn update(&self, args: &[&str]) {
        let mut all = vec!["update"];
        all.extend_from_slice(args);
        let out = self.tool(&all);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    pub fn push(&self) {
        run_git(&self.0, &["push", "-q", "origin", "main"]);
    }

    /// `git pull` with a merge (or `--rebase`); its output.
    pub fn pull(&self, how: &str) -> Output {
        self.git(&["pull", "-q", how, "origin", "main"])
    }
}

fn git_output(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .envs(GIT_ENV)
        .output()
        .unwrap()
}

fn run_git(dir: &Path, args: &[&str]) {
    let out = git_output(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn updates_to_one_action_in_two_clones_merge_without_a_conflict() {
    let remote = Remote::with_bundled_plan();
    let (alice, bob) = (remote.clone("alice"), remote.clone("bob"));
    alice.update(&[
        "2.7a",
        "--note",
        "Alice: protocol drafted",
        "--date",
        "2009-07-02",
    ]);
    alice.push();
    bob.update(&[
        "2.7a",
        "--note",
        "Bob: legal have it",
        "--date",
        "2009-07-03",
    ]);
    let pulled = bob.pull("--no-rebase");
    assert!(pulled.status.success(), "{}", text(&pulled));
    let file = bob.read("2/2.7.toml");
    let (a, b) = (
        file.find("Alice: protocol").unwrap(),
        file.find("Bob: legal").unwrap(),
    );
    assert!(a < b, "in date order: {file}");
    assert_eq!(file.matches("Alice: protocol").count(), 1);
    let check = bob.tool(&["check"]);
    assert!(check.status.success(), "{}", text(&check));
}

#[test]
fn fields_changed_on_one_side_each_take_that_side() {
    let remote = Remote::with_bundled_plan();
    let (alice, bob) = (remote.clone("alice"), remote.clone("bob"));
    alice.update(&["1.1", "--status", "on_track", "--date", "2009-07-02"]);
    alice.push();
    bob.update(&[
        "1.1",
        "--due",
        "2009-12-31",
        "--note",
        "Board moved it",
        "--date",
        "2009-07-03",
    ]);
    let pulled = bob.pull("--no-rebase");
    assert!(pulled.status.success(), "{}", text(&pulled));
    let file = bob.read("1/1.1.toml");
    assert!(
        file.contains("status = \"on_track\"") && file.contains("due = 2009-12-31"),
        "{file}"
    );
}

#[test]
fn actions_added_in_two_clones_are_both_kept() {
    let remote = Remote::with_bundled_plan();
    let (alice, bob) = (remote.clone("alice"), remote.clone("bob"));
    for (clone, text) in [(&alice, "Alice's new step"), (&bob, "Bob's new step")] {
        let path = clone.0.join("plan/3/3.3.toml");
        let mut file = std::fs::read_to_string(&path).unwrap();
        file.push_str(&format!(
            "\n[[actions]]\ntext = \"{text}\"\ndue = 2009-12-31\nlead = [\"DCS\"]\nstatus = \"not_started\"\n"
        ));
        std::fs::write(&path, file).unwrap();
        run_git(&clone.0, &["commit", "-q", "-am", text]);
    }
    alice.push();
    let pulled = bob.pull("--no-rebase");
    assert!(pulled.status.success(), "{}", text(&pulled));
    let file = bob.read("3/3.3.toml");
    let (b, a) = (
        file.find("Bob's new step").unwrap(),
        file.find("Alice's new step").unwrap(),
    );
    assert!(b < a, "ours first, then theirs: {file}");
    let check = bob.tool(&["check"]);
    assert!(check.status.success(), "{}", text(&check));
}

#[test]
fn two_statuses_for_one_action_conflict_in_that_file_alone_and_check_names_them() {
    let remote = Remote::with_bundled_plan();
    let (alice, bob) = (remote.clone("alice"), remote.clone("bob"));
    alice.update(&[
        "1.1",
        "--status",
        "complete",
        "--note",
        "Done",
        "--date",
        "2009-07-02",
    ]);
    alice.update(&["2.2", "--note", "Alice elsewhere", "--date", "2009-07-02"]);
    alice.push();
    bob.update(&[
        "1.1",
        "--status",
        "at_risk",
        "--note",
        "Late",
        "--date",
        "2009-07-03",
    ]);
    let pulled = bob.pull("--no-rebase");
    assert!(!pulled.status.success(), "a true conflict stops the pull");
    let conflicted = bob.git(&["diff", "--name-only", "--diff-filter=U"]);
    assert_eq!(
        String::from_utf8_lossy(&conflicted.stdout).trim(),
        "plan/1/1.1.toml"
    );
    let file = bob.read("1/1.1.toml");
    assert!(file.contains("<<<<<<< mine (1.1 status)\nstatus = \"at_risk\"\n=======\nstatus = \"complete\"\n>>>>>>> theirs (1.1 status)"), "{file}");
    assert!(
        file.contains("Done") && file.contains("Late"),
        "both updates kept: {file}"
    );
    let check = bob.tool(&["check"]);
    let said = text(&check);
    assert!(said.contains("1.1 status"), "{said}");
    assert!(
        said.contains("\"at_risk\"") && said.contains("\"complete\""),
        "{said}"
    );
    assert!(said.contains("actionplan resolve 1.1"), "{said}");

    // Theirs contradicts the later update (Bob's, at_risk): refused, as
    // check would refuse it, and the conflict is left as it was.
    let refused = bob.tool(&["resolve", "1.1", "--take", "theirs"]);
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("status is complete but the latest update says at_risk"),
        "{}",
        text(&refused)
    );
    assert!(bob.read("1/1.1.toml").contains("<<<<<<< mine (1.1 status)"));
    let resolved = bob.tool(&["resolve", "1.1", "--take", "mine"]);
    assert!(resolved.status.success(), "{}", text(&resolved));
    assert!(
        text(&resolved).contains("committed: a merge is finished"),
        "{}",
        text(&resolved)
    );
    let file = bob.read("1/1.1.toml");
    assert!(
        file.contains("status = \"at_risk\"") && !file.contains("<<<<<<<"),
        "{file}"
    );
    let parents = bob.git(&["log", "-1", "--format=%P"]);
    assert_eq!(
        String::from_utf8_lossy(&parents.stdout)
            .split_whitespace()
            .count(),
        2,
        "a merge commit"
    );
    let check = bob.tool(&["check"]);
    assert!(check.status.success(), "{}", text(&check));
}

#[test]
fn a_conflict_can_be_resolved_with_a_new_value() {
    let remote = Remote::with_bundled_plan();
    let (alice, bob) = (remote.clone("alice"), remote.clone("bob"));
    alice.update(&[
        "1.1",
        "--due",
        "2009-10-31",
        "--note",
        "A",
        "--date",
        "2009-07-02",
    ]);
    alice.push();
    bob.update(&[
        "1.1",
        "--due",
        "2009-11-30",
        "--note",
        "B",
        "--date",
        "2009-07-03",
    ]);
    assert!(!bob.pull("--no-rebase").status.success());
    let resolved = bob.tool(&["resolve", "1.1", "--take", "2009-12-31"]);
    assert!(resolved.status.success(), "{}", text(&resolved));
    assert!(bob.read("1/1.1.toml").contains("due = 2009-12-31"));
}

#[test]
fn a_rebase_merges_by_field_too() {
    let remote = Remote::with_bundled_plan();
    let (alice, bob) = (remote.clone("alice"), remote.clone("bob"));
    alice.update(&["2.7a", "--note", "Alice first", "--date", "2009-07-02"]);
    alice.push();
    bob.update(&["2.7a", "--note", "Bob second", "--date", "2009-07-03"]);
    let pulled = bob.pull("--rebase");
    assert!(pulled.status.success(), "{}", text(&pulled));
    let file = bob.read("2/2.7.toml");
    assert!(
        file.contains("Alice first") && file.contains("Bob second"),
        "{file}"
    );
    let log = bob.git(&["log", "--format=%s", "-3"]);
    assert_eq!(
        String::from_utf8_lossy(&log.stdout).lines().count(),
        3,
        "linear history"
    );
}

fn plain_clone(remote: &Remote, name: &str) -> Clone {
    let root = remote.dir.path();
    run_git(root, &["clone", "-q", "remote.git", name]);
    Clone(root.join(name))
}

#[test]
fn two_people_sync_updates_to_the_same_action_in_the_same_week() {
    let remote = Remote::with_bundled_plan();
    let (alice, bob) = (remote.clone("alice"), remote.clone("bob"));
    alice.update(&["2.7a", "--note", "Alice: drafted", "--date", "2009-07-06"]);
    let out = alice.tool(&["sync"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("1 change went out:"), "{}", text(&out));
    bob.update(&[
        "2.7a",
        "--note",
        "Bob: legal read it",
        "--date",
        "2009-07-08",
    ]);
    let out = bob.tool(&["sync"]);
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("1 change came in:") && said.contains("2.7a"),
        "{said}"
    );
    assert!(said.contains("went out:"), "{said}");
    let out = alice.tool(&["sync"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        alice.read("2/2.7.toml"),
        bob.read("2/2.7.toml"),
        "both hold the same plan"
    );
    let file = alice.read("2/2.7.toml");
    assert!(
        file.contains("Alice: drafted") && file.contains("Bob: legal read it"),
        "{file}"
    );
    let out = alice.tool(&["sync"]);
    assert!(text(&out).contains("Up to date"), "{}", text(&out));
}

#[test]
fn sync_merges_by_field_in_clones_nobody_set_up() {
    let remote = Remote::with_plain_plan();
    let (alice, bob) = (plain_clone(&remote, "alice"), plain_clone(&remote, "bob"));
    alice.update(&["2.7a", "--note", "Alice: drafted", "--date", "2009-07-06"]);
    let out = alice.tool(&["sync"]);
    assert!(out.status.success(), "{}", text(&out));
    bob.update(&["2.7a", "--note", "Bob: read it", "--date", "2009-07-08"]);
    let out = bob.tool(&["sync"]);
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("registered the merge driver"), "{said}");
    assert!(said.contains("info/attributes"), "{said}");
    let file = bob.read("2/2.7.toml");
    assert!(
        file.contains("Alice: drafted") && file.contains("Bob: read it"),
        "{file}"
    );
    // Only this clone was told, and other TOML files in the repository
    // are not sent to the driver.
    let attributes = git_output(&bob.0, &["check-attr", "merge", "--", "Cargo.toml"]);
    assert!(
        String::from_utf8_lossy(&attributes.stdout).ends_with(": merge: unspecified\n"),
        "{}",
        String::from_utf8_lossy(&attributes.stdout)
    );
    assert!(!bob.0.join("plan/.gitattributes").exists());
}

#[test]
fn sync_stops_at_a_true_conflict_names_it_and_sends_after_resolve() {
    let remote = Remote::with_bundled_plan();
    let (alice, bob) = (remote.clone("alice"), remote.clone("bob"));
    alice.update(&[
        "1.1",
        "--due",
        "2009-10-31",
        "--note",
        "A",
        "--date",
        "2009-07-02",
    ]);
    assert!(alice.tool(&["sync"]).status.success());
    bob.update(&[
        "1.1",
        "--due",
        "2009-11-30",
        "--note",
        "B",
        "--date",
        "2009-07-03",
    ]);
    let out = bob.tool(&["sync"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("1.1 due: yours 2009-11-30, theirs 2009-10-31 → actionplan resolve 1.1"),
        "{said}"
    );
    assert!(said.contains("Nothing was sent"), "{said}");
    let out = bob.tool(&["resolve", "1.1", "--take", "theirs"]);
    assert!(out.status.success(), "{}", text(&out));
    let out = bob.tool(&["sync"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(alice.tool(&["sync"]).status.success());
    assert!(alice.read("1/1.1.toml").contains("due = 2009-10-31"));
    assert_eq!(alice.read("1/1.1.toml"), bob.read("1/1.1.toml"));
}

#[test]
fn sync_without_a_remote_or_a_network_explains_and_changes_nothing() {
    let remote = Remote::with_bundled_plan();
    let lonely = Clone(remote.dir.path().join("first"));
    // The first clone pushed to the remote but never set it as upstream.
    let head = lonely.git(&["rev-parse", "HEAD"]).stdout;
    let out = lonely.tool(&["sync"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("no shared repository to sync with"),
        "{}",
        text(&out)
    );
    let bob = remote.clone("bob");
    run_git(
        &bob.0,
        &["remote", "set-url", "origin", "/no/such/remote.git"],
    );
    let out = bob.tool(&["sync"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("could not reach origin/main"),
        "{}",
        text(&out)
    );
    assert!(text(&out).contains("nothing was changed"), "{}", text(&out));
    assert_eq!(lonely.git(&["rev-parse", "HEAD"]).stdout, head);
}

#[test]
fn doctor_says_what_a_clone_lacks_and_what_to_run() {
    let remote = Remote::with_bundled_plan();
    let carol = plain_clone(&remote, "carol");
    let out = carol.tool(&["doctor"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains(
            "missing  no merge driver in this clone's git config: run actionplan hook install"
        ),
        "{said}"
    );
    assert!(
        said.contains("ok       plan files are merged by the driver"),
        "the attribute came with the clone: {said}"
    );
    assert!(said.contains("missing  no pre-commit hook"), "{said}");
    assert!(carol.tool(&["hook", "install"]).status.success());
    let out = carol.tool(&["doctor"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!text(&out).contains("missing"), "{}", text(&out));
}

#[test]
fn history_tells_each_update_once_by_its_own_author_across_a_merge() {
    let remote = Remote::with_bundled_plan();
    let (alice, bob) = (remote.clone("alice"), remote.clone("bob"));
    let out = alice.tool_as(
        "Alice",
        &[
            "update",
            "2.7a",
            "--note",
            "Alice's note",
            "--date",
            "2009-07-02",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    alice.push();
    let out = bob.tool_as(
        "Bob",
        &[
            "update",
            "2.7a",
            "--note",
            "Bob's note",
            "--date",
            "2009-07-03",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(bob.pull("--no-rebase").status.success());
    let history =
        String::from_utf8_lossy(&bob.tool(&["history", "2.7a", "--format", "csv"]).stdout)
            .into_owned();
    let rows: Vec<&str> = history.lines().filter(|l| l.contains("update")).collect();
    assert_eq!(
        rows.len(),
        2,
        "each update once, none again for the merge: {history}"
    );
    assert!(
        rows.iter()
            .any(|r| r.contains(",Alice,") && r.contains("Alice's note")),
        "{history}"
    );
    assert!(
        rows.iter()
            .any(|r| r.contains(",Bob,") && r.contains("Bob's note")),
        "{history}"
    );
    let changes = String::from_utf8_lossy(
        &bob.tool(&["changes", "--since", "2009-07-01", "--format", "csv"])
            .stdout,
    )
    .into_owned();
    assert_eq!(changes.matches("Alice's note").count(), 1, "{changes}");
}

#[test]
fn a_resolution_is_told_as_the_merge_commits_own_change() {
    let remote = Remote::with_bundled_plan();
    let (alice, bob) = (remote.clone("alice"), remote.clone("bob"));
    alice.update(&[
        "1.1",
        "--due",
        "2009-10-31",
        "--note",
        "A",
        "--date",
        "2009-07-02",
    ]);
    alice.push();
    bob.update(&[
        "1.1",
        "--due",
        "2009-11-30",
        "--note",
        "B",
        "--date",
        "2009-07-03",
    ]);
    assert!(!bob.pull("--no-rebase").status.success());
    assert!(
        bob.tool(&["resolve", "1.1", "--take", "2009-12-31"])
            .status
            .success()
    );
    let history = String::from_utf8_lossy(&bob.tool(&["history", "1.1", "--format", "csv"]).stdout)
        .into_owned();
    let merge = String::from_utf8_lossy(&bob.git(&["rev-parse", "HEAD"]).stdout)
        .trim()
        .to_string();
    let merge_rows: Vec<&str> = history.lines().filter(|l| l.contains(&merge)).collect();
    assert_eq!(merge_rows.len(), 1, "{history}");
    assert!(
        merge_rows[0].contains("due") && merge_rows[0].contains("2009-12-31"),
        "{history}"
    );
}

/// Two requests, one recorded in each clone, both take the next id: they
/// are two requests, kept both (the local one takes a new id), not one
/// request changed on both sides; in a rebase as in a merge.
#[test]
fn requests_recorded_in_two_clones_are_both_kept() {
    for how in ["--no-rebase", "--rebase"] {
        let remote = Remote::with_bundled_plan();
        let (alice, bob) = (remote.clone("alice"), remote.clone("bob"));
        let ask = |clone: &Clone, words: &str| {
            let out = clone.tool(&[
                "request",
                "add",
                "--meeting",
                "Scrutiny Committee",
                "--kind",
                "question",
                "--text",
                words,
            ]);
            assert!(out.status.success(), "{}", text(&out));
        };
        ask(&alice, "Alice asks about CRB");
        alice.push();
        ask(&bob, "Bob asks about training");
        let pulled = bob.pull(how);
        assert!(pulled.status.success(), "{how}: {}", text(&pulled));
        let file = bob.read("requests.toml");
        assert!(!file.contains("<<<<<<<"), "{how}: {file}");
        for (words, id) in [
            ("Alice asks about CRB", "R6"),
            ("Bob asks about training", "R7"),
        ] {
            assert_eq!(file.matches(words).count(), 1, "{how}: {file}");
            let at = file.find(words).unwrap();
            let own = file[..at].rfind("id = ").unwrap();
            assert!(
                file[own..at].starts_with(&format!("id = \"{id}\"")),
                "{how}: the shared request keeps its id, the local one takes the next: {file}"
            );
        }
        let check = bob.tool(&["check"]);
        assert!(check.status.success(), "{how}: {}", text(&check));
    }
}

/// A listed table's field changed two ways (an officer's email) is named
/// by the table's id in one word, so the `resolve` command `check` and
/// `sync` print works as typed, and `--take VALUE` writes good TOML.
#[test]
fn an_officers_field_in_conflict_is_named_so_resolve_can_settle_it() {
    let remote = Remote::with_bundled_plan();
    let (alice, bob) = (remote.clone("alice"), remote.clone("bob"));
    let email = |clone: &Clone, address: &str| {
        let path = clone.0.join("plan/officers.toml");
        let file = std::fs::read_to_string(&path).unwrap().replacen(
            "id = \"dcs\"\n",
            &format!("id = \"dcs\"\nemail = \"{address}\"\n"),
            1,
        );
        std::fs::write(&path, file).unwrap();
        run_git(&clone.0, &["commit", "-q", "-am", "DCS email"]);
    };
    email(&alice, "dcs@alice.example");
    alice.push();
    email(&bob, "dcs@bob.example");
    let synced = bob.tool(&["sync"]);
    let said = text(&synced);
    assert!(
        said.contains("dcs email: yours \"dcs@bob.example\", theirs \"dcs@alice.example\"")
            && said.contains("→ actionplan resolve dcs --take"),
        "{said}"
    );
    let check = text(&bob.tool(&["check"]));
    assert!(
        check.contains(
            "dcs email was changed on both sides of a merge: mine \"dcs@bob.example\", theirs \"dcs@alice.example\""
        ),
        "{check}"
    );
    let out = bob.tool(&[
        "resolve",
        "dcs",
        "--field",
        "email",
        "--take",
        "safeguarding@council.example",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        bob.read("officers.toml")
            .contains("id = \"dcs\"\nemail = \"safeguarding@council.example\"\n")
    );
    let check = bob.tool(&["check"]);
    assert!(check.status.success(), "{}", text(&check));
}

/// A conflict settled in one file while another is still conflicted is
/// checked on its own: a resolution its latest update contradicts is
/// refused there, and the other file's stays possible.
#[test]
fn a_resolution_that_gives_its_file_an_error_is_refused_before_the_last_file() {
    let remote = Remote::with_bundled_plan();
    let (alice, bob) = (remote.clone("alice"), remote.clone("bob"));
    let status = |clone: &Clone, reference: &str, status: &str, date: &str| {
        clone.update(&[reference, "--status", status, "--date", date]);
    };
    status(&alice, "1.1", "on_track", "2009-07-12");
    status(&alice, "1.3", "at_risk", "2009-07-12");
    alice.push();
    status(&bob, "1.1", "off_track", "2009-07-20");
    status(&bob, "1.3", "complete", "2009-07-20");
    let pulled = bob.pull("--no-rebase");
    assert!(!pulled.status.success());
    // Theirs (on_track, of 12 July) for 1.1 contradicts mine of 20 July.
    let out = bob.tool(&["resolve", "1.1", "--take", "theirs"]);
    assert!(!out.status.success(), "refused: {}", text(&out));
    assert!(text(&out).contains("status-mismatch"), "{}", text(&out));
    assert!(bob.read("1/1.1.toml").contains("<<<<<<< mine (1.1 status)"));
    for reference in ["1.1", "1.3"] {
        let out = bob.tool(&["resolve", reference, "--take", "mine"]);
        assert!(out.status.success(), "{reference}: {}", text(&out));
    }
    let check = bob.tool(&["check"]);
    assert!(check.status.success(), "{}", text(&check));
}

/// A rebase replaying two commits that each conflict: `resolve` of the
/// first commits it and goes on; stopping at the second commit's
/// conflict is no failure, and that one is settled the same way.
#[test]
fn resolve_in_a_rebase_goes_on_to_the_next_commits_conflict() {
    let remote = Remote::with_bundled_plan();
    let (alice, bob) = (remote.clone("alice"), remote.clone("bob"));
    alice.update(&["1.1", "--status", "on_track", "--date", "2009-07-12"]);
    alice.update(&["1.3", "--status", "at_risk", "--date", "2009-07-12"]);
    alice.push();
    bob.update(&["1.1", "--status", "off_track", "--date", "2009-07-20"]);
    bob.update(&["1.3", "--status", "complete", "--date", "2009-07-20"]);
    let pulled = bob.pull("--rebase");
    assert!(!pulled.status.success());
    // In a rebase, "theirs" is the commit being replayed: Bob's.
    let out = bob.tool(&["resolve", "1.1", "--take", "theirs"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("stopped at the next commit"),
        "{}",
        text(&out)
    );
    assert!(bob.read("1/1.3.toml").contains("<<<<<<< mine (1.3 status)"));
    let out = bob.tool(&["resolve", "1.3", "--take", "theirs"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("is finished"), "{}", text(&out));
    let check = bob.tool(&["check"]);
    assert!(check.status.success(), "{}", text(&check));
    let log = bob.git(&["log", "--format=%s", "-3"]);
    assert_eq!(String::from_utf8_lossy(&log.stdout).lines().count(), 3);
}

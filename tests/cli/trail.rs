//! The audit trail against odd git states and hostile input: revisions
//! that look like options, git's variables set relative to the folder
//! the tool was started in.

use std::fs;

use crate::support::{GIT_ENV, TestPlan, actionplan, code, stderr};

fn committed() -> TestPlan {
    let plan = TestPlan::bundled();
    plan.commit_all("Import the 2009 plan");
    plan
}

#[test]
fn a_revision_that_looks_like_an_option_never_reaches_git() {
    let plan = committed();
    let planted = plan.root().join("planted");
    let option = format!("--output={}", planted.display());
    // `--at=--output=…`: the way such a value gets past the option parser.
    let at = format!("--at={option}");
    let since = format!("--since={option}");
    let until = format!("--until={option}");
    let attempts: [&[&str]; 4] = [
        &[&at, "list"],
        &["changes", &since],
        &["changes", "--since", "2009-01-01", &until],
        &[&at, "digest"],
    ];
    for args in attempts {
        let output = plan.run(args);
        assert_eq!(code(&output), 2, "{args:?}: {}", stderr(&output));
        assert!(
            stderr(&output).contains("is not a revision or a date"),
            "{}",
            stderr(&output)
        );
        assert!(!planted.exists(), "{args:?} made a file");
    }
}

#[test]
fn a_relative_git_dir_is_read_from_where_the_tool_was_started() {
    let plan = TestPlan::bundled();
    let git_in = |cwd: &std::path::Path, args: &[&str]| {
        let output = std::process::Command::new("git")
            .current_dir(cwd)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap())
            .envs(GIT_ENV)
            .env("GIT_DIR", "../bare.git")
            .env("GIT_WORK_TREE", ".")
            .args(args)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let work = plan.root().join("work");
    fs::create_dir(&work).unwrap();
    fs::rename(plan.root().join("plan"), work.join("plan")).unwrap();
    let bare = std::process::Command::new("git")
        .args(["init", "-q", "--bare", "bare.git"])
        .current_dir(plan.root())
        .output()
        .unwrap();
    assert!(bare.status.success());
    git_in(&work, &["add", "plan"]);
    git_in(&work, &["commit", "-q", "-m", "plan"]);
    let output = actionplan(&work)
        .env("GIT_DIR", "../bare.git")
        .env("GIT_WORK_TREE", ".")
        .args([
            "--plan",
            "plan",
            "update",
            "1.1",
            "--note",
            "Chased",
            "--date",
            "2009-07-02",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let log = git_in(&work, &["log", "--format=%s"]);
    assert!(log.starts_with("1.1: progress note"), "{log}");
    assert!(
        !work.join("plan/.actionplan.lock").exists(),
        "the lock is in the git folder"
    );
    let status = git_in(&work, &["status", "--porcelain"]);
    assert_eq!(status, "", "the update was committed whole");
}

fn update(plan: &TestPlan) -> std::process::Output {
    plan.run(&["update", "1.1", "--note", "Chased", "--date", "2009-07-02"])
}

/// A commit on a side branch and one on main that change `notes.txt`
/// differently, so bringing one onto the other stops at a conflict.
fn diverged() -> TestPlan {
    let plan = committed();
    plan.write("../notes.txt", "base\n");
    plan.git(&["add", "notes.txt"]);
    plan.git(&["commit", "-q", "-m", "notes"]);
    plan.git(&["checkout", "-q", "-b", "side"]);
    plan.write("../notes.txt", "side\n");
    plan.git(&["commit", "-q", "-am", "side notes"]);
    plan.git(&["checkout", "-q", "main"]);
    plan.write("../notes.txt", "main\n");
    plan.git(&["commit", "-q", "-am", "main notes"]);
    plan
}

/// Runs git expecting it to stop (a conflict), not to succeed.
fn git_stops(plan: &TestPlan, args: &[&str]) {
    let output = std::process::Command::new("git")
        .current_dir(plan.root())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap())
        .env("HOME", plan.root())
        .env("GIT_EDITOR", "true")
        .envs(GIT_ENV)
        .args(args)
        .output()
        .unwrap();
    assert!(!output.status.success(), "git {args:?} went through");
}

#[test]
fn an_update_is_refused_while_git_is_in_the_middle_of_something() {
    let cases: [(&[&str], &str, &str); 5] = [
        (&["rebase", "side"], "a rebase", "git rebase --abort"),
        (
            &["cherry-pick", "side"],
            "a cherry-pick",
            "git cherry-pick --abort",
        ),
        (&["merge", "side"], "a merge", "git merge --abort"),
        (
            &["revert", "--no-edit", "HEAD~1"],
            "a revert",
            "git revert --abort",
        ),
        (&["bisect", "start"], "a bisection", "git bisect reset"),
    ];
    for (start, name, way_out) in cases {
        let plan = diverged();
        if start[0] == "bisect" {
            plan.git(start);
        } else {
            git_stops(&plan, start);
        }
        let before = plan.read("1/1.1.toml");
        let output = update(&plan);
        let err = stderr(&output);
        assert_eq!(code(&output), 2, "{name}: {err}");
        assert!(
            err.contains(&format!("git is in the middle of {name}")),
            "{err}"
        );
        assert!(err.contains(way_out), "{err}");
        assert_eq!(plan.read("1/1.1.toml"), before, "{name}: nothing written");
        // The suggested way out works, and then the update goes through.
        let words: Vec<&str> = way_out.split(' ').skip(1).collect();
        plan.git(&words);
        let output = update(&plan);
        assert_eq!(code(&output), 0, "after {way_out}: {}", stderr(&output));
    }
}

#[test]
fn a_detached_head_is_warned_about_not_refused() {
    let plan = committed();
    plan.git(&["checkout", "-q", "--detach"]);
    let output = update(&plan);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("HEAD is detached"),
        "{}",
        stderr(&output)
    );
}

/// The commands in backticks in an error's hint, in order.
fn suggested(err: &str) -> Vec<String> {
    let hint = err.split("hint:").nth(1).unwrap_or("");
    hint.split('`')
        .skip(1)
        .step_by(2)
        .filter(|c| c.starts_with("git "))
        .map(str::to_string)
        .collect()
}

fn sh(plan: &TestPlan, command: &str) {
    let output = std::process::Command::new("sh")
        .args(["-c", command])
        .current_dir(plan.root())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap())
        .env("HOME", plan.root())
        .envs(GIT_ENV)
        .output()
        .unwrap();
    let said = [output.stdout.clone(), output.stderr.clone()].concat();
    assert!(
        output.status.success(),
        "{command}: {}",
        String::from_utf8_lossy(&said)
    );
}

/// A plan with 1.1 edited by hand in one of the ways git knows.
fn hand_edited(state: &str) -> TestPlan {
    let plan = committed();
    plan.edit(
        "1/1.1.toml",
        "recommendation = \"",
        "recommendation = \"Edited by hand. ",
    );
    match state {
        "modified" => {}
        "staged" => plan.git(&["add", "plan/1/1.1.toml"]).truncate(0),
        "hidden" => {
            plan.git(&["update-index", "--assume-unchanged", "plan/1/1.1.toml"]);
        }
        "skipped" => {
            plan.git(&["update-index", "--skip-worktree", "plan/1/1.1.toml"]);
        }
        _ => unreachable!(),
    }
    plan
}

#[test]
fn every_suggested_command_is_safe_to_run() {
    // Each state, the commands to run from the hint (by position), and
    // whether the hand edit must survive them.
    let cases: [(&str, &[usize], bool); 8] = [
        ("modified", &[0], true),
        ("modified", &[1], false),
        ("staged", &[0], true),
        ("staged", &[1], false),
        ("hidden", &[0, 1], true),
        ("hidden", &[0, 2], false),
        ("skipped", &[0, 1], true),
        ("skipped", &[0, 2], false),
    ];
    for (state, picks, kept) in cases {
        let plan = hand_edited(state);
        let head = plan.git(&["rev-parse", "HEAD"]);
        let output = update(&plan);
        assert_eq!(code(&output), 2, "{state}: {}", stderr(&output));
        assert_eq!(
            plan.git(&["rev-parse", "HEAD"]),
            head,
            "{state}: nothing committed"
        );
        let commands = suggested(&stderr(&output));
        for pick in picks {
            sh(&plan, &commands[*pick]);
        }
        let text = plan.read("1/1.1.toml");
        assert_eq!(
            text.contains("Edited by hand."),
            kept,
            "{state} {picks:?}: {commands:?}"
        );
        let output = update(&plan);
        assert_eq!(code(&output), 0, "{state} {picks:?}: {}", stderr(&output));
        let last = plan.git(&["show", "--format=", "--stat", "HEAD"]);
        assert!(
            last.contains("plan/1/1.1.toml") && last.contains("1 file changed"),
            "{last}"
        );
        if kept {
            assert!(
                plan.git(&["show", "HEAD:plan/1/1.1.toml"])
                    .contains("Edited by hand.")
            );
        }
    }
}

#[test]
fn a_new_file_is_never_told_to_be_restored_away() {
    for staged in [false, true] {
        let plan = committed();
        plan.write(
            "1/1.8.toml",
            plan.read("1/1.4.toml").replace("\"1.4\"", "\"1.8\""),
        );
        if staged {
            plan.git(&["add", "plan/1/1.8.toml"]);
        }
        let output = plan.run(&["update", "1.8", "--note", "x", "--date", "2009-07-02"]);
        let err = stderr(&output);
        assert_eq!(code(&output), 2, "{err}");
        assert!(err.contains("never been committed"), "{err}");
        assert!(!err.contains("restore"), "{err}");
        for command in suggested(&err) {
            sh(&plan, &command);
        }
        assert!(
            plan.path("1/1.8.toml").exists(),
            "staged={staged}: the file survives"
        );
        let output = plan.run(&["update", "1.8", "--note", "x", "--date", "2009-07-02"]);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
    }
}

fn hook(plan: &TestPlan, script: &str) {
    let path = plan.root().join(".git/hooks/pre-commit");
    fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
    fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
}

#[test]
fn a_hook_that_changes_what_is_committed_is_caught_and_taken_back() {
    let scripts = [
        "sed -i 's/Objectives/Hooked objectives/' plan/1/1.1.toml && git add plan/1/1.1.toml",
        "echo extra >> plan/1/1.2.toml && git add plan/1/1.2.toml",
    ];
    for script in scripts {
        let plan = committed();
        hook(&plan, script);
        let head = plan.git(&["rev-parse", "HEAD"]);
        let before = plan.read("1/1.1.toml");
        let output = update(&plan);
        let err = stderr(&output);
        assert_eq!(code(&output), 3, "{script}: {err}");
        assert!(err.contains("taken back"), "{err}");
        assert_eq!(
            plan.git(&["rev-parse", "HEAD"]),
            head,
            "{script}: no commit left"
        );
        assert_eq!(plan.read("1/1.1.toml"), before, "{script}: file put back");
        let staged = plan.git(&["diff", "--cached", "--name-only", "--", "plan/1/1.1.toml"]);
        assert_eq!(staged, "", "{script}: nothing of ours left staged");
    }
}

#[test]
fn a_note_cannot_forge_a_trailer() {
    let plan = committed();
    let note = "Chased.\nRef: 9.9\nActor: Someone Else\n\n---\nField: lead";
    let output = plan.run(&["update", "1.1", "--note", note, "--date", "2009-07-02"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let forged = plan.git(&["log", "--grep", "^Ref: 9.9", "--format=%h"]);
    assert_eq!(forged, "", "a note line reads as a trailer");
    let message = plan.git(&["log", "-1", "--format=%B"]);
    let parsed = std::process::Command::new("git")
        .args(["interpret-trailers", "--parse"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(message.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&parsed.stdout),
        "Ref: 1.1\nField: updates\nActor: Business Manager\n"
    );
    assert!(
        message.contains("> Ref: 9.9"),
        "the note is kept, quoted: {message}"
    );
}

#[test]
fn recording_the_status_an_action_already_has_commits_nothing() {
    let plan = committed();
    let head = plan.git(&["rev-parse", "HEAD"]);
    let output = plan.run(&["update", "3.3", "--status", "complete"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .contains("3.3 is already complete: nothing was recorded"),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert_eq!(plan.git(&["rev-parse", "HEAD"]), head);
    // With a note it is a progress note, and says no status change.
    let output = plan.run(&[
        "update",
        "3.3",
        "--status",
        "complete",
        "--note",
        "Still so",
        "--date",
        "2009-07-02",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let message = plan.git(&["log", "-1", "--format=%B"]);
    assert!(
        message.starts_with("3.3: progress note of 2009-07-02"),
        "{message}"
    );
    assert!(!message.contains("Field: status"), "{message}");
    let diff = plan.git(&["show", "--format=", "HEAD"]);
    assert!(
        !diff.contains("-status"),
        "the status line is untouched: {diff}"
    );
}

/// A pre-commit hook that kills the `actionplan` that started the commit
/// (git's parent) with SIGKILL: the plan file is written, its commit not
/// made, and nothing gets to clean up.
fn killing_hook(plan: &TestPlan) {
    hook(plan, "kill -9 $(awk '{print $4}' /proc/$PPID/stat)\nexit 1");
}

fn remove_hook(plan: &TestPlan) {
    fs::remove_file(plan.root().join(".git/hooks/pre-commit")).unwrap();
}

fn killed_update(plan: &TestPlan) {
    killing_hook(plan);
    let output = update(plan);
    assert_eq!(output.status.code(), None, "killed: {}", stderr(&output));
    remove_hook(plan);
    assert!(
        plan.read("1/1.1.toml").contains("Chased"),
        "written before the kill"
    );
    assert_ne!(
        plan.git(&["status", "--porcelain", "plan"]),
        "",
        "and not committed"
    );
}

#[test]
fn the_next_update_finishes_an_update_killed_before_its_commit() {
    let plan = committed();
    killed_update(&plan);
    let output = plan.run(&["update", "1.3", "--note", "Next", "--date", "2009-07-03"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("note: finished a change that was interrupted before its commit (1.1: progress note of 2009-07-02): committed"),
        "{}",
        stderr(&output)
    );
    let log = plan.git(&["log", "--format=%s", "-3"]);
    assert_eq!(
        log,
        "1.3: progress note of 2009-07-03\n1.1: progress note of 2009-07-02\nImport the 2009 plan\n"
    );
    let files = plan.git(&["show", "--format=", "--name-only", "HEAD~1"]);
    assert_eq!(files, "plan/1/1.1.toml\n");
    assert_eq!(plan.git(&["status", "--porcelain"]), "");
}

#[test]
fn the_digest_settles_an_update_killed_before_its_commit() {
    let plan = committed();
    killed_update(&plan);
    let output = plan.run(&["digest", "--as-of", "2009-07-02"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("note: finished a change"),
        "{}",
        stderr(&output)
    );
    let paper = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(!paper.contains("not committed"), "{paper}");
    assert_eq!(plan.git(&["status", "--porcelain"]), "");
}

#[test]
fn a_change_killed_before_it_was_written_is_rolled_back() {
    let plan = committed();
    let head = plan.git(&["rev-parse", "HEAD"]).trim().to_string();
    let old = plan.read("1/1.1.toml");
    let journal = actionplan::edit::journal::Journal {
        plan: "plan/".into(),
        head: Some(head.clone()),
        message: "1.1: progress note of 2009-07-02\n".into(),
        files: vec![actionplan::edit::journal::NotedFile {
            path: "1/1.1.toml".into(),
            old: Some(old.clone()),
            new: format!("{old}\n# never written\n"),
        }],
    };
    actionplan::edit::journal::write(&journal_path(&plan), &journal).unwrap();
    let output = update(&plan);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("note: rolled back a change"),
        "{}",
        stderr(&output)
    );
    assert!(!journal_path(&plan).exists());
    assert_eq!(plan.git(&["rev-list", "--count", "HEAD"]).trim(), "2");
}

#[test]
fn temporary_files_left_behind_are_no_uncommitted_change() {
    let plan = committed();
    // Even in a plan whose .gitignore does not name them.
    plan.git(&["rm", "-q", "plan/.gitignore"]);
    plan.git(&["commit", "-q", "-m", "no ignores"]);
    plan.write("1/.1.1.toml.AbC123.tmp", "half a file");
    let output = plan.run(&["digest", "--as-of", "2009-07-02"]);
    let paper = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(paper.contains("Made from"), "{paper}");
    assert!(!paper.contains("not committed"), "{paper}");
}

#[test]
fn a_journal_naming_a_file_outside_the_plan_is_ignored() {
    let plan = committed();
    let outside = plan.root().join("outside.txt");
    fs::write(&outside, "keep me").unwrap();
    let head = plan.git(&["rev-parse", "HEAD"]).trim().to_string();
    let linked = plan.root().join("linked-outside");
    fs::create_dir(&linked).unwrap();
    fs::write(linked.join("x.toml"), "keep me").unwrap();
    std::os::unix::fs::symlink(&linked, plan.path("9")).unwrap();
    for path in [
        "../outside.txt",
        "/etc/hostname",
        "1/../../outside.txt",
        "9/x.toml",
    ] {
        let journal = actionplan::edit::journal::Journal {
            plan: "plan/".into(),
            head: Some(head.clone()),
            message: "planted\n".into(),
            files: vec![actionplan::edit::journal::NotedFile {
                path: path.into(),
                old: None,
                new: "keep me".into(),
            }],
        };
        let at = journal_path(&plan);
        actionplan::edit::journal::write(&at, &journal).unwrap();
        let output = update(&plan);
        // The linked folder is an error of the plan itself: exit 1 then.
        assert!([0, 1].contains(&code(&output)), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("ignored a change journal"),
            "{}",
            stderr(&output)
        );
        assert!(!at.exists());
        assert_eq!(fs::read_to_string(&outside).unwrap(), "keep me");
        assert_eq!(
            fs::read_to_string(linked.join("x.toml")).unwrap(),
            "keep me"
        );
    }
}

#[test]
fn a_commit_message_cannot_forge_a_row_of_the_audit_trail() {
    let plan = committed();
    let first = plan.git(&["rev-parse", "HEAD"]).trim().to_string();
    plan.edit(
        "1/1.1.toml",
        "status = \"not_started\"",
        "status = \"complete\"",
    );
    let forged =
        format!("Tidy whitespace\u{1e}{first} 1246525200\u{1f}The Chair\u{1f}approved by Board\n");
    fs::write(plan.root().join("msg"), forged).unwrap();
    plan.git(&["commit", "-q", "-a", "-F", "msg"]);
    let real = plan.git(&["rev-parse", "HEAD"]).trim().to_string();
    let history = crate::support::stdout(&plan.run(&["history", "1.1", "--format", "csv"]));
    let status_row = history
        .lines()
        .find(|l| l.contains(",status,"))
        .unwrap_or("");
    assert!(
        status_row.contains(&real),
        "the change is at its real commit: {history}"
    );
    assert!(
        status_row.contains(&format!(
            "{real},Business Manager,Business Manager,Tidy whitespace"
        )),
        "by its real author, with its subject as text: {history}"
    );
    assert_eq!(history.lines().count(), 3, "no forged row: {history}");
}

#[test]
fn the_first_commit_is_listed_whatever_log_show_root_says() {
    let plan = committed();
    plan.git(&["config", "log.showRoot", "false"]);
    let history = crate::support::stdout(&plan.run(&["history", "1.1", "--format", "csv"]));
    assert!(history.contains(",recommendation,,added"), "{history}");
}

#[test]
fn recovery_waits_while_git_still_holds_the_index() {
    let plan = committed();
    killed_update(&plan);
    let lock = plan.root().join(".git/index.lock");
    fs::write(&lock, "").unwrap();
    let written = plan.read("1/1.1.toml");
    let output = plan.run(&["update", "1.3", "--note", "Next", "--date", "2009-07-03"]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("git still holds"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        plan.read("1/1.1.toml"),
        written,
        "nothing put back under git's feet"
    );
    assert!(journal_path(&plan).exists());
    let paper = plan.run(&["digest", "--as-of", "2009-07-02"]);
    assert_eq!(code(&paper), 0, "{}", stderr(&paper));
    assert!(stderr(&paper).contains("warning: a change to `1/1.1.toml` was interrupted"));
    fs::remove_file(&lock).unwrap();
    let output = plan.run(&["update", "1.3", "--note", "Next", "--date", "2009-07-03"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("finished a change"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_journal_of_another_plan_in_the_repository_is_left_for_it() {
    let plan = committed();
    fs::create_dir(plan.root().join("second")).unwrap();
    crate::support::copy_tree(&plan.path(""), &plan.root().join("second/plan"));
    plan.git(&["add", "-A"]);
    plan.git(&["commit", "-q", "-m", "second plan"]);
    killed_update(&plan);
    let other = crate::support::actionplan(plan.root())
        .args([
            "--plan",
            "second/plan",
            "update",
            "1.3",
            "--note",
            "x",
            "--date",
            "2009-07-03",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&other), 0, "{}", stderr(&other));
    assert!(
        journal_path(&plan).exists(),
        "each plan has its own journal"
    );
    let output = plan.run(&["update", "1.3", "--note", "y", "--date", "2009-07-03"]);
    assert!(
        stderr(&output).contains("finished a change"),
        "{}",
        stderr(&output)
    );
}

/// Where the journal of the plan at `plan/` is kept.
fn journal_path(plan: &TestPlan) -> std::path::PathBuf {
    plan.root()
        .join(".git")
        .join(actionplan::edit::journal::file_name("plan/"))
}

#[test]
fn a_git_dir_without_a_work_tree_means_the_folder_the_tool_was_started_in() {
    let plan = committed();
    for git_dir in [
        ".git".to_string(),
        plan.root().join(".git").display().to_string(),
    ] {
        let run = |args: &[&str]| {
            crate::support::actionplan(plan.root())
                .env("GIT_DIR", &git_dir)
                .args(["--plan", "plan"])
                .args(args)
                .output()
                .unwrap()
        };
        let history = crate::support::stdout(&run(&["history", "1.1"]));
        assert!(history.contains("1 change in 1 commit"), "{history}");
        let at = run(&["--at", "HEAD", "check"]);
        assert_eq!(code(&at), 0, "{}", crate::support::stdout(&at));
        let paper = crate::support::stdout(&run(&["digest", "--as-of", "2009-07-02"]));
        assert!(!paper.contains("not committed"), "{paper}");
    }
}

#[test]
fn the_hook_lets_commits_through_in_a_linked_worktree() {
    let plan = committed();
    assert_eq!(code(&plan.run(&["hook", "install"])), 0);
    // Beside the repository, in a folder of its own that is removed after.
    let beside = tempfile::tempdir().unwrap();
    let linked = beside.path().join("linked");
    plan.git(&["worktree", "add", "-q", linked.to_str().unwrap()]);
    fs::write(linked.join("notes.txt"), "x").unwrap();
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(&linked)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap())
            .envs(GIT_ENV)
            .output()
            .unwrap()
    };
    assert!(git(&["add", "notes.txt"]).status.success());
    let commit = git(&["commit", "-q", "-m", "notes"]);
    assert!(
        commit.status.success(),
        "{}",
        String::from_utf8_lossy(&commit.stderr)
    );
    let update = crate::support::actionplan(&linked)
        .args([
            "update",
            "1.1",
            "--note",
            "From the worktree",
            "--date",
            "2009-07-02",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&update), 0, "{}", stderr(&update));
    fs::remove_dir_all(&linked).unwrap();
}

#[test]
fn a_file_committed_with_crlf_under_autocrlf_is_normalised_first_then_updated() {
    let plan = TestPlan::bundled();
    let crlf = plan.read("1/1.1.toml").replace('\n', "\r\n");
    plan.write("1/1.1.toml", crlf);
    plan.commit_all("plan");
    plan.git(&["config", "core.autocrlf", "true"]);
    let output = update(&plan);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("would rewrite every line"),
        "{}",
        stderr(&output)
    );
    for command in suggested(&stderr(&output)) {
        sh(&plan, &command);
    }
    let output = update(&plan);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let stat = plan.git(&["show", "--format=", "--numstat", "HEAD"]);
    let added: u32 = stat.split_whitespace().next().unwrap().parse().unwrap();
    assert!(added <= 5, "only the update's lines: {stat}");
}

#[test]
fn suggested_commands_work_from_outside_the_repository() {
    let plan = hand_edited("modified");
    let elsewhere = tempfile::tempdir().unwrap();
    let plan_dir = plan.path("");
    let output = crate::support::actionplan(elsewhere.path())
        .arg("--plan")
        .arg(&plan_dir)
        .args(["update", "1.1", "--note", "x", "--date", "2009-07-02"])
        .output()
        .unwrap();
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    let commit = &suggested(&stderr(&output))[0];
    let ran = std::process::Command::new("sh")
        .args(["-c", commit])
        .current_dir(elsewhere.path())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap())
        .envs(GIT_ENV)
        .output()
        .unwrap();
    assert!(
        ran.status.success(),
        "{commit}: {}",
        String::from_utf8_lossy(&ran.stderr)
    );
    assert!(
        plan.git(&["show", "HEAD:plan/1/1.1.toml"])
            .contains("Edited by hand.")
    );
}

#[test]
fn a_cherry_pick_of_several_commits_stopped_between_them_is_refused() {
    let plan = diverged();
    plan.git(&["checkout", "-q", "side"]);
    plan.write("../more.txt", "more\n");
    plan.git(&["add", "more.txt"]);
    plan.git(&["commit", "-q", "-m", "more"]);
    plan.git(&["checkout", "-q", "main"]);
    git_stops(&plan, &["cherry-pick", "side~1", "side"]);
    // Resolve the first pick by hand and commit it: the sequence goes on.
    plan.write("../notes.txt", "resolved\n");
    plan.git(&["add", "notes.txt"]);
    let committed = std::process::Command::new("git")
        .args(["-c", "core.editor=true", "commit", "-q", "--no-edit"])
        .current_dir(plan.root())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap())
        .envs(GIT_ENV)
        .output()
        .unwrap();
    assert!(
        committed.status.success(),
        "{}",
        String::from_utf8_lossy(&committed.stderr)
    );
    let output = update(&plan);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("git is in the middle of a cherry-pick"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn hook_install_never_writes_through_a_linked_hook() {
    let plan = committed();
    plan.write("../tools/pre-commit", "#!/bin/sh\necho shared\n");
    let hook = plan.root().join(".git/hooks/pre-commit");
    std::os::unix::fs::symlink("../../tools/pre-commit", &hook).unwrap();
    for args in [
        &["hook", "install"][..],
        &["hook", "install", "--force"][..],
    ] {
        let output = plan.run(args);
        assert_eq!(code(&output), 2, "{}", stderr(&output));
        assert!(
            stderr(&output).contains("is a symbolic link"),
            "{}",
            stderr(&output)
        );
    }
    assert_eq!(
        fs::read_to_string(plan.root().join("tools/pre-commit")).unwrap(),
        "#!/bin/sh\necho shared\n"
    );
}

#[test]
fn a_comment_character_or_a_message_hook_cannot_change_what_a_commit_says() {
    for comment in ["1", "R", "A", ">"] {
        let plan = committed();
        plan.git(&["config", "commit.cleanup", "strip"]);
        plan.git(&["config", "core.commentChar", comment]);
        let output = plan.run(&[
            "update",
            "1.3",
            "--status",
            "on_track",
            "--note",
            "agreed",
            "--by",
            "Jo Bloggs",
            "--date",
            "2009-07-02",
        ]);
        assert_eq!(code(&output), 0, "{comment}: {}", stderr(&output));
        let message = plan.git(&["log", "-1", "--format=%B"]);
        assert!(
            message.starts_with("1.3: status not_started → on_track\n\n> agreed\n"),
            "{comment}: {message}"
        );
        assert!(
            message.contains("\nRef: 1.3\n") && message.contains("\nActor: Jo Bloggs\n"),
            "{comment}: {message}"
        );
    }
    let plan = committed();
    let hook = plan.root().join(".git/hooks/commit-msg");
    fs::write(&hook, "#!/bin/sh\necho 'Rewritten subject' > \"$1\"\n").unwrap();
    fs::set_permissions(&hook, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let head = plan.git(&["rev-parse", "HEAD"]);
    let before = plan.read("1/1.1.toml");
    let output = update(&plan);
    assert_eq!(code(&output), 3, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("had another message"),
        "{}",
        stderr(&output)
    );
    assert_eq!(plan.git(&["rev-parse", "HEAD"]), head);
    assert_eq!(plan.read("1/1.1.toml"), before);
}

#[test]
fn hook_install_never_writes_into_a_linked_hooks_folder() {
    let plan = committed();
    let shared = plan.root().join("shared-hooks");
    fs::create_dir(&shared).unwrap();
    fs::remove_dir_all(plan.root().join(".git/hooks")).unwrap();
    std::os::unix::fs::symlink(&shared, plan.root().join(".git/hooks")).unwrap();
    let output = plan.run(&["hook", "install", "--force"]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("shared with other repositories"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_dir(&shared).unwrap().count(), 0);
}

#[test]
fn the_digest_warns_of_changes_git_hides_or_ignores() {
    let plan = committed();
    plan.git(&["update-index", "--skip-worktree", "plan/1/1.3.toml"]);
    plan.edit(
        "1/1.3.toml",
        "status = \"not_started\"",
        "status = \"complete\"",
    );
    let paper = crate::support::stdout(&plan.run(&["digest", "--as-of", "2009-07-02"]));
    assert!(paper.contains("not committed"), "a hidden edit: {paper}");
    let plan = committed();
    plan.write(
        "1/1.9.toml",
        plan.read("1/1.4.toml").replace("\"1.4\"", "\"1.9\""),
    );
    fs::write(plan.root().join(".git/info/exclude"), "1.9.toml\n").unwrap();
    let paper = crate::support::stdout(&plan.run(&["digest", "--as-of", "2009-07-02"]));
    assert!(
        paper.contains("not committed"),
        "an ignored plan file: {paper}"
    );
}

#[test]
fn a_repository_inside_the_plan_folder_is_not_read() {
    let plan = committed();
    let other = plan.path("5");
    fs::create_dir(&other).unwrap();
    fs::write(
        other.join("5.1.toml"),
        plan.read("1/1.4.toml").replace("\"1.4\"", "\"5.1\""),
    )
    .unwrap();
    fs::write(other.join(".git"), "gitdir: ../../.git/modules/5\n").unwrap();
    let output = plan.run(&["check"]);
    let out = crate::support::stdout(&output);
    assert_eq!(code(&output), 1, "{out}");
    assert!(
        out.contains("plan/5: error[unreadable-file]: a git submodule"),
        "{out}"
    );
}

#[test]
fn since_1970_means_everything() {
    let plan = committed();
    let output = plan.run(&["changes", "--since", "1970-01-01"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(!crate::support::stdout(&output).contains("0 changes"));
    let output = plan.run(&["--at", "1971-06-01", "list"]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(stderr(&output).contains("no commit on or before 1971-06-01"));
}

#[test]
fn an_author_or_message_that_looks_like_the_log_stays_in_its_commit() {
    let plan = committed();
    let start = plan.git(&["rev-parse", "HEAD"]).trim().to_string();
    plan.edit(
        "1/1.1.toml",
        "status = \"not_started\"",
        "status = \"at_risk\"",
    );
    let zeros = "0".repeat(40);
    let other = plan.git(&["rev-parse", "HEAD:plan/2/2.7.toml"]);
    // What a forger would write: a record of another commit and an entry
    // for a file this commit never touched.
    let message = format!(
        "Status of 1.1\n\n\x1e{start} 1\x1fThe Chair\x1fForged\n\
         :100644 100644 {zeros} {} M\t2/2.7.toml\n",
        other.trim()
    );
    let author = format!("Jo \x1e{start} 1\x1fBloggs <jo@example.org>");
    plan.git(&["add", "-A"]);
    plan.git(&["commit", "-q", "--author", &author, "-m", &message]);
    let output = plan.run(&["changes", "--since", &start, "--format", "csv"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let rows = crate::support::read_csv(&output.stdout);
    assert_eq!(rows.len(), 2, "one change, under its header: {rows:?}");
    let row = |name: &str| {
        let column = rows[0].iter().position(|h| h == name).unwrap();
        rows[1][column].clone()
    };
    assert_eq!(row("Ref"), "1.1");
    assert_eq!(row("Field"), "status");
    assert_eq!(row("Subject"), "Status of 1.1");
    assert!(row("Author").starts_with("Jo "), "{}", row("Author"));
}

#[test]
fn a_commit_git_log_cannot_date_is_named_not_an_empty_git_failure() {
    let plan = committed();
    plan.edit("2/2.7.toml", "[[actions]]", "# edited\n[[actions]]");
    plan.git(&["add", "-A"]);
    let tree = plan.git(&["write-tree"]);
    let parent = plan.git(&["rev-parse", "HEAD"]);
    let object = format!(
        "tree {}\nparent {}\nauthor F <f@x> 99999999999999 +0000\n\
         committer F <f@x> 99999999999999 +0000\n\nFar future\n",
        tree.trim(),
        parent.trim()
    );
    plan.write("../object", object);
    let made = plan.git(&["hash-object", "-t", "commit", "-w", "object"]);
    plan.git(&["update-ref", "HEAD", made.trim()]);
    for args in [&["history", "2.7"][..], &["changes", "--since", "HEAD~1"]] {
        let output = plan.run(args);
        assert_eq!(code(&output), 3, "{args:?}: {}", stderr(&output));
        let said = stderr(&output);
        assert!(said.contains("unexpected `git log` output"), "{said}");
        assert!(said.contains(made.trim()), "names the commit: {said}");
    }
}

#[test]
fn changes_history_and_trajectory_to_a_closed_pipe_end_cleanly() {
    let plan = committed();
    let output = plan.run(&[
        "update",
        "1.1",
        "--status",
        "on_track",
        "--date",
        "2009-07-02",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let commands: [&[&str]; 5] = [
        &["changes", "--since", "1970-01-01"],
        &["changes", "--since", "1970-01-01", "--format", "csv"],
        &["history", "1.1"],
        &["trajectory"],
        &["trajectory", "--format", "csv"],
    ];
    for args in commands {
        let (status, err) = crate::support::into_closed_pipe(plan.root(), args);
        assert_eq!(status, Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

#[test]
fn dates_the_wrong_way_round_are_told_after_the_repository() {
    let outside = TestPlan::bundled();
    let output = outside.run(&["changes", "--since", "2009-08-01", "--until", "2009-01-01"]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("not in a git repository"),
        "{}",
        stderr(&output)
    );
    let plan = committed();
    let output = plan.run(&["changes", "--since", "2009-08-01", "--until", "HEAD"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    // The plan was committed on 2009-07-02.
    let output = plan.run(&["changes", "--since", "2009-08-01", "--until", "2009-07-03"]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("--since 2009-08-01 comes after --until 2009-07-03"),
        "{}",
        stderr(&output)
    );
}

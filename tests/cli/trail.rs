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

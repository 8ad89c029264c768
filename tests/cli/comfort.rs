//! Everyday comfort: completions, the man page, `init`, the pre-commit
//! hook and `--quiet`.

use std::fs;
use std::process::Command;

use crate::support::{GIT_ENV, TestPlan, actionplan};

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn bash_completions_load_and_complete_subcommands() {
    let dir = tempfile::tempdir().unwrap();
    let output = actionplan(dir.path())
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(output.status.success());
    fs::write(dir.path().join("actionplan.bash"), &output.stdout).unwrap();
    let script = "source ./actionplan.bash && COMP_WORDS=(actionplan ov) COMP_CWORD=1 && _actionplan actionplan ov actionplan && echo \"${COMPREPLY[@]}\"";
    let bash = Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        bash.status.success(),
        "{}",
        String::from_utf8_lossy(&bash.stderr)
    );
    assert!(stdout(&bash).contains("overdue"), "{}", stdout(&bash));
    for shell in ["zsh", "fish", "powershell"] {
        assert!(
            actionplan(dir.path())
                .args(["completions", shell])
                .output()
                .unwrap()
                .status
                .success(),
            "{shell}"
        );
    }
}

#[test]
fn the_man_page_is_roff_naming_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let output = actionplan(dir.path()).arg("man").output().unwrap();
    assert!(output.status.success());
    let page = stdout(&output);
    assert!(
        page.starts_with(".ie") || page.contains(".TH actionplan"),
        "{}",
        &page[..200]
    );
    for command in ["overdue", "update", "history", "import", "init"] {
        assert!(page.contains(command), "{command}");
    }
}

#[test]
fn init_makes_a_plan_that_checks_and_commits_it() {
    let dir = tempfile::tempdir().unwrap();
    let output = actionplan(dir.path())
        .args(["init", "council"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let check = actionplan(dir.path())
        .args(["--plan", "council", "check"])
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", stdout(&check));
    assert!(stdout(&check).contains("no problems found"));
    let log = Command::new("git")
        .args(["log", "--format=%s"])
        .current_dir(dir.path().join("council"))
        .envs(GIT_ENV)
        .output()
        .unwrap();
    assert_eq!(
        stdout(&log).trim(),
        "Start the action plan with `actionplan init`"
    );
    let status = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(dir.path().join("council"))
        .envs(GIT_ENV)
        .output()
        .unwrap();
    assert_eq!(stdout(&status), "", "everything committed");

    let again = actionplan(dir.path())
        .args(["init", "council"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
}

#[test]
fn the_pre_commit_hook_blocks_a_broken_commit_and_lets_a_good_one_through() {
    let plan = TestPlan::bundled();
    plan.commit_all("Import");
    let install = plan.run(&["hook", "install"]);
    assert!(
        install.status.success(),
        "{}",
        String::from_utf8_lossy(&install.stderr)
    );
    assert_eq!(
        plan.run(&["hook", "install"]).status.code(),
        Some(2),
        "an existing hook is kept"
    );

    plan.edit("2/2.7.toml", "lead = [\"DCS\"]", "lead = [\"DSC\"]");
    plan.git(&["add", "-A"]);
    let hooks = |args: &[&str]| {
        let mut git = Command::new("git");
        git.args(args)
            .current_dir(plan.root())
            .env_clear()
            .envs(GIT_ENV)
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", plan.root());
        git.output().unwrap()
    };
    let blocked = hooks(&["commit", "-q", "-m", "broken"]);
    assert!(!blocked.status.success(), "the hook must refuse");
    // git sends a hook's output to standard error.
    assert!(String::from_utf8_lossy(&blocked.stderr).contains("unknown-officer"));

    plan.edit("2/2.7.toml", "lead = [\"DSC\"]", "lead = [\"DCS\"]");
    plan.edit(
        "2/2.7.toml",
        "status = \"complete\"",
        "status = \"complete\" # signed off",
    );
    plan.git(&["add", "-A"]);
    let good = hooks(&["commit", "-q", "-m", "good"]);
    assert!(
        good.status.success(),
        "{}{} status: {}",
        stdout(&good),
        String::from_utf8_lossy(&good.stderr),
        plan.git(&["status", "--short"])
    );
}

#[test]
fn check_staged_reads_the_index_not_the_working_tree() {
    let plan = TestPlan::bundled();
    plan.commit_all("Import");
    plan.edit("2/2.7.toml", "lead = [\"DCS\"]", "lead = [\"DSC\"]");
    assert!(
        plan.run(&["check", "--staged"]).status.success(),
        "the broken edit is not staged"
    );
    plan.git(&["add", "-A"]);
    let staged = plan.run(&["check", "--staged"]);
    assert_eq!(staged.status.code(), Some(1));
    assert!(
        stdout(&staged).contains("plan/2/2.7.toml:"),
        "{}",
        stdout(&staged)
    );
}

#[test]
fn quiet_leaves_only_what_was_asked_for() {
    let plan = TestPlan::bundled();
    let loud = plan.run(&["overdue", "--as-of", "2009-07-01"]);
    let quiet = plan.run(&["--quiet", "overdue", "--as-of", "2009-07-01"]);
    assert!(stdout(&loud).contains("overdue actions as of 2009-07-01"));
    assert!(!stdout(&quiet).contains("overdue actions as of"));
    assert_eq!(stdout(&plan.run(&["-q", "check"])), "");
}

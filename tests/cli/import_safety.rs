//! `actionplan import`: what it may write over. `--force` replaces only a
//! plan folder outside git, `--report` only a regular file (and that only
//! with `--force`), a dry run writes nothing, and what is written can be
//! read by colleagues.

use std::ffi::CString;
use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Output;

use crate::support::{TestPlan, actionplan, code, process, stderr};

const TABLE: &str =
    "Ref,Recommendation,Action,Timescale,Lead\n1,Governance,,,\n1.1,R,A,April 2009,DCS\n";

/// `actionplan import TABLE ARGS --title T --organisation O` in `dir`.
fn import(dir: &Path, table: &Path, args: &[&str]) -> Output {
    actionplan(dir)
        .arg("import")
        .arg(table)
        .args(args)
        .args(["--title", "T", "--organisation", "O"])
        .output()
        .unwrap()
}

/// Every path under `root` (links not followed) with what it is: a file's
/// text, a link's target, or "folder" — to show that nothing changed.
fn listing(root: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let kind = fs::symlink_metadata(&path).unwrap().file_type();
            let what = if kind.is_symlink() {
                format!("link to {}", fs::read_link(&path).unwrap().display())
            } else if kind.is_dir() {
                stack.push(path.clone());
                "folder".to_string()
            } else if kind.is_file() {
                String::from_utf8_lossy(&fs::read(&path).unwrap()).into_owned()
            } else {
                "special".to_string()
            };
            found.push((path.display().to_string(), what));
        }
    }
    found.sort();
    found
}

fn plan_folder(path: &Path) {
    fs::create_dir_all(path).unwrap();
    fs::write(path.join("plan.toml"), "title = \"Mine\"\n").unwrap();
}

#[test]
fn force_replaces_only_a_plan_folder_outside_git() {
    let repo = TestPlan::bundled();
    fs::write(repo.root().join("README.md"), "# Our plan\n").unwrap();
    repo.commit_all("Our plan");
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    let table = w.join("t.csv");
    fs::write(&table, TABLE).unwrap();
    // Plan folders with a repository's `.git`, a worktree's `.git` file,
    // and a repository in one of their section folders.
    fs::create_dir_all(w.join("git-plan/.git")).unwrap();
    plan_folder(&w.join("git-plan"));
    plan_folder(&w.join("worktree-plan"));
    fs::write(w.join("worktree-plan/.git"), "gitdir: /elsewhere\n").unwrap();
    fs::create_dir_all(w.join("nested-plan/3/.git")).unwrap();
    plan_folder(&w.join("nested-plan"));
    plan_folder(&w.join("real-plan"));
    symlink(w.join("real-plan"), w.join("link-plan")).unwrap();
    fs::write(w.join("notes.txt"), "mine").unwrap();
    let cases = [
        (
            repo.root().to_path_buf(),
            "is not a plan folder (it holds no plan.toml)",
        ),
        (
            w.join("git-plan"),
            "git-plan/.git`: replacing it would delete a git repository",
        ),
        (w.join("worktree-plan"), "worktree-plan/.git`: replacing it"),
        (w.join("nested-plan"), "nested-plan/3/.git`: replacing it"),
        (w.join("link-plan"), "is a symbolic link"),
        (w.join("notes.txt"), "exists and is not a folder"),
        (w.join("real-plan/."), "does not name a folder of its own"),
    ];
    let (repo_before, work_before) = (listing(repo.root()), listing(w));
    for (out, why) in &cases {
        for dry_run in [&[][..], &["--dry-run"]] {
            let out_arg = out.to_str().unwrap();
            let mut args = vec!["--out", out_arg, "--force", "--report", "r.md"];
            args.extend(dry_run);
            let output = import(w, &table, &args);
            let message = stderr(&output);
            assert_eq!(code(&output), 2, "{out_arg}: {message}");
            assert!(message.contains(&format!("`{out_arg}")), "{message}");
            assert!(message.contains(why), "{out_arg}: {message}");
        }
    }
    assert_eq!(
        listing(repo.root()),
        repo_before,
        "the repository is untouched"
    );
    assert_eq!(listing(w), work_before, "nothing written, no staging left");
    assert!(repo.git(&["log", "--oneline"]).contains("Our plan"));
}

#[test]
fn new_folders_and_files_get_the_usual_permissions() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("t.csv"), TABLE).unwrap();
    let mut cmd = process(dir.path());
    cmd.args(["import", "t.csv", "--out", "plan", "--report", "report.md"])
        .args(["--title", "T", "--organisation", "O"]);
    // SAFETY: umask is async-signal-safe and changes only the child.
    unsafe {
        cmd.pre_exec(|| {
            libc::umask(0o022);
            Ok(())
        });
    }
    let output = cmd.output().unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    for (path, mode) in [
        ("plan", 0o755),
        ("plan/1", 0o755),
        ("plan/plan.toml", 0o644),
        ("plan/officers.toml", 0o644),
        ("plan/1/1.1.toml", 0o644),
        ("report.md", 0o644),
    ] {
        let found = fs::metadata(dir.path().join(path))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(found & 0o777, mode, "{path}: {:o}", found & 0o777);
    }
}

#[test]
fn a_report_file_is_replaced_only_with_force_and_never_by_a_dry_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let table = d.join("t.csv");
    fs::write(&table, TABLE).unwrap();

    let dry = import(
        d,
        &table,
        &["--out", "plan", "--report", "r.md", "--dry-run"],
    );
    assert_eq!(code(&dry), 0, "{}", stderr(&dry));
    assert!(!d.join("r.md").exists(), "a dry run writes no report");
    assert!(
        stderr(&dry).starts_with("# Import of"),
        "the report still goes to stderr"
    );
    assert!(String::from_utf8_lossy(&dry.stdout).contains("would write r.md"));

    fs::write(d.join("r.md"), "mine").unwrap();
    let refused = import(d, &table, &["--out", "plan", "--report", "r.md"]);
    assert_eq!(code(&refused), 2, "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("`r.md` exists already"),
        "{}",
        stderr(&refused)
    );
    assert!(stderr(&refused).contains("--force"));
    assert_eq!(fs::read_to_string(d.join("r.md")).unwrap(), "mine");
    assert!(
        !d.join("plan").exists(),
        "refused before anything is written"
    );

    let forced = import(d, &table, &["--out", "plan", "--report", "r.md", "--force"]);
    assert_eq!(code(&forced), 0, "{}", stderr(&forced));
    assert!(
        fs::read_to_string(d.join("r.md"))
            .unwrap()
            .starts_with("# Import of")
    );

    // A report inside the plan folder it replaces lands in the new one.
    let inside = import(
        d,
        &table,
        &["--out", "plan", "--report", "plan/r.md", "--force"],
    );
    assert_eq!(code(&inside), 0, "{}", stderr(&inside));
    let report = fs::read_to_string(d.join("plan/r.md")).unwrap();
    assert!(report.starts_with("# Import of"), "{report}");
}

#[test]
fn a_report_path_that_is_not_a_regular_file_is_refused_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let table = d.join("t.csv");
    fs::write(&table, TABLE).unwrap();
    fs::write(d.join("target.md"), "mine").unwrap();
    symlink("target.md", d.join("link.md")).unwrap();
    fs::create_dir(d.join("folder.md")).unwrap();
    let fifo = CString::new(d.join("fifo.md").to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let before = listing(d);
    for (report, why) in [
        ("link.md", "is a symbolic link"),
        ("folder.md", "is a folder"),
        ("fifo.md", "is a named pipe, not a file"),
    ] {
        let output = import(d, &table, &["--out", "plan", "--report", report, "--force"]);
        assert_eq!(code(&output), 2, "{report}: {}", stderr(&output));
        let message = stderr(&output);
        assert!(message.contains(&format!("`{report}` {why}")), "{message}");
    }
    assert_eq!(listing(d), before, "nothing replaced, nothing written");
    let fifo = fs::symlink_metadata(d.join("fifo.md")).unwrap();
    assert!(fifo.file_type().is_fifo());
}

#[test]
fn a_report_to_standard_output_is_written_there() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let table = d.join("t.csv");
    fs::write(&table, TABLE).unwrap();
    let output = import(d, &table, &["--out", "plan", "--report", "-"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("# Import of"));
    assert!(!d.join("-").exists(), "no file named -");
}

#[test]
fn force_never_deletes_what_is_not_a_plan_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let table = d.join("t.csv");
    fs::write(&table, TABLE).unwrap();
    assert_eq!(code(&import(d, &table, &["--out", "plan"])), 0);
    let bare = std::process::Command::new("git")
        .args(["init", "-q", "--bare", "plan/history.git"])
        .current_dir(d)
        .output()
        .unwrap();
    assert!(bare.status.success());
    fs::copy(&table, d.join("plan/source-table.csv")).unwrap();
    let before = listing(d);
    for source in [table.clone(), d.join("plan/source-table.csv")] {
        let output = import(d, &source, &["--out", "plan", "--force"]);
        assert_eq!(code(&output), 2, "{}", stderr(&output));
        assert!(
            stderr(&output).contains("which is not a plan file"),
            "{}",
            stderr(&output)
        );
    }
    assert_eq!(listing(d), before, "nothing deleted");
    symlink("plan", d.join("lnk")).unwrap();
    let output = import(d, &table, &["--out", "lnk/", "--force"]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("is a symbolic link"),
        "{}",
        stderr(&output)
    );
}

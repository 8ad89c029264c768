//! The plan tried as an attacker would: links and special files in the
//! plan folder, escapes in names and notes. Nothing outside the plan is
//! read, and nothing reaches a terminal that the terminal would act on.

use std::fs;
use std::os::unix::fs::symlink;

use crate::support::{TestPlan, code, stdout};

/// A file outside the plan holding something that must never be printed.
fn secret_file(plan: &TestPlan) -> std::path::PathBuf {
    let secret = plan.root().join("secret.txt");
    fs::write(
        &secret,
        "password = \"TOPSECRET-1234\"\nnot toml at all TOPSECRET\n",
    )
    .unwrap();
    secret
}

fn check_output(plan: &TestPlan) -> (i32, String) {
    let output = plan.run(&["check", "--as-of", "2009-07-01"]);
    let all = format!(
        "{}{}",
        stdout(&output),
        String::from_utf8_lossy(&output.stderr)
    );
    (code(&output), all)
}

#[test]
fn a_link_to_a_file_outside_the_plan_is_named_not_read() {
    let plan = TestPlan::bundled();
    let secret = secret_file(&plan);
    symlink(&secret, plan.path("1/1.8.toml")).unwrap();
    let (code, out) = check_output(&plan);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("TOPSECRET"), "{out}");
    assert!(
        out.contains(&format!(
            "plan/1/1.8.toml: error[symbolic-link]: a symbolic link (to `{}`)",
            secret.display()
        )),
        "{out}"
    );
}

#[test]
fn a_link_to_the_environment_prints_no_environment() {
    let plan = TestPlan::bundled();
    symlink("/proc/self/environ", plan.path("1/1.8.toml")).unwrap();
    let output = crate::support::actionplan(plan.root())
        .env("API_TOKEN", "TOKEN-SHOULD-NOT-LEAK")
        .args(["--plan", "plan", "check"])
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        stdout(&output),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!all.contains("TOKEN-SHOULD-NOT-LEAK"), "{all}");
    assert!(all.contains("error[symbolic-link]"), "{all}");
}

#[test]
fn a_linked_folder_is_not_listed() {
    let plan = TestPlan::bundled();
    let outside = plan.root().join("outside");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("private-name-of-a-file"), "x").unwrap();
    symlink(&outside, plan.path("5")).unwrap();
    let (code, out) = check_output(&plan);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("private-name-of-a-file"), "{out}");
    assert!(out.contains("plan/5: error[symbolic-link]"), "{out}");
}

#[test]
fn plan_toml_itself_is_not_read_through_a_link() {
    let plan = TestPlan::bundled();
    let secret = secret_file(&plan);
    fs::remove_file(plan.path("plan.toml")).unwrap();
    symlink(&secret, plan.path("plan.toml")).unwrap();
    let (code, out) = check_output(&plan);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("TOPSECRET"), "{out}");
    assert!(
        out.contains("plan/plan.toml: error[symbolic-link]"),
        "{out}"
    );
}

#[test]
fn a_named_pipe_is_reported_without_being_opened() {
    let plan = TestPlan::bundled();
    let path = plan.path("1/1.8.toml");
    let name = std::ffi::CString::new(path.into_os_string().into_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
    let (code, out) = check_output(&plan);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[unreadable-file]: a named pipe, not a regular file"),
        "{out}"
    );
}

#[test]
fn a_committed_link_is_named_not_read_at_a_revision_or_when_staged() {
    let plan = TestPlan::bundled();
    let secret = secret_file(&plan);
    plan.commit_all("plan");
    symlink(&secret, plan.path("1/1.8.toml")).unwrap();
    plan.git(&["add", "plan/1/1.8.toml"]);
    let staged = plan.run(&["check", "--staged"]);
    let out = stdout(&staged);
    assert!(!out.contains("TOPSECRET"), "{out}");
    assert!(out.contains("error[symbolic-link]"), "{out}");
    plan.git(&["commit", "-q", "-m", "link"]);
    let at = plan.run(&["--at", "HEAD", "check"]);
    let out = stdout(&at);
    assert!(!out.contains("TOPSECRET"), "{out}");
    assert!(out.contains("error[symbolic-link]"), "{out}");
}

#[test]
fn a_file_that_is_not_utf8_is_located_but_not_quoted() {
    let plan = TestPlan::bundled();
    plan.write("1/1.8.toml", b"ref = \"1.8\"\nkey = \"SECRET\xff\"\n");
    let (code, out) = check_output(&plan);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("plan/1/1.8.toml:2:"), "{out}");
    assert!(!out.contains("SECRET"), "{out}");
}

const ESCAPE: &str = "\u{1b}]0;PWNED\u{7}";

/// The bundled plan with escape sequences in free text (its title, a
/// recommendation, an update's note): valid TOML (escapes), so every
/// report runs. Names cannot hold them (`invisible-character`).
fn plan_with_escapes() -> TestPlan {
    let plan = TestPlan::bundled();
    plan.edit(
        "plan.toml",
        "title = \"",
        "title = \"\\u001b]0;PWNED\\u0007",
    );
    plan.edit(
        "1/1.1.toml",
        "recommendation = \"",
        "recommendation = \"\\u001b[2J\\u009b31m\\r",
    );
    plan.edit(
        "1/1.1.toml",
        "status = \"not_started\"",
        "status = \"not_started\"\n\n[[actions.updates]]\ndate = 2009-06-30\nnote = \"Chased\\u001b]8;;http://x\\u0007link\"",
    );
    plan
}

#[test]
fn check_never_prints_an_escape_from_a_file_name_or_a_hint() {
    let plan = TestPlan::bundled();
    plan.write(&format!("1/evil{ESCAPE}.toml"), "ref = \"1.1\"\n");
    plan.edit(
        "1/1.1.toml",
        "lead = [\"",
        "lead = [\"Childrens Trust Manager\\u001b]0;X\\u0007\", \"",
    );
    let output = plan.run(&["check", "--as-of", "2009-07-01"]);
    let shown = [output.stdout.clone(), output.stderr.clone()].concat();
    assert_eq!(
        crate::support::terminal_controls(&shown),
        Vec::<String>::new()
    );
    assert!(stdout(&output).contains("evil\u{FFFD}]0;PWNED\u{FFFD}.toml"));
}

#[test]
fn an_ambiguous_or_unknown_officer_error_prints_no_escape() {
    let plan = plan_with_escapes();
    for lead in ["Manager\u{1b}]0;X\u{7}", "Children"] {
        let output = plan.run(&["list", "--lead", lead]);
        let shown = [output.stdout.clone(), output.stderr.clone()].concat();
        assert_eq!(code(&output), 2, "{}", String::from_utf8_lossy(&shown));
        assert_eq!(
            crate::support::terminal_controls(&shown),
            Vec::<String>::new()
        );
    }
}

#[test]
fn every_report_on_a_terminal_is_free_of_escapes() {
    let plan = plan_with_escapes();
    let reports: &[&[&str]] = &[
        &["list"],
        &["list", "--format", "csv"],
        &["list", "--format", "markdown"],
        &["list", "--format", "json"],
        &["show", "1.1"],
        &["show", "1.1", "--format", "markdown"],
        &["export"],
        &["export", "--format", "json"],
        &["digest", "--as-of", "2009-07-01"],
        &["digest", "--format", "html", "--as-of", "2009-07-01"],
        &["leads"],
    ];
    for args in reports {
        let screen = crate::support::run_on_terminal(&plan, args);
        assert!(
            screen.len() > 100,
            "{args:?}: {}",
            String::from_utf8_lossy(&screen)
        );
        assert_eq!(
            crate::support::terminal_controls(&screen),
            Vec::<String>::new(),
            "{args:?}"
        );
    }
}

#[test]
fn data_written_to_a_pipe_keeps_its_bytes() {
    let plan = plan_with_escapes();
    let output = plan.run(&["export", "--format", "json"]);
    assert!(
        stdout(&output).contains("\\u001b[2J"),
        "JSON escapes it itself"
    );
    let csv = plan.run(&["export"]);
    assert!(
        stdout(&csv).contains("\u{1b}[2J"),
        "CSV to a file is the data as it is"
    );
}

/// `actionplan --plan plan ARGS` run with umask `mask`.
fn run_with_umask(plan: &TestPlan, mask: u32, args: &[&str]) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    let mut command = crate::support::process(plan.root());
    command.args(["--plan", "plan"]).args(args);
    unsafe {
        command.pre_exec(move || {
            libc::umask(mask as libc::mode_t);
            Ok(())
        });
    }
    command.output().unwrap()
}

fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn new_reports_and_files_get_the_umasks_permissions() {
    let plan = TestPlan::bundled();
    plan.commit_all("plan");
    for (args, made) in [
        (&["export", "-o", "appendix.csv"][..], "appendix.csv"),
        (
            &["digest", "-o", "digest.md", "--as-of", "2009-07-01"][..],
            "digest.md",
        ),
        (
            &[
                "new",
                "4.16",
                "--recommendation",
                "Audit",
                "--action",
                "Run it",
                "--lead",
                "DCS",
                "--due",
                "2010-03-31",
            ][..],
            "plan/4/4.16.toml",
        ),
    ] {
        let output = run_with_umask(&plan, 0o022, args);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(mode(&plan.root().join(made)), 0o644, "{made}");
    }
    let output = run_with_umask(&plan, 0o077, &["export", "-o", "private.csv"]);
    assert!(output.status.success());
    assert_eq!(mode(&plan.root().join("private.csv")), 0o600);
}

#[test]
fn an_existing_report_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let plan = TestPlan::bundled();
    let path = plan.root().join("appendix.csv");
    fs::write(&path, "old").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    assert!(
        run_with_umask(&plan, 0o022, &["export", "-o", "appendix.csv"])
            .status
            .success()
    );
    assert_eq!(mode(&path), 0o640);
    assert!(fs::read_to_string(&path).unwrap().contains("Ref"));
}

#[test]
fn output_never_replaces_a_link_a_folder_or_a_special_file() {
    let plan = TestPlan::bundled();
    let target = plan.root().join("target.txt");
    fs::write(&target, "keep me").unwrap();
    symlink(&target, plan.root().join("link.csv")).unwrap();
    fs::create_dir(plan.root().join("folder")).unwrap();
    let fifo = plan.root().join("pipe.csv");
    let name = std::ffi::CString::new(fifo.clone().into_os_string().into_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
    for (command, path, said) in [
        ("export", "link.csv", "is a symbolic link (to `"),
        ("digest", "link.csv", "is a symbolic link"),
        (
            "export",
            "folder",
            "`folder` is a folder: give the name of a file",
        ),
        (
            "export",
            "pipe.csv",
            "`pipe.csv` is a named pipe, not a file",
        ),
        ("export", "/dev/zero", "`/dev/zero` is a device, not a file"),
        (
            "export",
            "nowhere/x.csv",
            "the folder `nowhere` does not exist",
        ),
    ] {
        let output = plan.run(&[command, "-o", path, "--as-of", "2009-07-01"]);
        let err = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(code(&output), 2, "{command} -o {path}: {err}");
        assert!(err.contains(said), "{command} -o {path}: {err}");
        assert!(!err.contains(".tmp`"), "no temporary name: {err}");
    }
    assert!(
        fs::symlink_metadata(plan.root().join("link.csv"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
    let left: Vec<_> = fs::read_dir(plan.root())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !left.iter().any(|n| n.to_string_lossy().ends_with(".tmp")),
        "{left:?}"
    );
}

#[test]
fn standard_output_and_dev_null_are_written_in_place() {
    let plan = TestPlan::bundled();
    let output = plan.run(&["export", "-o", "/dev/null"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let meta = fs::metadata("/dev/null").unwrap();
    use std::os::unix::fs::FileTypeExt;
    assert!(
        meta.file_type().is_char_device(),
        "/dev/null is still a device"
    );
    for path in ["-", "/dev/stdout"] {
        let output = plan.run(&["export", "-o", path]);
        assert!(stdout(&output).contains("Ref,Action"), "{path}");
    }
}

#[test]
fn notes_and_names_with_escapes_or_invisible_characters_are_refused() {
    let plan = TestPlan::bundled();
    plan.commit_all("plan");
    let before = plan.read("1/1.1.toml");
    let cases: [&[&str]; 4] = [
        &["update", "1.1", "--note", "ok\u{1b}]0;PWNED\u{7}"],
        &["update", "1.1", "--note", "fine", "--by", "Jo \u{202E}eoJ"],
        &[
            "new",
            "4.16",
            "--recommendation",
            "R",
            "--action",
            "A",
            "--lead",
            "D\u{200B}CS",
            "--due",
            "2010-01-31",
        ],
        &[
            "new",
            "4.16",
            "--recommendation",
            "R\u{1b}[2J",
            "--action",
            "A",
            "--lead",
            "DCS",
            "--due",
            "2010-01-31",
        ],
    ];
    for args in cases {
        let output = plan.run(args);
        let err = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(code(&output), 2, "{args:?}: {err}");
        assert!(err.contains("a control or invisible character"), "{err}");
        assert_eq!(
            crate::support::terminal_controls(err.as_bytes()),
            Vec::<String>::new()
        );
    }
    assert_eq!(plan.read("1/1.1.toml"), before);
    assert!(!plan.path("4/4.16.toml").exists());
}

#[test]
fn a_lead_with_a_zero_width_space_is_a_finding() {
    let plan = TestPlan::bundled();
    plan.edit("1/1.1.toml", "lead = [\"DCS\"]", "lead = [\"D\\u200BCS\"]");
    let output = plan.run(&["check"]);
    let out = stdout(&output);
    assert_eq!(code(&output), 1, "{out}");
    assert!(
        out.contains("error[invisible-character]: the lead \"D\\u{200b}CS\" holds U+200B"),
        "{out}"
    );
}

#[test]
fn a_descriptor_named_by_o_is_written_where_it_stands() {
    let plan = TestPlan::bundled();
    let log = plan.root().join("log.txt");
    fs::write(&log, "IMPORTANT LOG LINE\n".repeat(2000)).unwrap();
    let script = format!(
        "\"$0\" --plan plan export --no-bom -o /dev/fd/1 >> {}",
        log.display()
    );
    let status = std::process::Command::new("sh")
        .args(["-c", &script])
        .arg(assert_cmd::cargo::cargo_bin!("actionplan"))
        .current_dir(plan.root())
        .status()
        .unwrap();
    assert!(status.success());
    let text = fs::read_to_string(&log).unwrap();
    assert_eq!(
        text.matches("IMPORTANT LOG LINE").count(),
        2000,
        "appended, nothing overwritten"
    );
    assert!(text.contains("Ref,Action"));
}

#[test]
fn a_descriptor_on_a_terminal_is_guarded_like_standard_output() {
    let plan = plan_with_escapes();
    for path in ["/dev/fd/1", "/proc/self/fd/1"] {
        let screen = crate::support::run_on_terminal(&plan, &["export", "-o", path]);
        assert!(screen.len() > 100, "{path}");
        assert_eq!(
            crate::support::terminal_controls(&screen),
            Vec::<String>::new(),
            "{path}"
        );
    }
}

/// A plan whose 1.1 is left mid-merge, as `check --staged` reads it.
fn conflicted() -> TestPlan {
    let plan = TestPlan::bundled();
    plan.commit_all("plan");
    plan.git(&["checkout", "-q", "-b", "other"]);
    plan.edit("1/1.1.toml", "\"not_started\"", "\"on_track\"");
    plan.git(&["commit", "-q", "-am", "a"]);
    plan.git(&["checkout", "-q", "main"]);
    plan.edit("1/1.1.toml", "\"not_started\"", "\"at_risk\"");
    plan.git(&["commit", "-q", "-am", "b"]);
    let merged = std::process::Command::new("git")
        .args(["merge", "-q", "other"])
        .current_dir(plan.root())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap())
        .envs(crate::support::GIT_ENV)
        .output()
        .unwrap();
    assert!(!merged.status.success(), "a conflict");
    plan
}

#[test]
fn a_conflicted_file_is_read_as_the_loader_reads_never_through_a_link() {
    let plan = conflicted();
    let outside = plan.root().join("outside");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("1.1.toml"), "SECRET=hunter2\n").unwrap();
    fs::remove_dir_all(plan.path("1")).unwrap();
    symlink(&outside, plan.path("1")).unwrap();
    let output = plan.run(&["check", "--staged"]);
    let out = stdout(&output);
    assert!(!out.contains("hunter2"), "{out}");
    assert!(out.contains("plan/1: error[symbolic-link]"), "{out}");
    fs::remove_file(plan.path("1")).unwrap();
    fs::create_dir(plan.path("1")).unwrap();
    let fifo = std::ffi::CString::new(
        plan.path("1/1.1.toml")
            .into_os_string()
            .into_encoded_bytes(),
    )
    .unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let output = plan.run(&["check", "--staged"]);
    assert!(
        stdout(&output).contains("a named pipe, not a regular file"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_submodule_in_the_plan_folder_is_named_not_read() {
    let plan = TestPlan::bundled();
    plan.commit_all("plan");
    let head = plan.git(&["rev-parse", "HEAD"]);
    let cacheinfo = format!("160000,{},plan/1/1.9.toml", head.trim());
    plan.git(&["update-index", "--add", "--cacheinfo", &cacheinfo]);
    let output = plan.run(&["check", "--staged"]);
    assert_eq!(
        code(&output),
        1,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout(&output).contains("plan/1/1.9.toml: error[unreadable-file]: a git submodule"));
    plan.git(&["commit", "-q", "-m", "submodule"]);
    for args in [
        &["--at", "HEAD", "check"][..],
        &["history", "1.1"][..],
        &["changes", "--since", "HEAD~1"][..],
    ] {
        let output = plan.run(args);
        assert_ne!(
            code(&output),
            3,
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn a_plan_toml_that_is_a_pipe_is_named() {
    let plan = TestPlan::bundled();
    fs::remove_file(plan.path("plan.toml")).unwrap();
    let fifo = std::ffi::CString::new(plan.path("plan.toml").into_os_string().into_encoded_bytes())
        .unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let output = crate::support::actionplan(plan.root())
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(code(&output), 1);
    assert!(
        stdout(&output).contains("plan/plan.toml: error[unreadable-file]: a named pipe"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_replaced_file_keeps_its_owner_where_the_system_allows() {
    use std::os::unix::fs::MetadataExt;
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("note: not root; the owner of another user's file cannot be kept");
        return;
    }
    let plan = TestPlan::bundled();
    plan.commit_all("plan");
    let report = plan.root().join("c.csv");
    fs::write(&report, "old").unwrap();
    std::os::unix::fs::chown(&report, Some(65534), Some(65534)).unwrap();
    std::os::unix::fs::chown(plan.path("2/2.1.toml"), Some(65534), Some(65534)).unwrap();
    assert_eq!(code(&plan.run(&["export", "-o", "c.csv"])), 0);
    let output = plan.run(&["update", "2.1", "--note", "x", "--date", "2009-07-02"]);
    assert_eq!(
        code(&output),
        0,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for path in [report, plan.path("2/2.1.toml")] {
        let meta = fs::metadata(&path).unwrap();
        assert_eq!(
            (meta.uid(), meta.gid()),
            (65534, 65534),
            "{}",
            path.display()
        );
    }
}

#[test]
fn a_terminal_that_reports_no_size_still_gets_a_table() {
    let plan = TestPlan::bundled();
    let screen = crate::support::run_on_terminal(&plan, &["list", "--color", "never"]);
    let text = String::from_utf8_lossy(&screen);
    assert!(text.contains("│ Ref "), "{text}");
}

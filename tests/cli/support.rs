//! Running the real binary on real folders, isolated from the machine:
//! cleared environment, no user git config, no colour, fixed dates.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

/// The repository's root, where `plan/` and `tests/fixtures/` live.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The binary with an environment holding only what it needs.
pub fn actionplan(cwd: &Path) -> Command {
    Command::from_std(process(cwd))
}

/// The same, as a plain process, for tests that manage its pipes.
pub fn process(cwd: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("actionplan"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", cwd)
        .env("LANG", "C.UTF-8")
        .env("TZ", "UTC")
        .envs(GIT_ENV)
        .current_dir(cwd);
    cmd
}

/// Git isolated from the machine's configuration, with a fixed author and
/// date, so commits (and their hashes) are the same on every run.
pub const GIT_ENV: [(&str, &str); 8] = [
    ("GIT_CONFIG_GLOBAL", "/dev/null"),
    ("GIT_CONFIG_NOSYSTEM", "1"),
    ("GIT_AUTHOR_NAME", "Business Manager"),
    ("GIT_AUTHOR_EMAIL", "business.manager@example.org"),
    ("GIT_AUTHOR_DATE", "2009-07-02T09:00:00+01:00"),
    ("GIT_COMMITTER_NAME", "Business Manager"),
    ("GIT_COMMITTER_EMAIL", "business.manager@example.org"),
    ("GIT_COMMITTER_DATE", "2009-07-02T09:00:00+01:00"),
];

/// A plan folder in a temporary directory, at `<tmp>/plan`.
pub struct TestPlan {
    dir: TempDir,
}

impl TestPlan {
    /// A copy of the bundled Herefordshire plan.
    pub fn bundled() -> TestPlan {
        TestPlan::copy_of(&repo().join("plan"))
    }

    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> TestPlan {
        TestPlan::copy_of(&repo().join("tests/fixtures").join(name))
    }

    pub fn copy_of(folder: &Path) -> TestPlan {
        let dir = tempfile::tempdir().expect("a temporary folder");
        copy_tree(folder, &dir.path().join("plan"));
        TestPlan { dir }
    }

    /// The folder holding `plan/`; commands run here.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the plan folder.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root().join("plan").join(relative)
    }

    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path(relative)).expect("a readable plan file")
    }

    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }

    /// Replaces the first `from` in a plan file with `to`.
    pub fn edit(&self, relative: &str, from: &str, to: &str) {
        let text = self.read(relative);
        assert!(text.contains(from), "{relative} has no {from:?}");
        self.write(relative, text.replacen(from, to, 1));
    }

    /// Runs `git ARGS` in the root, isolated; panics if it fails.
    pub fn git(&self, args: &[&str]) -> String {
        self.git_with(args, &[])
    }

    fn git_with(&self, args: &[&str], extra_env: &[(&str, &str)]) -> String {
        let output = std::process::Command::new("git")
            .args(args)
            .current_dir(self.root())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.root())
            .envs(GIT_ENV)
            .envs(extra_env.iter().copied())
            .output()
            .expect("git runs");
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// A repository in the root holding everything, committed.
    pub fn commit_all(&self, message: &str) {
        if !self.root().join(".git").exists() {
            self.git(&["init", "-q", "-b", "main"]);
        }
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    /// Runs `git ARGS` with author and committer dated `date` (YYYY-MM-DD).
    pub fn git_on(&self, date: &str, args: &[&str]) -> String {
        let when = format!("{date}T09:00:00+01:00");
        self.git_with(
            args,
            &[("GIT_AUTHOR_DATE", &when), ("GIT_COMMITTER_DATE", &when)],
        )
    }

    /// Runs `git ARGS` with author and committer dated `when`, a full
    /// ISO 8601 time with its offset.
    pub fn git_at(&self, when: &str, args: &[&str]) -> String {
        self.git_with(
            args,
            &[("GIT_AUTHOR_DATE", when), ("GIT_COMMITTER_DATE", when)],
        )
    }

    /// Runs `actionplan --plan plan ARGS` as `author`, with git dating its
    /// commits `date` (YYYY-MM-DD).
    pub fn run_as(&self, author: &str, date: &str, args: &[&str]) -> Output {
        let when = format!("{date}T09:00:00+01:00");
        actionplan(self.root())
            .env("GIT_AUTHOR_NAME", author)
            .env("GIT_AUTHOR_DATE", &when)
            .env("GIT_COMMITTER_DATE", &when)
            .arg("--plan")
            .arg("plan")
            .args(args)
            .output()
            .unwrap()
    }

    /// Runs `actionplan --plan plan ARGS` in the root.
    pub fn run(&self, args: &[&str]) -> Output {
        actionplan(self.root())
            .arg("--plan")
            .arg("plan")
            .args(args)
            .output()
            .unwrap()
    }
}

/// Runs `actionplan --plan plan ARGS` in `cwd` with its standard output
/// closed before it writes: its exit code and what it said on stderr.
pub fn into_closed_pipe(cwd: &Path, args: &[&str]) -> (Option<i32>, String) {
    use std::io::Read;
    let mut child = process(cwd)
        .args(["--plan", "plan"])
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (child.wait().unwrap().code(), err)
}

/// Copies a folder, keeping symbolic links as links.
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        let kind = entry.file_type().unwrap();
        if kind.is_symlink() {
            std::os::unix::fs::symlink(fs::read_link(entry.path()).unwrap(), &target).unwrap();
        } else if kind.is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The cells of a CSV file, header row included, past any byte-order mark.
pub fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

pub fn code(output: &Output) -> i32 {
    output.status.code().expect("an exit code, not a signal")
}

/// Runs `actionplan --plan plan ARGS` with its standard output on a
/// pseudo-terminal, as a person at a terminal would see it; returns the
/// bytes the terminal received.
pub fn run_on_terminal(plan: &TestPlan, args: &[&str]) -> Vec<u8> {
    on_terminal(plan, args).screen
}

/// What a process run with its standard output on a terminal did.
pub struct OnTerminal {
    /// The bytes the terminal received.
    pub screen: Vec<u8>,
    pub status: std::process::ExitStatus,
    pub stderr: String,
}

/// As [`run_on_terminal`], with how the process ended and what it said
/// on standard error (a pipe).
pub fn on_terminal(plan: &TestPlan, args: &[&str]) -> OnTerminal {
    use std::io::Read;
    use std::os::fd::FromRawFd;
    let (mut leader, mut follower) = (0, 0);
    let opened = unsafe {
        libc::openpty(
            &mut leader,
            &mut follower,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(opened, 0, "a pseudo-terminal");
    let terminal = unsafe { std::fs::File::from_raw_fd(follower) };
    let mut child = process(plan.root())
        .arg("--plan")
        .arg("plan")
        .args(args)
        .stdout(terminal)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut errors = child.stderr.take().unwrap();
    let mut screen = unsafe { std::fs::File::from_raw_fd(leader) };
    let mut seen = Vec::new();
    let mut buffer = [0; 4096];
    // Reading the leader ends with EIO once the child has closed its end.
    while let Ok(n) = screen.read(&mut buffer) {
        if n == 0 {
            break;
        }
        seen.extend_from_slice(&buffer[..n]);
    }
    let mut stderr = String::new();
    errors.read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    OnTerminal {
        screen: seen,
        status,
        stderr,
    }
}

/// What in `bytes` a terminal would act on rather than draw: C0 controls
/// but LF, CR (the terminal's own line ends) and tab; DEL; C1. Colour
/// codes (`ESC [ 1;31 m`) are the tool's own and are let be.
pub fn terminal_controls(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut found = Vec::new();
    let mut rest = text.as_ref();
    while let Some(c) = rest.chars().next() {
        let colour = rest
            .strip_prefix("\u{1b}[")
            .and_then(|r| {
                r.find(|c: char| !c.is_ascii_digit() && c != ';')
                    .map(|i| (r, i))
            })
            .filter(|(r, i)| r[*i..].starts_with('m'));
        if let Some((r, i)) = colour {
            rest = &r[i + 1..];
            continue;
        }
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t') {
            found.push(format!(
                "U+{:04X} before {:?}",
                c as u32,
                rest.chars().skip(1).take(12).collect::<String>()
            ));
        }
        rest = &rest[c.len_utf8()..];
    }
    found.truncate(5);
    found
}

/// Whether a program a test needs is installed. CI (`.ci/run`) installs
/// them and sets ACTIONPLAN_REQUIRE_TOOLS=1, so there it must be present;
/// elsewhere a missing one skips the test with a note, so `cargo test`
/// runs anywhere.
pub fn available(program: &str) -> bool {
    let answers = |flag: &str| {
        std::process::Command::new(program)
            .arg(flag)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    // Poppler's tools (pdftoppm, pdftotext) answer only to -v.
    let found = answers("--version") || answers("-v");
    if !found {
        assert!(
            std::env::var_os("ACTIONPLAN_REQUIRE_TOOLS").is_none(),
            "{program} is required (install it: .ci/run shows how)"
        );
        eprintln!("note: {program} is not installed; skipping this check");
    }
    found
}

/// Whether `python3` can import `module` (python-docx is `docx`): as
/// [`available`], required under ACTIONPLAN_REQUIRE_TOOLS, else a note.
pub fn python_module(module: &str) -> bool {
    if !available("python3") {
        return false;
    }
    let found = std::process::Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("ACTIONPLAN_REQUIRE_TOOLS").is_none(),
            "the Python module {module} is required (install it: .ci/run shows how)"
        );
        eprintln!("note: the Python module {module} is not installed; skipping this check");
    }
    found
}

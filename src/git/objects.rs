//! Reading git objects: every blob a command needs through one
//! long-running `git cat-file --batch`, never a process per object.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Stdio};
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver};
use std::thread;

use anyhow::{Context, Result, anyhow, bail};

use super::git_ok;

/// Object contents by object id.
pub type Blobs = HashMap<String, Vec<u8>>;

/// The contents of the blobs (or commits) `ids`; duplicates are read once.
pub fn read_blobs(plan_dir: &Path, ids: &[&str]) -> Result<Blobs> {
    let mut wanted: Vec<&str> = ids.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let mut child = super::command(plan_dir)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("failed to run `git cat-file` (is git installed?)")?;
    let mut stdin = child.stdin.take().expect("stdin was piped");
    let requests: String = wanted.iter().map(|id| format!("{id}\n")).collect();
    // Written from a thread: git answers while we ask, and a full pipe
    // either way would otherwise stop both.
    let writer = thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let stdout = child.stdout.take().expect("stdout was piped");
    let read = read_answers(BufReader::new(stdout), &wanted);
    let _ = writer.join();
    let status = child.wait().context("failed to wait for `git cat-file`")?;
    let blobs = read?;
    if !status.success() {
        bail!("`git cat-file --batch` failed");
    }
    Ok(blobs)
}

fn read_answers(mut out: impl BufRead, wanted: &[&str]) -> Result<Blobs> {
    let mut blobs = Blobs::with_capacity(wanted.len());
    let mut header = String::new();
    for id in wanted {
        header.clear();
        out.read_line(&mut header)?;
        let contents = read_one(&mut out, id, &header)?;
        blobs.insert((*id).to_string(), contents);
    }
    Ok(blobs)
}

/// Answers handed to the workers at a time.
const BATCH: usize = 32;

/// Ids written to git at a time: one write, and one hand-over to the
/// reader, for many requests. A pipe holds a few hundred ids, so git is
/// never kept waiting long, and the last of them go when asking ends.
const REQUESTS: usize = 128;

/// One `git cat-file --batch` asked while it answers: `ask` runs on this
/// thread and is given a function that asks for one object (its id and
/// what the caller calls it); the answers are handed, as they arrive, to
/// `answer` on one thread per core. Git reads while `ask` is still
/// finding what to ask for (say, while it reads `git log`), and the
/// workers make what they make of each answer while git reads the next:
/// nothing waits for everything to be read. Returns what `ask` returned
/// and every answer's result, in no particular order.
pub fn read_streamed<K: Send, A, R: Send>(
    plan_dir: &Path,
    ask: impl FnOnce(&mut dyn FnMut(String, K)) -> Result<A>,
    answer: impl Fn(String, K, Vec<u8>) -> R + Sync,
) -> Result<(A, Vec<R>)> {
    let mut child = super::command(plan_dir)
        // `--buffer`: answers are written a pipe-full at a time.
        .args(["cat-file", "--batch", "--buffer"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("failed to run `git cat-file` (is git installed?)")?;
    let stdin = child.stdin.take().expect("stdin was piped");
    let stdout = child.stdout.take().expect("stdout was piped");
    // `git log` and `cat-file` keep a core busy while versions arrive: a
    // worker on every core would take turns with them, and the log is
    // what the whole pass waits for (on two cores, 1.8× the floor with
    // one worker against 1.9× with two).
    let cores = thread::available_parallelism().map_or(1, usize::from);
    let workers = cores.saturating_sub(1).max(1);
    let (to_workers, work) = mpsc::sync_channel::<Vec<(String, K, Vec<u8>)>>(workers * 4);
    let work = Mutex::new(Some(work));
    let (work, answer) = (&work, &answer);
    let (asked, outcome) = thread::scope(|scope| {
        let (to_reader, order) = mpsc::channel::<Vec<(String, K)>>();
        // The reader hears of each request before git does, so it always
        // knows what git answers next and drains git's output while more
        // is asked: the two pipes never fill with both sides waiting.
        let reader = scope.spawn(move || read_in_order(stdout, &order, &to_workers));
        let workers: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(move || {
                    let _stop = StopOnPanic(work);
                    let mut made = Vec::new();
                    // One worker waits for the next batch; the others, for it.
                    let next = || work.lock().ok()?.as_ref()?.recv().ok();
                    while let Some(batch) = next() {
                        let answered = batch.into_iter();
                        made.extend(answered.map(|(id, kind, bytes)| answer(id, kind, bytes)));
                    }
                    made
                })
            })
            .collect();
        let mut requests = Requests::new(stdin, to_reader);
        let asked = ask(&mut |id, kind| requests.push(id, kind));
        // Should the reader have stopped, its error is reported below.
        requests.finish();
        let read = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let made: Vec<R> = workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect();
        (asked, read.map(|()| made))
    });
    let status = child.wait().context("failed to wait for `git cat-file`")?;
    let asked = asked?;
    let made = outcome?;
    if !status.success() {
        bail!("`git cat-file --batch` failed");
    }
    Ok((asked, made))
}

/// Drops the workers' end of the channel when a worker panics, so that
/// the reader's next hand-over fails and it stops, rather than wait for
/// workers that are gone; the panic is then passed on when the worker is
/// joined.
struct StopOnPanic<'w, T>(&'w Mutex<Option<Receiver<T>>>);

impl<T> Drop for StopOnPanic<'_, T> {
    fn drop(&mut self) {
        if thread::panicking() {
            let mut work = self
                .0
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            work.take();
        }
    }
}

/// Requests on their way to git: held until [`REQUESTS`] are waiting,
/// then handed to the reader and written to git in one go.
struct Requests<K> {
    git: BufWriter<ChildStdin>,
    reader: mpsc::Sender<Vec<(String, K)>>,
    waiting: Vec<(String, K)>,
    /// Git or the reader has stopped: nothing more is asked.
    stopped: bool,
}

impl<K> Requests<K> {
    fn new(stdin: ChildStdin, reader: mpsc::Sender<Vec<(String, K)>>) -> Self {
        Requests {
            git: BufWriter::with_capacity(REQUESTS * 72, stdin),
            reader,
            waiting: Vec::with_capacity(REQUESTS),
            stopped: false,
        }
    }

    fn push(&mut self, id: String, kind: K) {
        self.waiting.push((id, kind));
        if self.waiting.len() == REQUESTS {
            self.send();
        }
    }

    fn send(&mut self) {
        if self.stopped || self.waiting.is_empty() {
            return;
        }
        let batch = std::mem::replace(&mut self.waiting, Vec::with_capacity(REQUESTS));
        let mut ids = String::with_capacity(batch.len() * 65);
        for (id, _) in &batch {
            ids.push_str(id);
            ids.push('\n');
        }
        self.stopped = self.reader.send(batch).is_err()
            || self.git.write_all(ids.as_bytes()).is_err()
            || self.git.flush().is_err();
    }

    /// Sends what is waiting, then closes git's input (by dropping it), so
    /// that git answers the last requests and ends.
    fn finish(mut self) {
        self.send();
    }
}

/// Reads git's answer to each request in turn, handing them to the
/// workers [`BATCH`] at a time (fewer at the end of what git was asked at
/// once).
fn read_in_order<K>(
    stdout: std::process::ChildStdout,
    order: &Receiver<Vec<(String, K)>>,
    to_workers: &mpsc::SyncSender<Vec<(String, K, Vec<u8>)>>,
) -> Result<()> {
    let mut out = BufReader::with_capacity(1 << 16, stdout);
    let mut batch = Vec::with_capacity(BATCH);
    let mut header = String::new();
    for requests in order {
        for (id, kind) in requests {
            header.clear();
            out.read_line(&mut header)?;
            let contents = read_one(&mut out, &id, &header)?;
            batch.push((id, kind, contents));
            if batch.len() == BATCH {
                let _ = to_workers.send(std::mem::take(&mut batch));
            }
        }
        // What git was asked at once is all read: hand it over.
        if !batch.is_empty() {
            let _ = to_workers.send(std::mem::take(&mut batch));
        }
    }
    Ok(())
}

/// The contents of object `id`, whose header git has just written.
fn read_one(out: &mut impl Read, id: &str, header: &str) -> Result<Vec<u8>> {
    let fields: Vec<&str> = header.split_whitespace().collect();
    let size: usize = match fields.as_slice() {
        [_, "blob", size] => size.parse().map_err(|_| anyhow!("git said `{header}`"))?,
        _ => bail!("git has no object {id}: it said `{}`", header.trim()),
    };
    let mut contents = vec![0; size + 1];
    out.read_exact(&mut contents)?;
    contents.pop(); // the newline after each object
    Ok(contents)
}

/// A file as git stores it: its path relative to the plan folder, what
/// kind of entry it is, and its contents (for a link: where it points).
pub struct Entry {
    pub path: PathBuf,
    pub kind: EntryKind,
    pub bytes: Vec<u8>,
}

/// What git holds at a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    File,
    /// A symbolic link (mode 120000).
    Link,
    /// Another repository (a submodule, mode 160000): no contents here.
    Submodule,
}

impl EntryKind {
    pub(super) fn of_mode(mode: &str) -> EntryKind {
        match mode {
            "120000" => EntryKind::Link,
            "160000" => EntryKind::Submodule,
            _ => EntryKind::File,
        }
    }
}

/// Every file under the plan folder as committed at `revision`.
pub fn tree_files(plan_dir: &Path, revision: &str) -> Result<Vec<Entry>> {
    let listing = git_ok(
        plan_dir,
        &[
            "ls-tree",
            "-r",
            "-z",
            "--end-of-options",
            revision,
            "--",
            ".",
        ],
    )?;
    let mut entries = Vec::new();
    for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            bail!("unexpected `git ls-tree` line: {entry}");
        };
        let mut meta = meta.split(' ');
        if let (Some(mode), Some(_), Some(id)) = (meta.next(), meta.next(), meta.next()) {
            entries.push((
                PathBuf::from(path),
                id.to_string(),
                EntryKind::of_mode(mode),
            ));
        }
    }
    contents(plan_dir, entries)
}

/// Entries with their contents, every blob in one batch; a submodule has
/// none to read.
pub(super) fn contents(
    plan_dir: &Path,
    entries: Vec<(PathBuf, String, EntryKind)>,
) -> Result<Vec<Entry>> {
    let ids: Vec<&str> = entries
        .iter()
        .filter(|(_, _, kind)| *kind != EntryKind::Submodule)
        .map(|(_, id, _)| id.as_str())
        .collect();
    let blobs = read_blobs(plan_dir, &ids)?;
    Ok(entries
        .into_iter()
        .map(|(path, id, kind)| Entry {
            bytes: blobs.get(&id).cloned().unwrap_or_default(),
            path,
            kind,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    /// A repository holding `count` blobs, and their ids and contents.
    fn repository_of_blobs(count: usize) -> (tempfile::TempDir, Vec<(String, Vec<u8>)>) {
        let dir = tempfile::tempdir().unwrap();
        let git = |args: &[&str], input: Stdio| {
            let output = Command::new("git")
                .args(args)
                .current_dir(dir.path())
                .env("GIT_CONFIG_GLOBAL", "/dev/null")
                .stdin(input)
                .output()
                .unwrap();
            assert!(output.status.success(), "git {args:?}");
            String::from_utf8(output.stdout).unwrap()
        };
        git(&["init", "-q"], Stdio::null());
        let mut paths = String::new();
        let mut contents = Vec::new();
        for n in 0..count {
            // Sizes from a few bytes to past a pipe's 64 KiB.
            let body = format!("version {n}\n")
                .repeat(1 + n % 7 * 1200)
                .into_bytes();
            let path = dir.path().join(format!("blob{n}"));
            std::fs::write(&path, &body).unwrap();
            paths.push_str(&format!("{}\n", path.display()));
            contents.push(body);
        }
        std::fs::write(dir.path().join("paths"), paths).unwrap();
        let listing = std::fs::File::open(dir.path().join("paths")).unwrap();
        let ids = git(&["hash-object", "-w", "--stdin-paths"], listing.into());
        let ids: Vec<String> = ids.lines().map(str::to_string).collect();
        assert_eq!(ids.len(), count);
        (dir, ids.into_iter().zip(contents).collect())
    }

    #[test]
    fn every_object_asked_for_is_answered_with_what_it_was_asked_as() {
        // More than a batch of requests, and answers larger than a pipe.
        let (dir, blobs) = repository_of_blobs(3 * REQUESTS + 5);
        let (asked, answers) = read_streamed(
            dir.path(),
            |ask| {
                for (n, (id, _)) in blobs.iter().enumerate() {
                    ask(id.clone(), n);
                }
                Ok(blobs.len())
            },
            |id, n, bytes| (id, n, bytes),
        )
        .unwrap();
        assert_eq!(asked, blobs.len());
        assert_eq!(answers.len(), blobs.len());
        for (id, n, bytes) in answers {
            assert_eq!(id, blobs[n].0);
            assert!(bytes == blobs[n].1, "object {n} came back changed");
        }
    }

    #[test]
    fn an_object_git_does_not_have_is_an_error_not_a_wait() {
        let (dir, blobs) = repository_of_blobs(REQUESTS + 1);
        let missing = "0123456789".repeat(4);
        let result = read_streamed(
            dir.path(),
            |ask| {
                for (id, _) in &blobs[..REQUESTS / 2] {
                    ask(id.clone(), ());
                }
                ask(missing.clone(), ());
                for (id, _) in &blobs[REQUESTS / 2..] {
                    ask(id.clone(), ());
                }
                Ok(())
            },
            |_, (), bytes| bytes.len(),
        );
        let error = result.expect_err("a missing object is an error");
        assert!(error.to_string().contains(&missing), "{error}");
    }

    #[test]
    #[should_panic(expected = "a worker's own panic")]
    fn a_panicking_worker_is_passed_on_not_waited_for() {
        // Enough answers to fill the workers' channel many times over.
        let (dir, blobs) = repository_of_blobs(6 * REQUESTS);
        let _ = read_streamed(
            dir.path(),
            |ask| {
                for (id, _) in &blobs {
                    ask(id.clone(), ());
                }
                Ok(())
            },
            |_, (), _| -> () { panic!("a worker's own panic") },
        );
    }
}

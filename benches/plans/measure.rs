//! Wall time and peak memory of one process, from the kernel's own
//! accounting (`wait4`), so the tool and the floor are measured alike.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub struct Run {
    pub wall: Duration,
    /// Peak resident set size, in KiB.
    pub peak_kib: u64,
    pub stdout: String,
    pub code: i32,
}

// The child is reaped by `wait4` below, which also reports its peak memory.
#[allow(clippy::zombie_processes)]
pub fn run(command: &mut Command) -> Run {
    let start = Instant::now();
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own unwaited child; status and usage are valid.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert!(pid > 0, "wait4 failed");
    Run {
        wall: start.elapsed(),
        peak_kib: usage.ru_maxrss as u64,
        stdout,
        code: libc::WEXITSTATUS(status),
    }
}

/// Runs each command `times` times, interleaved so that whatever else the
/// machine does falls on all of them alike; for each, the median wall time
/// and the median peak memory.
pub fn interleaved(times: usize, makers: &mut [&mut dyn FnMut() -> Command]) -> Vec<Run> {
    let mut runs: Vec<Vec<Run>> = makers.iter().map(|_| Vec::new()).collect();
    for _ in 0..times {
        for (make, runs) in makers.iter_mut().zip(&mut runs) {
            runs.push(run(&mut make()));
        }
    }
    runs.into_iter().map(median).collect()
}

fn median(mut runs: Vec<Run>) -> Run {
    let middle = runs.len() / 2;
    let mut peaks: Vec<u64> = runs.iter().map(|r| r.peak_kib).collect();
    peaks.sort();
    runs.sort_by_key(|r| r.wall);
    let mut run = runs.swap_remove(middle);
    run.peak_kib = peaks[middle];
    run
}

/// "  263ms    45.9MiB    1.11    1.23": time, peak memory, and both as
/// ratios to the floor.
pub fn figures(run: &Run, floor: &Run) -> String {
    let ms = run.wall.as_secs_f64() * 1000.0;
    let time_ratio = run.wall.as_secs_f64() / floor.wall.as_secs_f64();
    let mem_ratio = run.peak_kib as f64 / floor.peak_kib as f64;
    let mib = run.peak_kib as f64 / 1024.0;
    format!("{ms:>7.0}ms {mib:>7.1}MiB {time_ratio:>7.2} {mem_ratio:>7.2}")
}

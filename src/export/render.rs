//! SVG, PNG and PDF by the system Graphviz `dot`, with a time limit and a limit on the bytes
//! read back (`limits::MAX_DOT_OUTPUT`); a `dot` that crashes is named with its signal.

use std::io::{Read, Write};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diag::{Code, Diagnostic, Error};
use crate::limits::MAX_DOT_OUTPUT;

const LIMIT: Duration = Duration::from_secs(120);

/// What of dot's stderr is kept for a message.
const STDERR_KEPT: u64 = 16 << 10;

/// Runs `dot -T<format>` on the DOT text and returns its output.
pub fn render(dot: &str, format: &str) -> Result<Vec<u8>, Error> {
    let max = MAX_DOT_OUTPUT.get()?;
    let mut child = spawn(format)?;
    // Feed stdin and drain stdout/stderr on threads so a large graph cannot deadlock the pipes.
    let mut stdin = child.stdin.take().expect("piped");
    let input = dot.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let stdout = child.stdout.take().expect("piped");
    // One byte past the limit tells a full output from one that was cut.
    let over = Arc::new(AtomicBool::new(false));
    let cut = over.clone();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let read = stdout
            .take(max.saturating_add(1))
            .read_to_end(&mut buf)
            .map(|_| buf);
        if read.as_ref().is_ok_and(|b| b.len() as u64 > max) {
            cut.store(true, Ordering::Relaxed);
        }
        read
    });
    let stderr = child.stderr.take().expect("piped");
    let err_reader = std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut stderr = stderr;
        let _ = (&mut stderr).take(STDERR_KEPT).read_to_end(&mut kept);
        // The rest is read and dropped, so dot never blocks on a full pipe.
        let _ = std::io::copy(&mut stderr, &mut std::io::sink());
        String::from_utf8_lossy(&kept).into_owned()
    });
    let status = wait(&mut child, &over)?;
    let _ = writer.join();
    let out = reader
        .join()
        .expect("reader thread")
        .map_err(|e| Error::msg(Code::Graphviz, format!("reading dot's output: {e}")))?;
    if out.len() as u64 > max {
        return Err(Error::one(
            Diagnostic::error(
                Code::TooLarge,
                format!(
                    "dot's {format} passed the limit of {}",
                    MAX_DOT_OUTPUT.show(max)
                ),
            )
            .help(format!(
                "draw a smaller selection (--lineage, --depth, --kind); {}",
                MAX_DOT_OUTPUT.raise_hint()
            )),
        ));
    }
    let err = err_reader.join().unwrap_or_default();
    if !status.success() {
        return Err(failed(status, err.trim()));
    }
    Ok(out)
}

fn spawn(format: &str) -> Result<std::process::Child, Error> {
    match Command::new("dot").arg(format!("-T{format}")).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn() {
        Ok(c) => Ok(c),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::one(
            Diagnostic::error(Code::NoGraphviz, format!("rendering {format} needs Graphviz's `dot`, which is not installed"))
                .help("install the Debian package graphviz: apt-get install -y graphviz (or use --format dot)"),
        )),
        Err(e) => Err(Error::msg(Code::Graphviz, format!("cannot run dot: {e}"))),
    }
}

/// Waits for dot, within the time limit; ends it once its output passed the byte limit.
fn wait(child: &mut std::process::Child, over: &AtomicBool) -> Result<ExitStatus, Error> {
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if over.load(Ordering::Relaxed) => {
                let _ = child.kill();
                return child
                    .wait()
                    .map_err(|e| Error::msg(Code::Graphviz, format!("waiting for dot: {e}")));
            }
            Ok(None) if start.elapsed() > LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Error::one(
                    Diagnostic::error(Code::Graphviz, format!("dot did not finish within {} s", LIMIT.as_secs()))
                        .help("draw a smaller selection (--lineage, --depth, --kind) or write --format dot"),
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(Error::msg(Code::Graphviz, format!("waiting for dot: {e}"))),
        }
    }
}

/// dot failed: what it said, or, when it said nothing, how it ended.
fn failed(status: ExitStatus, said: &str) -> Error {
    use std::os::unix::process::ExitStatusExt;
    let how = match (status.signal(), status.code()) {
        (Some(sig), _) => format!("dot was killed by signal {sig} ({})", signal_name(sig)),
        (None, Some(code)) => format!("dot exited with status {code}"),
        (None, None) => "dot failed".to_string(),
    };
    let message = if said.is_empty() {
        format!("{how} and said nothing")
    } else {
        format!("{how}: {said}")
    };
    Error::one(Diagnostic::error(Code::Graphviz, message).help(
        "Graphviz can crash or run out of memory on large or unusual graphs: draw a smaller \
         selection (--lineage, --depth, --kind), try another --rankdir or --cluster-by, or \
         write --format dot",
    ))
}

fn signal_name(sig: i32) -> &'static str {
    match sig {
        libc::SIGSEGV => "SIGSEGV, a crash",
        libc::SIGABRT => "SIGABRT, an abort",
        libc::SIGKILL => "SIGKILL, perhaps out of memory",
        libc::SIGBUS => "SIGBUS, a crash",
        libc::SIGFPE => "SIGFPE, a crash",
        libc::SIGTERM => "SIGTERM",
        _ => "a signal",
    }
}

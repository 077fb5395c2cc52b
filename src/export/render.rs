//! SVG, PNG and PDF by the system Graphviz `dot`, with a time limit.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::diag::{Code, Diagnostic, Error};

const LIMIT: Duration = Duration::from_secs(120);

/// Runs `dot -T<format>` on the DOT text and returns its output.
pub fn render(dot: &str, format: &str) -> Result<Vec<u8>, Error> {
    let mut child = match Command::new("dot").arg(format!("-T{format}")).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::one(
                Diagnostic::error(Code::NoGraphviz, format!("rendering {format} needs Graphviz's `dot`, which is not installed"))
                    .help("install the Debian package graphviz: apt-get install -y graphviz (or use --format dot)"),
            ))
        }
        Err(e) => return Err(Error::msg(Code::Graphviz, format!("cannot run dot: {e}"))),
    };
    // Feed stdin and drain stdout/stderr on threads so a large graph cannot deadlock the pipes.
    let mut stdin = child.stdin.take().expect("piped");
    let input = dot.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stdout.read_to_end(&mut buf).map(|_| buf)
    });
    let mut stderr = child.stderr.take().expect("piped");
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
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
    };
    let _ = writer.join();
    let out = reader
        .join()
        .expect("reader thread")
        .map_err(|e| Error::msg(Code::Graphviz, format!("reading dot's output: {e}")))?;
    let err = err_reader.join().unwrap_or_default();
    if !status.success() {
        return Err(Error::msg(
            Code::Graphviz,
            format!("dot failed: {}", err.trim()),
        ));
    }
    Ok(out)
}

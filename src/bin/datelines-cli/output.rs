//! Writing Datelines JSON entry by entry, and progress on stderr.

use datelines::formats::datelines::write_json;
use datelines::formats::input::io_reason;
use datelines::model::NewsItem;
use std::cell::Cell;
use std::io::{BufWriter, IsTerminal, Write};

/// Progress lines on stderr for big inputs: with `--progress`, or when stderr is a terminal.
/// Never otherwise, so that tests and scripts see the same output every time.
pub struct Progress {
    on: bool,
    /// When the last line was printed, to keep at most one line per step.
    last: Cell<usize>,
}

/// Entries between two progress lines.
pub const STEP: usize = 10_000;

impl Progress {
    pub fn new(forced: bool) -> Self {
        Progress { on: forced || std::io::stderr().is_terminal(), last: Cell::new(0) }
    }

    pub fn note(&self, message: &str) {
        if self.on {
            eprintln!("datelines-cli: {message}");
        }
    }

    /// Called with the running count: prints every [`STEP`] entries.
    pub fn every(&self, count: usize, what: &str) {
        if self.on && count % STEP == 0 && count != self.last.get() {
            self.last.set(count);
            eprintln!("datelines-cli: {} {what}", datelines::i18n::EN.number(count));
        }
    }

    /// The final count of a phase, when it is big enough to have shown steps.
    pub fn done(&self, count: usize, what: &str) {
        if self.on && count >= STEP && count != self.last.get() {
            eprintln!("datelines-cli: {} {what}", datelines::i18n::EN.number(count));
        }
        self.last.set(0);
    }
}

/// Writes `text` to a file (or stdout for `None`); the error is one line naming the output.
pub fn write_text(output: Option<&str>, text: &str) -> Result<(), String> {
    write_to(output, |out| out.write_all(format!("{}\n", text.trim_end()).as_bytes()))
}

/// Writes a feed as Datelines JSON to a file (or stdout for `None`), one entry at a time. The
/// error is one line naming the output.
pub fn write_feed(
    output: Option<&str>,
    title: Option<&str>,
    items: &[NewsItem],
    progress: &Progress,
) -> Result<(), String> {
    let counted = items.iter().enumerate().map(|(i, item)| {
        progress.every(i + 1, "entries written");
        item
    });
    let result = write_to(output, |out| write_json(out, title, counted));
    progress.done(items.len(), "entries written");
    result
}

/// Runs `write` on a buffered file or stdout. A reader who stops reading stdout (`| head`)
/// ends the program quietly with 141, as `say!` does.
fn write_to(output: Option<&str>, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), String> {
    match output {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|e| format!("cannot write {path}: {}", io_reason(&e)))?;
            let mut out = BufWriter::with_capacity(256 * 1024, file);
            write(&mut out).and_then(|()| out.flush()).map_err(|e| format!("cannot write {path}: {}", io_reason(&e)))
        }
        None => {
            let mut out = BufWriter::with_capacity(256 * 1024, std::io::stdout().lock());
            match write(&mut out).and_then(|()| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(141),
                other => other.map_err(|e| format!("cannot write stdout: {}", io_reason(&e))),
            }
        }
    }
}

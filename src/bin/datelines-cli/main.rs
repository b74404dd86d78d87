//! `datelines-cli`: turn what an editor has (a news page's text, RSS, Atom, JSON Feed) into the
//! Datelines format, check files and month-sharded archives, and split big feeds by month.
//! This file parses the arguments and prints; the reading and writing is in `datelines::formats`.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use clap::Parser as _;
    std::process::exit(cli::run(cli::Cli::parse()));
}

/// `println!` for results on stdout, except that a reader who stops reading (`validate x |
/// head -1`) ends the program quietly, with the shell's usual 141, instead of a panic.
#[cfg(not(target_arch = "wasm32"))]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(141);
            }
            eprintln!("datelines-cli: cannot write stdout: {e}");
            std::process::exit(2);
        }
    }};
}

#[cfg(not(target_arch = "wasm32"))]
mod output;

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use crate::output::{write_feed, write_text, Progress};
    use clap::{Parser, Subcommand};
    use datelines::dates::YearMonth;
    use datelines::formats::input::{self, Format, Mode};
    use datelines::formats::{shard_dir, Parsed};
    use datelines::i18n::Strings;
    use datelines::months::count_label;
    use datelines::prerender::{self, RenderOptions};
    use datelines::presentation::{Controls, Dates, Heading, Layout, Look};
    use std::path::Path;

    const AFTER_HELP: &str = "\
Input formats are detected from the content, not the file name: RSS 2.0, 0.9x and 1.0
(<rss>, <rdf:RDF>) and Atom (<feed>), read as the browser reads them; JSON Feed 1.0/1.1 and Datelines JSON,
read by the browser app's own parser; the text copied from a news page.

EXIT CODES:
    0  success; for validate and shard --check, no problems
    1  validate or shard --check found problems
    2  usage error, missing or unreadable input, unknown format, unwritable output;
       for shard --check, a missing folder or index

EXAMPLES:
    datelines-cli import examples/feed.rss -o public/news.json
    curl -s https://example.org/feed.xml | datelines-cli import - -o news.json
    datelines-cli import tests/fixtures/news-page.txt -o public/news.json
    datelines-cli validate public/news.json
    datelines-cli validate examples/feed.rss
    datelines-cli shard feed.json public/archive/
    datelines-cli shard --check public/archive/
    datelines-cli render examples/feed.rss --lang fr -o news.html
    datelines-cli render public/news.json --fragment --limit 5
    datelines-cli generate 100000 -o feed-100000.json";

    /// Clap's usage line would show the two forms of `shard` as one.
    const SHARD_USAGE: &str =
        "datelines-cli shard <FILE|-> <OUT_DIR> [--progress]\n       datelines-cli shard --check <DIR>";

    /// Prepare and check news files for Datelines.
    #[derive(Parser)]
    #[command(name = "datelines-cli", version, arg_required_else_help = true, after_long_help = AFTER_HELP)]
    pub struct Cli {
        #[command(subcommand)]
        command: Command,
        /// Report progress on stderr every 10,000 entries (on anyway when stderr is a terminal).
        #[arg(long, global = true)]
        progress: bool,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Read news in any format and write Datelines JSON ("datelines/1", newest first).
        ///
        /// Entries that cannot be used are reported on stderr (path and reason) and left out;
        /// the rest are imported, exit code 0.
        Import {
            /// The input: RSS, Atom, JSON Feed, Datelines JSON or a news page's text; - reads stdin.
            /// Several inputs are merged into one list, newest first, the same entry (same link)
            /// once, each entry naming its feed, as the browser merges several `src`.
            #[arg(value_name = "FILE|-", required = true, num_args = 1..)]
            inputs: Vec<String>,
            /// Where to write (default: stdout).
            #[arg(short, long, value_name = "FILE")]
            output: Option<String>,
        },
        /// Check a file the way the browser reads it, or that an RSS/Atom feed converts cleanly.
        ///
        /// Prints one line per problem on stdout, with the entry's path and the reason, then a
        /// summary line. Anything not RSS/Atom is read as JSON, as the browser would.
        Validate {
            #[arg(value_name = "FILE|-")]
            input: String,
        },
        /// Split a feed into OUT_DIR/index.json plus one OUT_DIR/YYYY-MM.json per month.
        ///
        /// Entries without a date go to undated.json. Point the app at the index:
        /// ?src=OUT_DIR/index.json. With --check DIR: verify an archive against its index
        /// (month files, counts, dates, ids, total, unlisted files); one line per problem.
        #[command(override_usage = SHARD_USAGE)]
        Shard {
            /// The feed to split, in any format import reads; - reads stdin.
            #[arg(value_name = "FILE|-", required_unless_present = "check")]
            input: Option<String>,
            /// The folder to write the archive into (created if needed).
            #[arg(required_unless_present = "check")]
            out_dir: Option<String>,
            /// Verify the archive in DIR instead of writing one.
            #[arg(long, value_name = "DIR", conflicts_with_all = ["input", "out_dir"])]
            check: Option<String>,
        },
        /// Write the news as HTML, rendered by the app's own components for readers without script.
        ///
        /// A whole page with schema.org JSON-LD, or with --fragment the list alone (a fallback
        /// to put inside <datelines-news>).
        Render {
            /// The input, in any format import reads; - reads stdin. Several are merged, as import
            /// merges them.
            #[arg(value_name = "FILE|-", required = true, num_args = 1..)]
            inputs: Vec<String>,
            /// Interface language: en or fr (fr-CA and the like too).
            #[arg(long, value_name = "LANG", default_value = "en", value_parser = Strings::parse_tag)]
            lang: &'static Strings,
            /// Only this month: YYYY-MM, or undated.
            #[arg(long, value_name = "YYYY-MM", value_parser = YearMonth::parse_arg)]
            month: Option<YearMonth>,
            /// At most N entries (the count still says how many there are).
            #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
            limit: Option<u64>,
            /// Only the list (a <div class="dl-root">), not a whole page.
            #[arg(long)]
            fragment: bool,
            /// The fragment's layout: list, compact, headlines or cards (as the widget's layout).
            #[arg(long, value_name = "LAYOUT", requires = "fragment", value_parser = ["list", "compact", "headlines", "cards"])]
            layout: Option<String>,
            /// The fragment's heading, or none for no heading and count (as the widget's heading).
            #[arg(long, value_name = "TEXT", requires = "fragment")]
            heading: Option<String>,
            /// The fragment's controls: none, or month (the only one that works without script).
            #[arg(long, value_name = "LIST", requires = "fragment")]
            controls: Option<String>,
            /// Dates: short (19 Mar. 2025) or long (19 March 2025). Relative dates need script.
            #[arg(long, value_name = "STYLE", value_parser = ["short", "long"])]
            dates: Option<String>,
            /// The page's own address, so relative links in its JSON-LD become absolute.
            #[arg(long, value_name = "URL")]
            url: Option<String>,
            /// Where to write (default: stdout).
            #[arg(short, long, value_name = "FILE")]
            output: Option<String>,
        },
        /// Write a deterministic synthetic feed of N entries (for benchmarks).
        Generate {
            #[arg(value_name = "N", value_parser = entry_count)]
            count: usize,
            /// Where to write (default: stdout).
            #[arg(short, long, value_name = "FILE")]
            output: Option<String>,
        },
    }

    /// A synthetic feed is held in memory while it is written: 10 million entries is about 5 GB.
    fn entry_count(text: &str) -> Result<usize, String> {
        const MAX: usize = 10_000_000;
        match text.parse::<usize>() {
            Ok(count) if count <= MAX => Ok(count),
            Ok(_) => Err(format!("generate makes at most {MAX} entries")),
            Err(_) => Err("not a number of entries".to_string()),
        }
    }

    fn fail(message: impl std::fmt::Display) -> i32 {
        eprintln!("datelines-cli: {message}");
        2
    }

    /// How messages name an input: its path, or "stdin" for `-`.
    fn display_name(path: &str) -> &str {
        if path == "-" {
            "stdin"
        } else {
            path
        }
    }

    /// Runs a command; its exit code, or 2 with the one-line error on stderr.
    pub fn run(cli: Cli) -> i32 {
        let progress = Progress::new(cli.progress);
        let done = (|| match cli.command {
            Command::Import { inputs, output } => import(&inputs, output.as_deref(), &progress),
            Command::Validate { input } => validate(&input, &progress),
            Command::Shard { check: Some(dir), .. } => check(&dir),
            Command::Shard { input: Some(input), out_dir: Some(out_dir), .. } => shard(&input, &out_dir, &progress),
            Command::Shard { .. } => Err("shard needs an input file and an output folder".to_string()),
            Command::Render { inputs, lang, month, limit, fragment, layout, heading, controls, dates, url, output } => {
                let (parsed, _) = load_all(&inputs, &progress)?;
                let options = RenderOptions {
                    month,
                    limit: limit.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
                    look: Look {
                        layout: Layout::parse(layout.as_deref()),
                        heading: Heading::parse(heading.as_deref()),
                        controls: Controls::parse(controls.as_deref(), Controls::DEFAULT),
                        dates: Dates::parse(dates.as_deref(), None),
                    },
                    ..RenderOptions::new(lang)
                };
                let html = match fragment {
                    true => prerender::fragment(parsed, options),
                    false => prerender::page_document(parsed, options, STYLESHEET, url.as_deref()),
                };
                write_text(output.as_deref(), &html).map(|()| 0)
            }
            Command::Generate { count, output } => {
                let feed = datelines::synthetic::feed(count);
                write_feed(output.as_deref(), feed.title.as_deref(), &feed.items, &progress).map(|()| 0)
            }
        })();
        done.unwrap_or_else(fail)
    }

    /// Reads an input in any format `mode` allows, with progress on stderr.
    fn load(path: &str, mode: Mode, progress: &Progress) -> Result<Result<(Parsed, Format), String>, String> {
        let bytes = input::read(path)?;
        let tenths = (bytes.len() as u64 * 10 + 524_288) / 1_048_576;
        progress.note(&format!("{}: {}.{} MB read", display_name(path), tenths / 10, tenths % 10));
        let result = input::parse(bytes, mode, |n| progress.every(n, "entries read"));
        if let Ok((parsed, _)) = &result {
            progress.done(parsed.feed.items.len() + parsed.skipped(), "entries read");
        }
        Ok(result)
    }

    /// Reads an input for import and shard, reporting each problem on stderr as `<name>: <path>: <reason>`.
    fn load_for_import(path: &str, progress: &Progress) -> Result<(Parsed, Format), String> {
        let name = display_name(path);
        let (parsed, format) = load(path, Mode::Import, progress)?.map_err(|message| format!("{name}: {message}"))?;
        for problem in &parsed.problems {
            eprintln!("{name}: {problem}");
        }
        Ok((parsed, format))
    }

    /// Reads one input, or several merged into one list ([`datelines::sources::merge`]), with
    /// each problem reported as [`load_for_import`] does. The format is the first input's.
    fn load_all(paths: &[String], progress: &Progress) -> Result<(Parsed, Format), String> {
        if let [path] = paths {
            return load_for_import(path, progress);
        }
        let mut read: Vec<(String, Parsed)> = Vec::with_capacity(paths.len());
        let mut first_format = None;
        for path in paths {
            let (parsed, format) = load_for_import(path, progress)?;
            first_format.get_or_insert(format);
            read.push((display_name(path).to_string(), parsed));
        }
        let feeds: Vec<(&str, &Parsed)> = read.iter().map(|(name, parsed)| (name.as_str(), parsed)).collect();
        let merged = datelines::sources::merge(&feeds, true);
        let format = first_format.ok_or_else(|| "no input".to_string())?;
        Ok((merged, format))
    }

    fn import(paths: &[String], output: Option<&str>, progress: &Progress) -> Result<i32, String> {
        let (parsed, format) = load_all(paths, progress)?;
        let feed = &parsed.feed;
        write_feed(output, feed.title.as_deref(), &feed.items, progress)?;
        let skipped = parsed.skipped();
        let left_out = if skipped == 0 { String::new() } else { format!(", {} left out", count_label(skipped)) };
        let names: Vec<&str> = paths.iter().map(|p| display_name(p)).collect();
        let from = if paths.len() == 1 { format!("from {format}") } else { format!("from {} feeds", paths.len()) };
        eprintln!("{}: {} imported {from}{left_out}", names.join(", "), count_label(feed.items.len()));
        Ok(0)
    }

    /// The page's stylesheet, inlined in `render`'s whole pages so they stand alone.
    const STYLESHEET: &str = include_str!("../../../style/datelines.css");

    fn validate(path: &str, progress: &Progress) -> Result<i32, String> {
        let result = load(path, Mode::Validate, progress)?;
        let path = display_name(path);
        let parsed = match result {
            Ok((parsed, _)) => parsed,
            Err(error) => {
                // The whole file is unusable: the browser would show this error.
                say!("{path}: {error}");
                return Ok(1);
            }
        };
        if parsed.problems.is_empty() {
            say!("{path}: ok, {}", count_label(parsed.feed.items.len()));
            return Ok(0);
        }
        for problem in &parsed.problems {
            say!("{path}: {problem}");
        }
        say!(
            "{path}: {}, {} skipped, {} usable",
            plural(parsed.problems.len(), "problem", "problems"),
            plural(parsed.skipped(), "entry", "entries"),
            plural(parsed.feed.items.len(), "entry", "entries")
        );
        Ok(1)
    }

    /// "1 month", "179 months", "10,000 entries".
    fn plural(n: usize, one: &str, many: &str) -> String {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{} {many}", datelines::i18n::EN.number(n))
        }
    }

    fn shard(path: &str, out_dir: &str, progress: &Progress) -> Result<i32, String> {
        let (parsed, _) = load_for_import(path, progress)?;
        let written = shard_dir::write(&parsed.feed, Path::new(out_dir), |n| progress.every(n, "entries written"))?;
        progress.done(parsed.feed.items.len(), "entries written");
        let name = display_name(path);
        for stray in &written.strays {
            eprintln!("{name}: {} is not in the new index (left from an earlier run?); remove it", stray.display());
        }
        let (entries, index) = (count_label(parsed.feed.items.len()), written.index.display());
        eprintln!("{name}: {entries} in {} -> {index}", plural(written.months.len(), "month", "months"));
        Ok(0)
    }

    fn check(dir: &str) -> Result<i32, String> {
        let checked = shard_dir::check(Path::new(dir))?;
        if checked.problems.is_empty() {
            say!("{dir}: ok, {} in {}", count_label(checked.entries), plural(checked.months, "month", "months"));
            return Ok(0);
        }
        for line in &checked.problems {
            say!("{line}");
        }
        let n = checked.problems.len();
        say!("{dir}: {} in {}", plural(n, "problem", "problems"), plural(checked.months, "month", "months"));
        Ok(1)
    }
}

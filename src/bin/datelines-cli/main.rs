//! `datelines-cli`: turn what an editor has (a news page's text, RSS, Atom, JSON Feed) into the
//! Datelines format, check files and month-sharded archives, and split big feeds by month.
//! JSON is read by the same parsers as the browser app; RSS and Atom by feed-rs (native only).

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()).collect()));
}

/// `println!` for results on stdout, except that a reader who stops reading (`validate x |
/// head -1`) ends the program quietly, with the shell's usual 141, instead of a panic.
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
mod input;
#[cfg(not(target_arch = "wasm32"))]
mod output;
#[cfg(not(target_arch = "wasm32"))]
mod shard;
#[cfg(not(target_arch = "wasm32"))]
mod xml;

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use crate::input::{self, Mode};
    use crate::output::{self, Progress};
    use datelines::months::count_label;

    pub const HELP: &str = "\
datelines-cli: prepare and check news files for Datelines

USAGE:
    datelines-cli import <FILE|-> [-o OUTPUT] [--progress]
    datelines-cli validate <FILE|-> [--progress]
    datelines-cli shard <FILE|-> <OUT_DIR> [--progress]
    datelines-cli shard --check <DIR>
    datelines-cli generate <N> [-o OUTPUT]
    datelines-cli --help

COMMANDS:
    import      Read news in any format below and write Datelines JSON (format
                \"datelines/1\", newest first) to stdout, or to OUTPUT with -o.
                '-' reads stdin. The format is detected from the content, not
                the file name:
                  RSS 2.0, 0.9x and 1.0 (<rss>, <rdf:RDF>) and Atom (<feed>),
                    read with the feed-rs crate;
                  JSON Feed 1.0/1.1 and Datelines JSON, read by the browser
                    app's own parser (one source of truth for what it shows);
                  the text copied from a news page (tests/fixtures/news-page.txt).
                Entries that cannot be used are reported on stderr (path and
                reason) and left out; the rest are imported, exit code 0.
    validate    Check a file the way the browser reads it (Datelines JSON or
                JSON Feed), or check that an RSS/Atom feed converts cleanly.
                Prints one line per problem on stdout, with the entry's path and
                the reason, e.g.
                  feed.json: items[3].date_published: \"31 Feb. 2025\" is not a date ...
                then a summary line. Anything not RSS/Atom is read as JSON, as the
                browser would.
    shard       Split a feed (any format import reads) into OUT_DIR/index.json
                (format \"datelines-index/1\": the months and their counts) plus
                one OUT_DIR/YYYY-MM.json per month (undated.json for entries
                without a date). Point the app at the index:
                ?src=OUT_DIR/index.json
    shard --check
                Verify an archive against its index: every listed month has its
                file, each file reads with no problems, its entry count matches
                the index, every entry's date is in that file's month, no id is
                in two months, the total adds up, and no month file lies in DIR
                without being listed. One line per problem.
    generate    Write a deterministic synthetic feed of N entries (benchmarks).

ITEMS FROM RSS AND ATOM:
    title -> title (entities decoded), link -> url, guid/id -> id (when
    missing: the date plus a slug of the title), pubDate/published (else
    updated) -> date as written, in its own time zone; description/summary
    -> summary (plain text, at most 280 characters); content:encoded/content
    -> html (sanitized by the browser when shown); media:thumbnail, or an
    image media:content/enclosure -> image (alt: the media description, else
    the title); category -> tags; author/dc:creator -> authors.
    An item with no date is kept and shown under \"Undated\" (\"date\": \"undated\");
    an item whose date does not parse, or with neither title nor text, is
    left out and reported. Paths count from 0: items[0] is the first <item>,
    entries[0] the first Atom <entry>.

OPTIONS:
    -o, --output FILE   Where import and generate write (default: stdout)
    --check             With shard: verify an existing archive instead of writing
    --progress          Report progress on stderr every 10,000 entries. Shown
                        anyway when stderr is a terminal; never otherwise, so
                        piped and scripted runs stay quiet and deterministic.
    -h, --help          Show this help

EXIT CODES:
    0  success; for validate and shard --check, no problems
    1  validate or shard --check found problems
    2  usage error, missing or unreadable input, unknown format, unwritable
       output; for shard --check, a missing folder or index

EXAMPLES:
    datelines-cli import examples/feed.rss -o public/news.json
    curl -s https://example.org/feed.xml | datelines-cli import - -o news.json
    datelines-cli import tests/fixtures/news-page.txt -o public/news.json
    datelines-cli import feed.json > news.json          # JSON Feed
    datelines-cli validate public/news.json
    datelines-cli validate examples/feed.rss
    datelines-cli shard feed.json public/archive/
    datelines-cli shard --check public/archive/
    datelines-cli generate 100000 -o feed-100000.json
";

    fn fail(message: impl std::fmt::Display) -> i32 {
        eprintln!("datelines-cli: {message}");
        2
    }

    /// A command's arguments: the plain ones in order, and the options.
    #[derive(Default)]
    struct Args {
        plain: Vec<String>,
        output: Option<String>,
        progress: bool,
        check: bool,
        help: bool,
    }

    fn parse_args(args: &[String], allowed: &[&str]) -> Result<Args, String> {
        let mut out = Args::default();
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            let option = match arg.as_str() {
                "-o" | "--output" => "--output",
                "--progress" => "--progress",
                "--check" => "--check",
                "-h" | "--help" => "--help",
                "-" => {
                    out.plain.push(arg.clone());
                    continue;
                }
                other if other.starts_with('-') => return Err(format!("unknown option {other:?}; try --help")),
                _ => {
                    out.plain.push(arg.clone());
                    continue;
                }
            };
            if option != "--help" && !allowed.contains(&option) {
                return Err(format!("{arg} does not apply here; try --help"));
            }
            match option {
                "--output" => match rest.next() {
                    Some(path) => out.output = Some(path.clone()),
                    None => return Err(format!("{arg} needs a file name")),
                },
                "--progress" => out.progress = true,
                "--check" => out.check = true,
                _ => out.help = true,
            }
        }
        Ok(out)
    }

    pub fn run(args: Vec<String>) -> i32 {
        let Some(command) = args.first() else {
            eprint!("{HELP}");
            return 2;
        };
        let rest = &args[1..];
        let allowed: &[&str] = match command.as_str() {
            "-h" | "--help" | "help" => {
                say!("{}", HELP.trim_end());
                return 0;
            }
            "import" => &["--output", "--progress"],
            "validate" => &["--progress"],
            "shard" => &["--check", "--progress"],
            "generate" => &["--output", "--progress"],
            other => return fail(format!("unknown command {other:?}; try --help")),
        };
        let args = match parse_args(rest, allowed) {
            Ok(args) => args,
            Err(message) => return fail(message),
        };
        if args.help {
            say!("{}", HELP.trim_end());
            return 0;
        }
        let progress = Progress::new(args.progress);
        match command.as_str() {
            "import" => import(&args, &progress),
            "validate" => validate(&args, &progress),
            "shard" if args.check => match args.plain.as_slice() {
                [dir] => crate::shard::check(dir),
                _ => fail("shard --check needs exactly one folder"),
            },
            "shard" => match args.plain.as_slice() {
                [input, out_dir] => crate::shard::write(input, out_dir, &progress),
                _ => fail("shard needs an input file and an output folder"),
            },
            _ => generate(&args, &progress),
        }
    }

    fn import(args: &Args, progress: &Progress) -> i32 {
        let [input] = args.plain.as_slice() else {
            return fail("import needs one input file (or - for stdin)");
        };
        let (loaded, input) = match input::load_reporting(input, progress) {
            Ok(loaded) => loaded,
            Err(message) => return fail(message),
        };
        let feed = &loaded.parsed.feed;
        if let Err(message) = output::write_feed(args.output.as_deref(), feed.title.as_deref(), &feed.items, progress) {
            return fail(message);
        }
        let skipped = loaded.parsed.skipped();
        let left_out = if skipped == 0 { String::new() } else { format!(", {} left out", count_label(skipped)) };
        eprintln!("{input}: {} imported from {}{left_out}", count_label(feed.items.len()), loaded.format);
        0
    }

    fn validate(args: &Args, progress: &Progress) -> i32 {
        let [path] = args.plain.as_slice() else { return fail("validate needs exactly one file") };
        let loaded = match input::load(path, Mode::Validate, progress) {
            Ok(loaded) => loaded,
            Err(message) => return fail(message),
        };
        let path = input::display_name(path);
        let parsed = match loaded.result {
            Ok(()) => loaded.parsed,
            Err(error) => {
                // The whole file is unusable: the browser would show this error.
                say!("{path}: {error}");
                return 1;
            }
        };
        if parsed.problems.is_empty() {
            say!("{path}: ok, {}", count_label(parsed.feed.items.len()));
            return 0;
        }
        for problem in &parsed.problems {
            say!("{path}: {problem}");
        }
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 { format!("1 {one}") } else { format!("{} {many}", datelines::i18n::EN.number(n)) }
        };
        say!(
            "{path}: {}, {} skipped, {} usable",
            plural(parsed.problems.len(), "problem", "problems"),
            plural(parsed.skipped(), "entry", "entries"),
            plural(parsed.feed.items.len(), "entry", "entries")
        );
        1
    }

    fn generate(args: &Args, progress: &Progress) -> i32 {
        let [count] = args.plain.as_slice() else {
            return fail("generate needs a count, e.g. generate 1000 [-o FILE]");
        };
        // A synthetic feed is held in memory while it is written: 10 million entries is about 5 GB.
        const MAX: usize = 10_000_000;
        let Ok(count) = count.parse::<usize>() else { return fail(format!("{count:?} is not a number of entries")) };
        if count > MAX {
            return fail(format!("generate makes at most {MAX} entries; {count} is too many"));
        }
        let feed = datelines::synthetic::feed(count);
        match output::write_feed(args.output.as_deref(), feed.title.as_deref(), &feed.items, progress) {
            Ok(()) => 0,
            Err(message) => fail(message),
        }
    }
}

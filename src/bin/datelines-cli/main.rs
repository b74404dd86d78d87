//! `datelines-cli`: turn what an editor has into the Datelines format, and check it.
//! Uses the same parsers as the browser app.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use datelines::formats::{self, datelines::to_json, listing, Parsed};
    use std::io::{Read, Write};

    const HELP: &str = "\
datelines-cli: prepare and check news files for Datelines

USAGE:
    datelines-cli import <FILE|-> [-o OUTPUT]
    datelines-cli validate <FILE>
    datelines-cli shard <FILE> <OUT_DIR>
    datelines-cli generate <N> [-o OUTPUT]
    datelines-cli --help

COMMANDS:
    import      Read a news listing (the text copied from a news page, like
                tests/fixtures/news-page.txt) or a Datelines JSON file, and write
                Datelines JSON to stdout, or to OUTPUT with -o. '-' reads stdin.
    validate    Check a Datelines JSON file or JSON Feed the way the browser reads
                it. Prints one line per problem, with the entry's path and the reason.
    shard       Split a feed (any format import reads) into OUT_DIR/index.json,
                listing the months and their counts, plus one OUT_DIR/YYYY-MM.json
                per month. Point the app at the index: ?src=OUT_DIR/index.json
    generate    Write a deterministic synthetic feed of N entries (for benchmarks).

OPTIONS:
    -o, --output FILE   Where import writes (default: stdout)
    -h, --help          Show this help

EXIT CODES:
    0  success; for validate, the file is clean
    1  validate found problems in the file
    2  usage error, unreadable input, unknown format or unwritable output

EXAMPLES:
    datelines-cli import tests/fixtures/news-page.txt -o public/news.json
    datelines-cli validate public/news.json
    datelines-cli shard feed.json public/archive/
    datelines-cli generate 10000 -o bench/data/feed-10000.json
";

    fn fail(message: impl std::fmt::Display) -> i32 {
        eprintln!("datelines-cli: {message}");
        2
    }

    pub fn run(args: Vec<String>) -> i32 {
        let Some(command) = args.first() else {
            eprint!("{HELP}");
            return 2;
        };
        match command.as_str() {
            "-h" | "--help" | "help" => {
                print!("{HELP}");
                0
            }
            "import" => import(&args[1..]),
            "validate" => validate(&args[1..]),
            "shard" => shard(&args[1..]),
            "generate" => generate(&args[1..]),
            other => fail(format!("unknown command {other:?}; try --help")),
        }
    }

    fn read_input(path: &str) -> Result<Vec<u8>, String> {
        if path == "-" {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read stdin: {e}"))?;
            Ok(bytes)
        } else {
            std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))
        }
    }

    /// Reads any format this tool knows, detected from the content.
    fn parse_any(path: &str, bytes: &[u8]) -> Result<Parsed, String> {
        let text = std::str::from_utf8(bytes).map_err(|e| format!("{path} is not UTF-8 text: {e}"))?;
        let trimmed = text.trim_start_matches('\u{feff}').trim_start();
        if trimmed.starts_with('{') || trimmed.starts_with('[') {
            return formats::parse_feed(bytes).map_err(|e| format!("{path}: {e}"));
        }
        let parsed = listing::parse(text);
        if parsed.feed.items.is_empty() {
            return Err(format!("{path}: unknown format (not JSON, and no news listing entries found)"));
        }
        Ok(parsed)
    }

    fn import(args: &[String]) -> i32 {
        let mut input = None;
        let mut output = None;
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            match arg.as_str() {
                "-o" | "--output" => match rest.next() {
                    Some(path) => output = Some(path.clone()),
                    None => return fail("-o needs a file name"),
                },
                "-h" | "--help" => {
                    print!("{HELP}");
                    return 0;
                }
                other if input.is_none() => input = Some(other.to_string()),
                other => return fail(format!("unexpected argument {other:?}")),
            }
        }
        let Some(input) = input else { return fail("import needs an input file (or - for stdin)") };
        let parsed = match read_input(&input).and_then(|bytes| parse_any(&input, &bytes)) {
            Ok(parsed) => parsed,
            Err(message) => return fail(message),
        };
        for problem in &parsed.problems {
            eprintln!("{input}: {problem}");
        }
        let json = to_json(&parsed.feed);
        let written = match &output {
            Some(path) => std::fs::write(path, json).map_err(|e| format!("cannot write {path}: {e}")),
            None => std::io::stdout().write_all(json.as_bytes()).map_err(|e| format!("cannot write stdout: {e}")),
        };
        match written {
            Ok(()) => {
                eprintln!("{input}: {} entries imported", parsed.feed.items.len());
                0
            }
            Err(message) => fail(message),
        }
    }

    fn write_out(output: Option<&str>, text: &str) -> Result<(), String> {
        match output {
            Some(path) => std::fs::write(path, text).map_err(|e| format!("cannot write {path}: {e}")),
            None => std::io::stdout().write_all(text.as_bytes()).map_err(|e| format!("cannot write stdout: {e}")),
        }
    }

    fn generate(args: &[String]) -> i32 {
        let (count, output) = match args {
            [n] => (n, None),
            [n, flag, path] if flag == "-o" || flag == "--output" => (n, Some(path.as_str())),
            _ => return fail("generate needs a count, e.g. generate 1000 [-o FILE]"),
        };
        let Ok(count) = count.parse::<usize>() else { return fail(format!("{count:?} is not a number of entries")) };
        let feed = datelines::synthetic::feed(count);
        match write_out(output, &to_json(&feed)) {
            Ok(()) => 0,
            Err(message) => fail(message),
        }
    }

    fn shard(args: &[String]) -> i32 {
        let [input, out_dir] = args else { return fail("shard needs an input file and an output folder") };
        let parsed = match read_input(input).and_then(|bytes| parse_any(input, &bytes)) {
            Ok(parsed) => parsed,
            Err(message) => return fail(message),
        };
        for problem in &parsed.problems {
            eprintln!("{input}: {problem}");
        }
        let dir = std::path::Path::new(out_dir);
        if let Err(e) = std::fs::create_dir_all(dir) {
            return fail(format!("cannot create {out_dir}: {e}"));
        }
        let files = datelines::formats::shards::shard(&parsed.feed);
        for (name, body) in &files {
            let path = dir.join(name);
            if let Err(e) = std::fs::write(&path, body) {
                return fail(format!("cannot write {}: {e}", path.display()));
            }
        }
        eprintln!("{input}: {} entries in {} months -> {}", parsed.feed.items.len(), files.len() - 1, dir.join("index.json").display());
        0
    }

    fn validate(args: &[String]) -> i32 {
        let [path] = args else { return fail("validate needs exactly one file") };
        let bytes = match read_input(path) {
            Ok(bytes) => bytes,
            Err(message) => return fail(message),
        };
        match formats::parse_feed(&bytes) {
            Ok(parsed) if parsed.problems.is_empty() => {
                println!("{path}: ok, {}", datelines::archive::count_label(parsed.feed.items.len()));
                0
            }
            Ok(parsed) => {
                for problem in &parsed.problems {
                    println!("{path}: {problem}");
                }
                let plural = |n: usize, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
                println!(
                    "{path}: {}, {} skipped, {} usable",
                    plural(parsed.problems.len(), "problem", "problems"),
                    plural(parsed.skipped(), "entry", "entries"),
                    plural(parsed.feed.items.len(), "entry", "entries")
                );
                1
            }
            Err(error) => {
                println!("{path}: {error}");
                1
            }
        }
    }
}

//! datelines-cli as an editor uses it: exit codes, messages, the seed round trip, golden files
//! for every input format, and month-sharded archives with `shard --check`.
//!
//! Golden files: each folder in tests/golden/ holds one input (`feed.*`), the exact Datelines
//! JSON that `import` writes for it (`expected.json`) and the exact lines it reports on stderr
//! (`expected-stderr.txt`). After a deliberate change, `UPDATE_GOLDEN=1 cargo test --test cli`
//! rewrites them; read the diff before committing it.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn cli(args: &[&str]) -> Output {
    cli_in(Path::new(ROOT), args)
}

fn cli_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_datelines-cli"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("the CLI runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("datelines-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

/// A usage, input or output error: exit code 2 and exactly one line on stderr, containing `needle`.
#[track_caller]
fn assert_fatal(out: &Output, needle: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "exit code 2: {err}");
    assert_eq!(err.lines().count(), 1, "one clear line: {err}");
    assert!(err.contains(needle), "{needle:?} in {err:?}");
    assert!(err.starts_with("datelines-cli: "), "{err}");
}

/// A usage error, as clap reports it: exit code 2, its `error:` line containing `needle`, and
/// the usage on stderr; nothing on stdout.
#[track_caller]
fn assert_usage_error(out: &Output, needle: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "exit code 2: {err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.lines().next().unwrap_or_default().contains(needle), "{needle:?} in the first line of {err:?}");
    assert!(err.contains("--help"), "points to --help: {err}");
    assert_eq!(stdout(out), "");
}

#[test]
fn help_documents_every_command_and_option_with_examples() {
    let out = cli(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    for word in [
        "import",
        "validate",
        "shard",
        "shard --check",
        "generate",
        "--help",
        "--version",
        "--progress",
        "RSS 2.0",
        "Atom",
        "JSON Feed",
        "EXAMPLES",
        "EXIT CODES",
        "import examples/feed.rss",
        "validate examples/feed.rss",
    ] {
        assert!(help.contains(word), "--help mentions {word}");
    }
    // Each command's own --help lists its arguments and options.
    for (command, words) in [
        ("import", &["<FILE|->", "--output <FILE>", "--progress"][..]),
        ("validate", &["<FILE|->", "--progress"]),
        ("shard", &["<FILE|->", "<OUT_DIR>", "--check <DIR>", "--progress"]),
        ("generate", &["<N>", "--output <FILE>", "--progress"]),
    ] {
        let out = cli(&[command, "--help"]);
        assert_eq!(out.status.code(), Some(0), "{command} --help");
        let help = stdout(&out);
        for word in words {
            assert!(help.contains(word), "{command} --help mentions {word}: {help}");
        }
        assert_eq!(stdout(&cli(&["help", command])), help, "help {command} is {command} --help");
    }
    // Without arguments: the help on stderr, and the usage-error exit code.
    let bare = cli(&[]);
    assert_eq!(bare.status.code(), Some(2));
    assert!(stderr(&bare).contains("Commands:") && stderr(&bare).contains("generate"), "{}", stderr(&bare));
}

#[test]
fn version_is_the_crate_version() {
    let out = cli(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), format!("datelines-cli {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn import_of_the_seed_is_exactly_the_bundled_file() {
    let out = cli(&["import", "tests/fixtures/news-page.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), include_str!("../public/news.json"));
    assert_eq!(stderr(&out), "tests/fixtures/news-page.txt: 10 entries imported from a news listing\n");
}

/// The golden cases: (folder, exit code of validate on the input).
fn golden_cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join("tests/golden"))
        .expect("tests/golden")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn input_of(dir: &Path) -> String {
    let input = std::fs::read_dir(dir)
        .expect("a golden folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|name| name.starts_with("feed."))
        .unwrap_or_else(|| panic!("{} has no feed.* input", dir.display()));
    let relative = dir.strip_prefix(ROOT).expect("inside the crate");
    format!("{}/{input}", relative.display())
}

#[test]
fn import_matches_the_golden_files_for_every_input_format() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let cases = golden_cases();
    let names: Vec<String> =
        cases.iter().map(|d| d.file_name().unwrap_or_default().to_string_lossy().into_owned()).collect();
    assert_eq!(
        names,
        ["atom", "datelines", "jsonfeed", "listing", "rss-1.0", "rss-2.0"],
        "one folder per input format"
    );
    for dir in cases {
        let input = input_of(&dir);
        let out = cli(&["import", &input]);
        assert_eq!(out.status.code(), Some(0), "{input}: {}", stderr(&out));
        let (json_path, err_path) = (dir.join("expected.json"), dir.join("expected-stderr.txt"));
        if update {
            std::fs::write(&json_path, &out.stdout).expect("write expected.json");
            std::fs::write(&err_path, &out.stderr).expect("write expected-stderr.txt");
        }
        let expected = std::fs::read(&json_path)
            .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_GOLDEN=1", json_path.display()));
        assert!(out.stdout == expected, "{input}: output differs from {}:\n{}", json_path.display(), stdout(&out));
        let expected_err = std::fs::read_to_string(&err_path).unwrap_or_default();
        assert_eq!(stderr(&out), expected_err, "{input}: stderr differs from {}", err_path.display());

        // What import writes is clean Datelines JSON, and importing it again changes nothing.
        let relative = format!(
            "{}/expected.json",
            Path::new(&input).parent().map(|p| p.display().to_string()).unwrap_or_default()
        );
        let check = cli(&["validate", &relative]);
        assert_eq!(check.status.code(), Some(0), "{relative}: {}", stdout(&check));
        let again = cli(&["import", &relative]);
        assert!(again.stdout == expected, "{relative} imports to itself");
    }
}

#[test]
fn xml_feeds_are_detected_from_the_content_and_read_from_stdin() {
    // The same RSS through stdin: the format is in the bytes, not the name.
    let rss = std::fs::read(Path::new(ROOT).join("tests/golden/rss-2.0/feed.rss")).expect("fixture");
    let mut child = Command::new(env!("CARGO_BIN_EXE_datelines-cli"))
        .args(["import", "-"])
        .current_dir(ROOT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI runs");
    {
        use std::io::Write;
        child.stdin.take().expect("stdin").write_all(&rss).expect("write stdin");
    }
    let out = child.wait_with_output().expect("the CLI ends");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = std::fs::read(Path::new(ROOT).join("tests/golden/rss-2.0/expected.json")).expect("golden");
    assert!(out.stdout == expected);
    assert!(stderr(&out).contains("stdin: items[3].pubDate: \"31 Feb. 2025\" is not a date"), "{}", stderr(&out));
}

#[test]
fn validate_exit_codes_and_messages() {
    let clean = cli(&["validate", "public/news.json"]);
    assert_eq!(clean.status.code(), Some(0));
    assert_eq!(stdout(&clean).trim(), "public/news.json: ok, 10 entries");

    let bad = cli(&["validate", "tests/corpus/bad-date.json"]);
    assert_eq!(bad.status.code(), Some(1));
    let text = stdout(&bad);
    assert!(text.contains("tests/corpus/bad-date.json: items[0].date: \"31 Feb. 2025\" is not a date"), "{text}");
    assert!(text.contains("shown under \"Undated\""), "{text}");
    assert!(text.contains("1 problem, 0 entries skipped, 2 entries usable"), "{text}");

    let not_json = cli(&["validate", "tests/corpus/trailing-comma.json"]);
    assert_eq!(not_json.status.code(), Some(1));
    assert!(stdout(&not_json).contains("line 4, column 3"));

    assert_fatal(&cli(&["validate", "no/such/file.json"]), "cannot read no/such/file.json: No such file or directory");
    assert_fatal(&cli(&["validate", "tests"]), "cannot read tests: Is a directory");
}

#[test]
fn validate_checks_that_rss_and_atom_convert_cleanly() {
    let example = cli(&["validate", "examples/feed.rss"]);
    assert_eq!(example.status.code(), Some(0), "{}", stdout(&example));
    assert!(stdout(&example).starts_with("examples/feed.rss: ok, "), "{}", stdout(&example));

    // The same problem lines import reports, on stdout, then a summary.
    let rss = cli(&["validate", "tests/golden/rss-2.0/feed.rss"]);
    assert_eq!(rss.status.code(), Some(1));
    let import_lines =
        std::fs::read_to_string(Path::new(ROOT).join("tests/golden/rss-2.0/expected-stderr.txt")).expect("golden");
    let problems: Vec<&str> = import_lines.lines().filter(|l| !l.contains(" imported from ")).collect();
    let out = stdout(&rss);
    let lines: Vec<&str> = out.lines().collect();
    assert!(!lines.is_empty());
    assert_eq!(&lines[..lines.len() - 1], &problems[..]);
    assert_eq!(
        lines[lines.len() - 1],
        "tests/golden/rss-2.0/feed.rss: 6 problems, 2 entries skipped, 8 entries usable"
    );

    // A broken feed is a finding about the file (exit 1), not a usage error.
    let dir = scratch("broken-xml");
    std::fs::write(dir.join("broken.rss"), "<rss version=\"2.0\"><channel>\n<item><title>Unclosed</title")
        .expect("write");
    let broken = cli_in(&dir, &["validate", "broken.rss"]);
    assert_eq!(broken.status.code(), Some(1), "{}{}", stdout(&broken), stderr(&broken));
    let says = "broken.rss: The feed is not well-formed XML: an end tag is not closed at line 2, column 22.";
    assert_eq!(stdout(&broken).trim_end(), says);
    // import cannot use it at all: exit 2, one line.
    assert_fatal(&cli_in(&dir, &["import", "broken.rss"]), says);
    // An end tag that closes more than its own element is mended, as feed readers do.
    std::fs::write(dir.join("sloppy.rss"), "<rss version=\"2.0\"><channel><item><title>Unclosed</channel></rss>")
        .expect("write");
    let sloppy = cli_in(&dir, &["import", "sloppy.rss"]);
    assert!(stdout(&sloppy).contains("\"title\": \"Unclosed\""), "{}", stdout(&sloppy));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn validate_runs_over_the_whole_bad_input_corpus_without_crashing() {
    let dir = Path::new(ROOT).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("corpus").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    for file in files {
        let path = file.to_string_lossy().into_owned();
        let out = cli(&["validate", &path]);
        let expected =
            if ["bom.json", "zero-items.json", "nul-in-string.json"].iter().any(|f| path.ends_with(f)) { 0 } else { 1 };
        assert_eq!(out.status.code(), Some(expected), "{path}: {}{}", stdout(&out), stderr(&out));
    }
}

#[test]
fn usage_input_and_output_errors_exit_with_2_and_one_line() {
    // Usage, reported by clap.
    assert_usage_error(&cli(&["frobnicate"]), "unrecognized subcommand 'frobnicate'");
    assert_usage_error(&cli(&["import"]), "the following required arguments were not provided");
    assert_usage_error(&cli(&["validate", "a", "b"]), "unexpected argument 'b'");
    assert_usage_error(&cli(&["import", "public/news.json", "-o"]), "a value is required for '--output <FILE>'");
    assert_usage_error(&cli(&["import", "public/news.json", "--frob"]), "unexpected argument '--frob'");
    assert_usage_error(&cli(&["validate", "public/news.json", "-o", "x.json"]), "unexpected argument '-o'");
    assert_usage_error(&cli(&["generate", "many"]), "invalid value 'many' for '<N>': not a number of entries");
    assert_usage_error(&cli(&["generate", "10000001"]), "generate makes at most 10000000 entries");
    assert_usage_error(&cli(&["shard", "public/news.json"]), "the following required arguments were not provided");
    assert!(stderr(&cli(&["shard", "public/news.json"])).contains("<OUT_DIR>"));

    // A missing file.
    assert_fatal(&cli(&["import", "no/such/feed.rss"]), "cannot read no/such/feed.rss: No such file or directory");
    // With several inputs, one that cannot be read stops the import (nothing half-merged is written).
    assert_fatal(
        &cli(&["import", "public/news.json", "no/such.rss"]),
        "cannot read no/such.rss: No such file or directory",
    );
    assert_fatal(
        &cli(&["shard", "no/such/feed.rss", "out"]),
        "cannot read no/such/feed.rss: No such file or directory",
    );

    // An unknown format.
    assert_fatal(
        &cli(&["import", "Cargo.lock"]),
        "Cargo.lock: unknown format: not JSON, RSS or Atom, and no news listing entries found",
    );
    assert_fatal(
        &cli(&["import", "tests/corpus/html-page.json"]),
        "unknown format: XML whose root element is <html>, not RSS (<rss>, <rdf:RDF>) or Atom (<feed>)",
    );
    assert_fatal(&cli(&["import", "tests/corpus/wrong-format.json"]), "The file is JSON but not a news feed");
    assert_fatal(&cli(&["shard", "Cargo.lock", "out"]), "unknown format");

    // An unwritable output.
    assert_fatal(
        &cli(&["import", "tests/fixtures/news-page.txt", "-o", "/nonexistent/dir/news.json"]),
        "cannot write /nonexistent/dir/news.json: No such file or directory",
    );
    assert_fatal(&cli(&["import", "examples/feed.rss", "-o", "tests"]), "cannot write tests: Is a directory");
    assert_fatal(&cli(&["generate", "10", "-o", "/nonexistent/feed.json"]), "cannot write /nonexistent/feed.json");
    assert_fatal(&cli(&["shard", "public/news.json", "Cargo.toml/archive"]), "cannot create Cargo.toml/archive");
}

#[test]
fn progress_is_shown_only_when_asked_for_and_output_stays_the_same() {
    let dir = scratch("progress");
    let quiet = cli_in(&dir, &["generate", "25000", "-o", "feed.json"]);
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(stderr(&quiet), "", "no progress when stderr is not a terminal");

    let loud = cli_in(&dir, &["import", "feed.json", "-o", "news.json", "--progress"]);
    assert_eq!(loud.status.code(), Some(0), "{}", stderr(&loud));
    let err = stderr(&loud);
    for line in [
        "datelines-cli: feed.json: ",
        "datelines-cli: 25,000 entries read",
        "datelines-cli: 10,000 entries written",
        "datelines-cli: 20,000 entries written",
        "datelines-cli: 25,000 entries written",
        "feed.json: 25,000 entries imported from Datelines JSON",
    ] {
        assert!(err.contains(line), "{line:?} in {err}");
    }
    let silent = cli_in(&dir, &["import", "feed.json"]);
    assert_eq!(stderr(&silent), "feed.json: 25,000 entries imported from Datelines JSON\n");
    // Importing our own output gives the same bytes: nothing was lost or reordered.
    assert!(silent.stdout == std::fs::read(dir.join("feed.json")).expect("feed.json"));
    assert!(silent.stdout == std::fs::read(dir.join("news.json")).expect("news.json"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn shard_writes_an_index_and_months_that_validate() {
    let out_dir = scratch("shard");
    let out_dir_str = out_dir.to_string_lossy().into_owned();
    let out = cli(&["shard", "public/news.json", &out_dir_str]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let index = std::fs::read_to_string(out_dir.join("index.json")).expect("index.json");
    assert!(index.contains("\"month\": \"2025-02\"") && index.contains("\"count\": 9"), "{index}");
    for month in ["2025-03.json", "2025-02.json"] {
        let path = out_dir.join(month).to_string_lossy().into_owned();
        assert_eq!(cli(&["validate", &path]).status.code(), Some(0), "{month}");
    }
    let _ = std::fs::remove_dir_all(out_dir);
}

#[test]
fn shard_of_an_rss_feed_puts_undated_items_in_their_own_file() {
    let dir = scratch("shard-rss");
    let rss = Path::new(ROOT).join("tests/golden/rss-2.0/feed.rss").to_string_lossy().into_owned();
    let out = cli_in(&dir, &["shard", &rss, "archive"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).ends_with("8 entries in 3 months -> archive/index.json\n"), "{}", stderr(&out));
    let undated = std::fs::read_to_string(dir.join("archive/undated.json")).expect("undated.json");
    assert!(undated.contains("\"date\": \"undated\"") && undated.contains("About this newsroom"), "{undated}");
    let check = cli_in(&dir, &["shard", "--check", "archive"]);
    assert_eq!(stdout(&check), "archive: ok, 8 entries in 3 months\n");
    assert_eq!(check.status.code(), Some(0));
    let _ = std::fs::remove_dir_all(dir);
}

/// Reads a month file as JSON, changes it, writes it back.
fn edit_json(path: &Path, change: impl FnOnce(&mut serde_json::Value)) {
    let mut value: serde_json::Value = serde_json::from_slice(&std::fs::read(path).expect("read")).expect("JSON");
    change(&mut value);
    std::fs::write(path, serde_json::to_string_pretty(&value).expect("JSON")).expect("write");
}

#[test]
fn shard_check_passes_a_good_archive_and_names_what_is_wrong_with_a_tampered_one() {
    let dir = scratch("check");
    assert_eq!(cli_in(&dir, &["generate", "120", "-o", "feed.json"]).status.code(), Some(0));
    let made = cli_in(&dir, &["shard", "feed.json", "archive"]);
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    // 120 synthetic entries: 2025-03 has 31 (s0-s30), 2025-02 has 43 (s31-s73), 2025-01 has 46.
    let good = cli_in(&dir, &["shard", "--check", "archive"]);
    assert_eq!(
        (good.status.code(), stdout(&good)),
        (Some(0), "archive: ok, 120 entries in 3 months\n".to_string()),
        "{}",
        stderr(&good)
    );

    // 1. A month file deleted.
    let a = dir.join("archive");
    let copy = |name: &str| {
        let to = dir.join(name);
        std::fs::create_dir_all(&to).expect("mkdir");
        for entry in std::fs::read_dir(&a).expect("archive").filter_map(|e| e.ok()) {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
        to
    };
    let deleted = copy("deleted");
    std::fs::remove_file(deleted.join("2025-02.json")).expect("remove");
    let out = cli_in(&dir, &["shard", "--check", "deleted"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "deleted/2025-02.json: is missing (the index lists it for 2025-02, 43 entries)\ndeleted: 1 problem in 3 months\n");

    // 2. A count edited in the index.
    let counted = copy("counted");
    let index = std::fs::read_to_string(counted.join("index.json")).expect("index");
    std::fs::write(counted.join("index.json"), index.replace("\"count\": 46", "\"count\": 45")).expect("write");
    let out = cli_in(&dir, &["shard", "--check", "counted"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "counted/index.json: \"total\" is 120, but the months add up to 119\n\
         counted/2025-01.json: has 46 entries, the index says 45\n\
         counted: 2 problems in 3 months\n"
    );

    // 3. An entry moved to the wrong month (and so the counts of both are off), and a month
    //    file that the index does not list.
    let moved = copy("moved");
    let mut entry = serde_json::Value::Null;
    edit_json(&moved.join("2025-03.json"), |feed| {
        if let Some(items) = feed["items"].as_array_mut() {
            entry = items.remove(0);
        }
    });
    edit_json(&moved.join("2025-02.json"), |feed| {
        if let Some(items) = feed["items"].as_array_mut() {
            items.push(entry);
        }
    });
    std::fs::copy(moved.join("2025-01.json"), moved.join("2024-12.json")).expect("copy");
    let out = cli_in(&dir, &["shard", "--check", "moved"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "moved/2025-03.json: has 30 entries, the index says 31\n\
         moved/2025-02.json: has 44 entries, the index says 43\n\
         moved/2025-02.json: entry \"s0\" is dated 2025-03-19, not in 2025-02\n\
         moved/2024-12.json: is not listed in index.json\n\
         moved: 4 problems in 3 months\n"
    );

    // 4. The same entry in two months, and an entry that does not read.
    let twice = copy("twice");
    edit_json(&twice.join("2025-01.json"), |feed| {
        if let Some(items) = feed["items"].as_array_mut() {
            items[0]["id"] = "s31".into();
            items[1]["date"] = "31 Feb. 2025".into();
        }
    });
    let out = cli_in(&dir, &["shard", "--check", "twice"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("twice/2025-01.json: items[1].date: \"31 Feb. 2025\" is not a date"), "{text}");
    assert!(text.contains("twice/2025-01.json: id \"s31\" is also in 2025-02.json"), "{text}");

    // Missing folder or index: exit 2, one line.
    assert_fatal(&cli_in(&dir, &["shard", "--check", "nowhere"]), "cannot check nowhere: no such folder");
    std::fs::remove_file(twice.join("index.json")).expect("remove");
    assert_fatal(
        &cli_in(&dir, &["shard", "--check", "twice"]),
        "cannot read twice/index.json: No such file or directory",
    );
    let extra = cli_in(&dir, &["shard", "--check", "archive", "more"]);
    assert_usage_error(&extra, "the argument '--check <DIR>' cannot be used with");
    // An index that is a feed, not an index.
    std::fs::copy(dir.join("feed.json"), twice.join("index.json")).expect("copy");
    assert_fatal(&cli_in(&dir, &["shard", "--check", "twice"]), "twice/index.json is not an archive index");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn import_and_render_merge_several_inputs_naming_each_entrys_feed() {
    let (rss, atom) = ("tests/golden/rss-2.0/feed.rss", "tests/golden/atom/feed.xml");
    let out = cli(&["import", rss, atom]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let merged: serde_json::Value = serde_json::from_slice(&out.stdout).expect("Datelines JSON");
    let items = merged["items"].as_array().expect("items");
    let single = |path: &str| {
        let one: serde_json::Value = serde_json::from_slice(&cli(&["import", path]).stdout).expect("JSON");
        one["items"].as_array().map_or(0, Vec::len)
    };
    // Every entry of both feeds, none lost; the two feeds share no link.
    assert_eq!(items.len(), single(rss) + single(atom));
    let sources: std::collections::BTreeSet<&str> =
        items.iter().map(|i| i["source"]["title"].as_str().expect("each entry names its feed")).collect();
    assert_eq!(
        sources.into_iter().collect::<Vec<_>>(),
        ["Example Alliance & Partners: News", "Science & Technology Updates"]
    );
    let dates: Vec<&str> = items.iter().map(|i| i["date"].as_str().unwrap_or_default()).collect();
    let dated: Vec<&&str> = dates.iter().filter(|d| **d != "undated").collect();
    assert!(dated.windows(2).all(|w| w[0] >= w[1]), "newest first: {dates:?}");
    assert!(
        stderr(&out).ends_with(&format!("{rss}, {atom}: 14 entries imported from 2 feeds, 3 entries left out\n")),
        "{}",
        stderr(&out)
    );
    // The merged file reads back the same, sources included.
    let dir = scratch("merged");
    std::fs::write(dir.join("merged.json"), &out.stdout).expect("write");
    let again = cli_in(&dir, &["import", "merged.json"]);
    assert!(again.stdout == out.stdout, "{}", stdout(&again));
    // render merges the same way, and names each entry's feed.
    let html = stdout(&cli(&["render", "--fragment", rss, atom]));
    assert!(
        html.contains(
            r#"<p class="dl-source">From <a href="https://example.org/science/">Science &amp; Technology Updates</a>"#
        ),
        "{html}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

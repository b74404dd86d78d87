//! datelines-cli as an editor uses it: exit codes, messages, and the seed round trip.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::{Command, Output};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_datelines-cli"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the CLI runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn help_lists_every_command_with_examples() {
    let out = cli(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    for word in ["import", "validate", "shard", "generate", "EXAMPLES", "EXIT CODES"] {
        assert!(stdout(&out).contains(word), "--help mentions {word}");
    }
}

#[test]
fn import_of_the_seed_is_exactly_the_bundled_file() {
    let out = cli(&["import", "tests/fixtures/news-page.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), datelines::BUNDLED_JSON);
    assert!(stderr(&out).contains("10 entries imported"));
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
    assert!(text.contains("1 problem, 1 entry skipped, 1 entry usable"), "{text}");

    let not_json = cli(&["validate", "tests/corpus/trailing-comma.json"]);
    assert_eq!(not_json.status.code(), Some(1));
    assert!(stdout(&not_json).contains("line 4, column 3"));

    let missing = cli(&["validate", "no/such/file.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(stderr(&missing).lines().count(), 1, "one clear line: {}", stderr(&missing));
}

#[test]
fn validate_runs_over_the_whole_bad_input_corpus_without_crashing() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("corpus").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    for file in files {
        let path = file.to_string_lossy().into_owned();
        let out = cli(&["validate", &path]);
        let expected = if ["bom.json", "zero-items.json", "nul-in-string.json"].iter().any(|f| path.ends_with(f)) { 0 } else { 1 };
        assert_eq!(out.status.code(), Some(expected), "{path}: {}{}", stdout(&out), stderr(&out));
    }
}

#[test]
fn usage_and_output_errors_exit_with_2() {
    assert_eq!(cli(&[]).status.code(), Some(2));
    assert_eq!(cli(&["frobnicate"]).status.code(), Some(2));
    let unknown = cli(&["import", "Cargo.lock"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("unknown format"), "{}", stderr(&unknown));
    let unwritable = cli(&["import", "tests/fixtures/news-page.txt", "-o", "/nonexistent/dir/news.json"]);
    assert_eq!(unwritable.status.code(), Some(2));
    assert!(stderr(&unwritable).contains("cannot write /nonexistent/dir/news.json"));
}

#[test]
fn shard_writes_an_index_and_months_that_validate() {
    let out_dir = std::env::temp_dir().join(format!("datelines-shard-{}", std::process::id()));
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

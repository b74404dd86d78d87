//! `shard`: split a feed into month files plus an index; `shard --check`: verify such an archive.

use crate::input::{self, io_reason};
use crate::output::{write_text, Progress};
use datelines::months::{count_label, MonthCount};
use datelines::dates::YearMonth;
use datelines::formats::datelines::write_json;
use datelines::formats::shards::{index_json, INDEX_FORMAT};
use datelines::formats::{parse_any, parse_feed, Loaded};
use std::collections::{BTreeSet, HashMap};
use std::io::BufWriter;
use std::path::Path;

fn fail(message: impl std::fmt::Display) -> i32 {
    eprintln!("datelines-cli: {message}");
    2
}

/// A month file's name as `shard` writes it: `2025-03.json`, `undated.json`.
fn month_file(month: YearMonth) -> String {
    format!("{}.json", month.key())
}

/// Whether a file name looks like a month file (`YYYY-MM.json` or `undated.json`).
fn is_month_file(name: &str) -> bool {
    name.strip_suffix(".json").and_then(YearMonth::parse).is_some()
}

pub fn write(input: &str, out_dir: &str, progress: &Progress) -> i32 {
    let (loaded, input) = match input::load_reporting(input, progress) {
        Ok(loaded) => loaded,
        Err(message) => return fail(message),
    };
    let feed = &loaded.parsed.feed;
    let dir = Path::new(out_dir);
    if let Err(e) = std::fs::create_dir_all(dir) {
        return fail(format!("cannot create {out_dir}: {}", io_reason(&e)));
    }
    // The feed is newest first, so each month's entries are one run: write them straight from
    // the feed, one month file at a time.
    let mut months: Vec<MonthCount> = Vec::new();
    let mut written = 0;
    for run in feed.items.chunk_by(|a, b| a.date.year_month() == b.date.year_month()) {
        let month = run[0].date.year_month();
        if months.iter().any(|m| m.month == month) {
            return fail(format!("internal error: the entries of {} are not together", month.key()));
        }
        months.push(MonthCount { month, count: run.len() });
        let path = dir.join(month_file(month));
        let file = match std::fs::File::create(&path) {
            Ok(file) => file,
            Err(e) => return fail(format!("cannot write {}: {}", path.display(), io_reason(&e))),
        };
        let counted = run.iter().enumerate().map(|(i, item)| {
            progress.every(written + i + 1, "entries written");
            item
        });
        if let Err(e) = write_json(BufWriter::new(file), feed.title.as_deref(), counted) {
            return fail(format!("cannot write {}: {}", path.display(), io_reason(&e)));
        }
        written += run.len();
    }
    progress.done(written, "entries written");
    // The index last: until it is written, an older index still describes older files.
    let index_path = dir.join("index.json");
    if let Err(message) = write_text(&index_path, &index_json(feed.title.as_deref(), &months)) {
        return fail(message);
    }
    // Month files left from an earlier run would make `shard --check` fail: say so now.
    let listed: BTreeSet<String> = months.iter().map(|m| month_file(m.month)).collect();
    for name in month_files_in(dir) {
        if !listed.contains(&name) {
            eprintln!("{input}: {} is not in the new index (left from an earlier run?); remove it", dir.join(&name).display());
        }
    }
    eprintln!("{input}: {} in {} -> {}", count_label(feed.items.len()), self::months(months.len()), index_path.display());
    0
}

/// The month files in a folder, sorted by name.
fn month_files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok()).filter_map(|e| e.file_name().to_str().map(str::to_string)).filter(|n| is_month_file(n)).collect())
        .unwrap_or_default();
    names.sort();
    names
}

/// `shard --check DIR`: one line per problem on stdout, then a summary.
pub fn check(dir_arg: &str) -> i32 {
    let dir = Path::new(dir_arg);
    if !dir.is_dir() {
        return fail(format!("cannot check {dir_arg}: no such folder"));
    }
    let index_path = dir.join("index.json");
    let shown = |name: &str| dir.join(name).display().to_string();
    let bytes = match std::fs::read(&index_path) {
        Ok(bytes) => bytes,
        Err(e) => return fail(format!("cannot read {}: {}", index_path.display(), io_reason(&e))),
    };
    let index = match parse_any(&bytes) {
        Ok(Loaded::Index(index)) => index,
        Ok(Loaded::Feed(_)) => return fail(format!("{} is not an archive index (\"format\": \"{INDEX_FORMAT}\")", index_path.display())),
        Err(e) => return fail(format!("{} cannot be read as an index: {e}", index_path.display())),
    };
    let mut problems: Vec<String> = Vec::new();
    let mut report = |line: String| problems.push(line);

    // The index itself: its total, and months listed twice.
    let raw: serde_json::Value = serde_json::from_slice(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)).unwrap_or_default();
    let sum = index.total();
    match raw.get("total").and_then(serde_json::Value::as_u64) {
        Some(total) if total as usize != sum => report(format!("{}: \"total\" is {total}, but the months add up to {sum}", index_path.display())),
        _ => {}
    }
    let mut listed_months = BTreeSet::new();
    for shard in &index.months {
        if !listed_months.insert(shard.month) {
            report(format!("{}: {} is listed more than once", index_path.display(), shard.month.key()));
        }
    }

    // Each month's file: it exists, reads cleanly, has the index's count, and holds only
    // entries of its month; no id is in two files.
    let mut owner: HashMap<String, String> = HashMap::new();
    let mut listed_files = BTreeSet::new();
    let mut entries = 0;
    for shard in &index.months {
        let src = shard.src.as_str();
        if src.contains("://") || src.starts_with('/') || src.split('/').any(|part| part == "..") {
            report(format!("{}: {}: \"src\" is {src:?}; only files inside the archive folder can be checked", index_path.display(), shard.month.key()));
            continue;
        }
        if !listed_files.insert(src.to_string()) {
            report(format!("{}: {} is listed for more than one month", index_path.display(), src));
            continue;
        }
        let path = shown(src);
        let bytes = match std::fs::read(dir.join(src)) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                report(format!("{path}: is missing (the index lists it for {}, {})", shard.month.key(), count_label(shard.count)));
                continue;
            }
            Err(e) => {
                report(format!("{path}: cannot be read: {}", io_reason(&e)));
                continue;
            }
        };
        let parsed = match parse_feed(&bytes) {
            Ok(parsed) => parsed,
            Err(e) => {
                report(format!("{path}: {e}"));
                continue;
            }
        };
        drop(bytes);
        for problem in &parsed.problems {
            report(format!("{path}: {problem}"));
        }
        let count = parsed.feed.items.len() + parsed.skipped();
        if count != shard.count {
            report(format!("{path}: has {}, the index says {}", count_label(count), shard.count));
        }
        for item in &parsed.feed.items {
            let month = item.date.year_month();
            if month != shard.month {
                let date = item.date.day().map_or_else(|| "undated".to_string(), |day| format!("dated {}", day.iso_date()));
                report(format!("{path}: entry \"{}\" is {date}, not in {}", item.id, shard.month.key()));
            }
            match owner.get(&item.id) {
                Some(first) => report(format!("{path}: id \"{}\" is also in {first}", item.id)),
                None => {
                    owner.insert(item.id.clone(), src.to_string());
                }
            }
        }
        entries += parsed.feed.items.len();
    }

    // Month files in the folder that the index does not list.
    for name in month_files_in(dir) {
        if !listed_files.contains(&name) {
            report(format!("{}: is not listed in index.json", shown(&name)));
        }
    }

    if problems.is_empty() {
        say!("{dir_arg}: ok, {} in {}", count_label(entries), months(index.months.len()));
        return 0;
    }
    for line in &problems {
        say!("{line}");
    }
    let n = problems.len();
    say!("{dir_arg}: {} in {}", if n == 1 { "1 problem".to_string() } else { format!("{n} problems") }, months(index.months.len()));
    1
}

/// "1 month", "179 months".
fn months(n: usize) -> String {
    if n == 1 { "1 month".to_string() } else { format!("{n} months") }
}

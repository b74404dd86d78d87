//! Month-sharded archives in a folder (native only): writing one from a feed, and checking one
//! against its index. The file formats are in [`super::shards`].

use super::datelines::write_json;
use super::input::io_reason;
use super::shards::{index_json, INDEX_FORMAT};
use super::{parse_any, parse_feed, NewsFile};
use crate::dates::YearMonth;
use crate::model::Feed;
use crate::months::{count_label, MonthCount};
use std::collections::{BTreeSet, HashMap};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A month file's name: `2025-03.json`, `undated.json`.
fn month_file(month: YearMonth) -> String {
    format!("{}.json", month.key())
}

/// Whether a file name looks like a month file (`YYYY-MM.json` or `undated.json`).
fn is_month_file(name: &str) -> bool {
    name.strip_suffix(".json").and_then(YearMonth::parse).is_some()
}

/// The month files in a folder, sorted by name.
fn month_files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .filter(|n| is_month_file(n))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn cannot_write(path: &Path, e: &std::io::Error) -> String {
    format!("cannot write {}: {}", path.display(), io_reason(e))
}

/// What [`write`] wrote.
pub struct Written {
    /// The months, newest first, with their entry counts.
    pub months: Vec<MonthCount>,
    pub index: PathBuf,
    /// Month files in the folder that the new index does not list (left from an earlier run):
    /// `shard --check` would report them.
    pub strays: Vec<PathBuf>,
}

/// Writes a feed (newest first) as `dir/index.json` plus one Datelines file per month, creating
/// `dir` if needed. `progress` is called with the running count of entries written. The error
/// is one line naming the file or folder.
pub fn write(feed: &Feed, dir: &Path, mut progress: impl FnMut(usize)) -> Result<Written, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {}", dir.display(), io_reason(&e)))?;
    // The feed is newest first, so each month's entries are one run: write them straight from
    // the feed, one month file at a time.
    let mut months: Vec<MonthCount> = Vec::new();
    let mut written = 0;
    for run in feed.items.chunk_by(|a, b| a.date.year_month() == b.date.year_month()) {
        let month = run[0].date.year_month();
        if months.iter().any(|m| m.month == month) {
            return Err(format!("internal error: the entries of {} are not together", month.key()));
        }
        months.push(MonthCount { month, count: run.len() });
        let path = dir.join(month_file(month));
        let file = std::fs::File::create(&path).map_err(|e| cannot_write(&path, &e))?;
        let counted = run.iter().enumerate().map(|(i, item)| {
            progress(written + i + 1);
            item
        });
        write_json(BufWriter::new(file), feed.title.as_deref(), counted).map_err(|e| cannot_write(&path, &e))?;
        written += run.len();
    }
    // The index last: until it is written, an older index still describes older files.
    let index = dir.join("index.json");
    let mut file = std::fs::File::create(&index).map_err(|e| cannot_write(&index, &e))?;
    file.write_all(index_json(feed.title.as_deref(), &months).as_bytes()).map_err(|e| cannot_write(&index, &e))?;
    let listed: BTreeSet<String> = months.iter().map(|m| month_file(m.month)).collect();
    let strays =
        month_files_in(dir).into_iter().filter(|name| !listed.contains(name)).map(|name| dir.join(name)).collect();
    Ok(Written { months, index, strays })
}

/// What [`check`] found in an archive that has an index.
pub struct Checked {
    /// One line per problem, naming its file.
    pub problems: Vec<String>,
    /// Entries read from the month files.
    pub entries: usize,
    /// Months listed in the index.
    pub months: usize,
}

/// Verifies an archive against its index: every listed month has its file, each file reads with
/// no problems, its entry count matches the index, every entry's date is in that file's month,
/// no id is in two months, the total adds up, and no month file lies in `dir` unlisted. The
/// error (one line) is for a missing folder or an index that cannot be read.
pub fn check(dir: &Path) -> Result<Checked, String> {
    if !dir.is_dir() {
        return Err(format!("cannot check {}: no such folder", dir.display()));
    }
    let index_path = dir.join("index.json");
    let index_name = index_path.display();
    let shown = |name: &str| dir.join(name).display().to_string();
    let bytes = std::fs::read(&index_path).map_err(|e| format!("cannot read {index_name}: {}", io_reason(&e)))?;
    let index = match parse_any(&bytes[..]) {
        Ok(NewsFile::ArchiveIndex(index)) => index,
        Ok(NewsFile::Feed(_)) => {
            return Err(format!("{index_name} is not an archive index (\"format\": \"{INDEX_FORMAT}\")"))
        }
        Err(e) => return Err(format!("{index_name} cannot be read as an index: {e}")),
    };
    let mut problems: Vec<String> = Vec::new();

    // The index itself: its total, and months listed twice.
    let raw: serde_json::Value =
        serde_json::from_slice(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)).unwrap_or_default();
    let sum = index.total();
    match raw.get("total").and_then(serde_json::Value::as_u64) {
        Some(total) if total as usize != sum => {
            problems.push(format!("{index_name}: \"total\" is {total}, but the months add up to {sum}"));
        }
        _ => {}
    }
    let mut listed_months = BTreeSet::new();
    for shard in &index.months {
        if !listed_months.insert(shard.month) {
            problems.push(format!("{index_name}: {} is listed more than once", shard.month.key()));
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
            let month = shard.month.key();
            problems.push(format!(
                "{index_name}: {month}: \"src\" is {src:?}; only files inside the archive folder can be checked"
            ));
            continue;
        }
        if !listed_files.insert(src.to_string()) {
            problems.push(format!("{index_name}: {src} is listed for more than one month"));
            continue;
        }
        let path = shown(src);
        let bytes = match std::fs::read(dir.join(src)) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let (month, count) = (shard.month.key(), count_label(shard.count));
                problems.push(format!("{path}: is missing (the index lists it for {month}, {count})"));
                continue;
            }
            Err(e) => {
                problems.push(format!("{path}: cannot be read: {}", io_reason(&e)));
                continue;
            }
        };
        let parsed = match parse_feed(bytes) {
            Ok(parsed) => parsed,
            Err(e) => {
                problems.push(format!("{path}: {e}"));
                continue;
            }
        };
        problems.extend(parsed.problems.iter().map(|problem| format!("{path}: {problem}")));
        let count = parsed.feed.items.len() + parsed.skipped();
        if count != shard.count {
            problems.push(format!("{path}: has {}, the index says {}", count_label(count), shard.count));
        }
        for item in &parsed.feed.items {
            let month = item.date.year_month();
            if month != shard.month {
                let date = item.date.iso_date().map_or_else(|| "undated".to_string(), |day| format!("dated {day}"));
                problems.push(format!("{path}: entry \"{}\" is {date}, not in {}", item.id, shard.month.key()));
            }
            match owner.get(item.id.as_str()) {
                Some(first) => problems.push(format!("{path}: id \"{}\" is also in {first}", item.id)),
                None => {
                    owner.insert(item.id.to_string(), src.to_string());
                }
            }
        }
        entries += parsed.feed.items.len();
    }

    // Month files in the folder that the index does not list.
    for name in month_files_in(dir) {
        if !listed_files.contains(&name) {
            problems.push(format!("{}: is not listed in index.json", shown(&name)));
        }
    }
    Ok(Checked { problems, entries, months: index.months.len() })
}

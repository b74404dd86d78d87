//! Dates as the data writes them, and how a reader sees them.
//!
//! An entry belongs to the calendar date written in the data: for a date-time that is the
//! date in its own UTC offset. Nothing here looks at the reader's time zone, so a news item
//! stamped `2025-03-01T00:30:00+02:00` is a 1 March item for every reader.

use crate::i18n::{Strings, EN};
use crate::text::shorten;
use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use std::borrow::Cow;
use std::fmt;

/// When an entry was published, as the data writes it: a day, or no date at all.
///
/// The derived order is the list's order: an undated entry sorts before every day (so last
/// when newest first), then by date, then by time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemDate {
    /// No date at all (a JSON Feed item may have none): shown last, under "Undated".
    Undated,
    Dated(Day),
}

/// A calendar date, plus the local time of day and its UTC offset when the data gives them.
/// Ordered by date, then by time (a day without a time sorts before the same day with one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    date: NaiveDate,
    /// Time of day in the entry's own offset: orders entries of the same day, and with the
    /// offset places the entry in time for relative dates ("3 hours ago").
    time: Option<NaiveTime>,
    /// The time's offset from UTC in minutes (`+02:00` is 120), when the data names one.
    offset: Option<i16>,
}

/// The reader's clock, for relative dates: now, and the reader's offset from UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub unix_seconds: i64,
    /// The reader's offset from UTC in minutes (Paris in winter: 60).
    pub offset_minutes: i32,
}

/// A year and month, the unit readers filter by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
}

/// Why a date string was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub input: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not a date (expected YYYY-MM-DD or an RFC 3339 date-time)", shorten(&self.input))
    }
}

impl ItemDate {
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(|date| ItemDate::Dated(Day { date, time: None, offset: None }))
    }

    /// Accepts, in this order: `2025-03-19`; RFC 3339 and ISO 8601 date-times
    /// (`2025-03-01T00:30:00+02:00`, `...Z`, `...+0200`, or with no offset); `2020/1/10 14:33:00`;
    /// RFC 822/2822 (`Wed, 19 Mar 2025 10:00:00 +0000`, the weekday, seconds and zone optional,
    /// zones as offsets or names); and the source page's style (`19 Mar. 2025`, `19 March 2025`).
    /// Surrounding spaces are ignored.
    ///
    /// Hand-written rather than chrono's format-string parser, which costs about 15 KB of wasm.
    pub fn parse(input: &str) -> Result<Self, DateError> {
        let s = input.trim();
        let parsed = if s.len() > 64 {
            None
        } else if s.as_bytes().first().is_some_and(u8::is_ascii_digit) && s.as_bytes().get(4) == Some(&b'-') {
            parse_iso(s)
        } else if s.as_bytes().first().is_some_and(u8::is_ascii_digit) && s.as_bytes().get(4) == Some(&b'/') {
            parse_slashed(s)
        } else {
            parse_rfc2822(s).or_else(|| parse_day_month_year(s))
        };
        parsed.map(ItemDate::Dated).ok_or_else(|| DateError { input: input.to_string() })
    }

    /// The day, unless the entry is undated.
    pub fn day(&self) -> Option<&Day> {
        match self {
            ItemDate::Dated(day) => Some(day),
            ItemDate::Undated => None,
        }
    }

    /// `2025-03-19`, unless the entry is undated.
    pub fn iso_date(&self) -> Option<String> {
        self.day().map(Day::iso_date)
    }

    /// The month the entry is listed under; [`YearMonth::UNDATED`] for an undated entry.
    pub fn year_month(&self) -> YearMonth {
        self.day().map_or(YearMonth::UNDATED, Day::year_month)
    }
}

impl Day {
    pub fn naive(&self) -> NaiveDate {
        self.date
    }

    pub fn year_month(&self) -> YearMonth {
        YearMonth { year: self.date.year(), month: self.date.month() }
    }

    /// `2025-03-19`, for `<time datetime>` and derived ids.
    pub fn iso_date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.date.year(), self.date.month(), self.date.day())
    }

    /// The source page's style: `19 Mar. 2025`, `05 Feb. 2025` (day zero-padded as on the page).
    pub fn short_label(&self) -> String {
        self.short_label_in(&EN)
    }

    /// A date in the list, in `lang`'s style: `19 Mar. 2025`, `19 mars 2025`, `1er mars 2025`.
    pub fn short_label_in(&self, lang: &Strings) -> String {
        self.label_with(lang, &lang.months_short, lang.pad_day)
    }

    /// The full date for the detail card: `19 March 2025`.
    pub fn long_label(&self) -> String {
        self.long_label_in(&EN)
    }

    /// The full date in `lang`'s style: `19 March 2025`, `19 mars 2025`.
    pub fn long_label_in(&self, lang: &Strings) -> String {
        self.label_with(lang, &lang.months_long, false)
    }

    /// For `<time datetime>`: `2025-03-19`, or with the time the data gives,
    /// `2025-03-19T10:00:00+02:00` (`…Z` in UTC; no offset when the data named none).
    pub fn datetime(&self) -> String {
        let Some(time) = self.time else { return self.iso_date() };
        let offset = match self.offset {
            None => String::new(),
            Some(0) => "Z".to_string(),
            Some(minutes) => {
                let sign = if minutes < 0 { '-' } else { '+' };
                let minutes = u32::from(minutes.unsigned_abs());
                format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
            }
        };
        // By hand: chrono's `format` would bring its format engine into the wasm.
        format!("{}T{:02}:{:02}:{:02}{offset}", self.iso_date(), time.hour(), time.minute(), time.second())
    }

    /// The entry's instant in seconds since 1970 (UTC): its date and time less its offset. A
    /// day without a time counts from its midnight; a time without an offset is read as UTC.
    pub fn unix_seconds(&self) -> i64 {
        let time = self.time.unwrap_or(NaiveTime::MIN);
        self.date.and_time(time).and_utc().timestamp() - i64::from(self.offset.unwrap_or(0)) * 60
    }

    /// A relative date as `<relative-time>` writes it: "just now", "3 minutes ago", "5 hours
    /// ago", "yesterday", "4 days ago" (French: "il y a 3 minutes", "hier"). `None` when the
    /// absolute date should show instead: older than `threshold_seconds`, or ahead of the
    /// reader's clock by more than a minute.
    ///
    /// Minutes and hours count from the entry's instant; days count the reader's calendar
    /// days (with the reader's offset today), so "yesterday" is the reader's yesterday. An
    /// entry with only a date is "today", "yesterday" or "N days ago".
    pub fn relative_label(&self, clock: Clock, threshold_seconds: i64, lang: &Strings) -> Option<String> {
        let local_day = |unix: i64| (unix + i64::from(clock.offset_minutes) * 60).div_euclid(86_400);
        let today = local_day(clock.unix_seconds);
        let (elapsed, days) = match self.time {
            Some(_) => {
                // A time the data gives without an offset is read as the reader's own.
                let unnamed = if self.offset.is_none() { i64::from(clock.offset_minutes) * 60 } else { 0 };
                let instant = self.unix_seconds() - unnamed;
                (clock.unix_seconds - instant, today - local_day(instant))
            }
            None => {
                let days = today - self.date.and_time(NaiveTime::MIN).and_utc().timestamp().div_euclid(86_400);
                (days * 86_400, days)
            }
        };
        if elapsed > threshold_seconds || elapsed < -60 || days < 0 {
            return None;
        }
        let count = |n: i64| usize::try_from(n).unwrap_or(0);
        Some(match (self.time, days) {
            (Some(_), _) if elapsed < 60 => lang.just_now.to_string(),
            (Some(_), _) if elapsed < 3_600 => lang.minutes_ago(count(elapsed / 60)),
            (Some(_), 0) => lang.hours_ago(count(elapsed / 3_600)),
            (None, 0) => lang.today.to_string(),
            (_, 1) => lang.yesterday.to_string(),
            (_, days) => lang.days_ago(count(days)),
        })
    }

    fn label_with(&self, lang: &Strings, months: &[&str; 12], pad: bool) -> String {
        let day = self.date.day();
        let month = months[self.date.month0() as usize];
        match lang.first_day {
            Some(first) if day == 1 => format!("{first} {month} {}", self.date.year()),
            _ if pad => format!("{day:02} {month} {}", self.date.year()),
            _ => format!("{day} {month} {}", self.date.year()),
        }
    }
}

/// A run of ASCII digits of exactly `len` bytes, as a number.
fn digits(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// `2025-03-19`, or RFC 3339 / ISO 8601 date-times: `2025-03-19T10:00`, `…:00`, `…:00.123`,
/// each with an optional `Z` or `±HH:MM` offset. The date and time are kept as written.
fn parse_iso(s: &str) -> Option<Day> {
    let date = s.get(..10)?;
    let (y, m, d) = (digits(date.get(..4)?, 4)?, digits(date.get(5..7)?, 2)?, digits(date.get(8..10)?, 2)?);
    if date.as_bytes().get(7) != Some(&b'-') {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y as i32, m, d)?;
    let rest = &s[10..];
    if rest.is_empty() {
        return Some(Day { date, time: None, offset: None });
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    // Split off the offset: "Z", or "+HH:MM" / "+HHMM" / "+HH" (and "-") at the end, after the
    // clock's own "HH:MM".
    let rest = rest.trim_end();
    let (clock, offset) = if let Some(clock) = rest.strip_suffix(['Z', 'z']) {
        (clock, Some(0))
    } else {
        match rest.get(5..).and_then(|tail| tail.rfind(['+', '-'])).map(|at| at + 5) {
            Some(split) => (&rest[..split], Some(parse_offset(&rest[split..])?)),
            None => (rest, None),
        }
    };
    let time = parse_clock(clock.trim_end())?;
    Some(Day { date, time: Some(time), offset })
}

/// `+02:00`, `+0200`, `-05` as minutes east of UTC.
fn parse_offset(s: &str) -> Option<i16> {
    let (sign, offset) = (s.get(..1)?, s.get(1..)?);
    let (h, m) = match offset.split_once(':') {
        Some((h, m)) => (h, m),
        None if offset.len() == 4 && offset.is_ascii() => offset.split_at(2),
        None => (offset, "00"),
    };
    let (h, m) = (digits(h, 2)?, digits(m, 2)?);
    if h > 23 || m > 59 {
        return None;
    }
    let minutes = (h * 60 + m) as i16;
    Some(if sign == "-" { -minutes } else { minutes })
}

/// The offset of a zone name RFC 822 allows (`GMT`, `EST`, …); `None` for any other name.
fn zone_offset(name: &str) -> Option<i16> {
    const ZONES: [(&str, i16); 12] = [
        ("GMT", 0),
        ("UT", 0),
        ("UTC", 0),
        ("Z", 0),
        ("EDT", -4),
        ("EST", -5),
        ("CDT", -5),
        ("CST", -6),
        ("MDT", -6),
        ("MST", -7),
        ("PDT", -7),
        ("PST", -8),
    ];
    ZONES.iter().find(|(zone, _)| zone.eq_ignore_ascii_case(name)).map(|(_, hours)| hours * 60)
}

/// `10:00`, `10:00:30`, `10:00:30.250`.
fn parse_clock(s: &str) -> Option<NaiveTime> {
    let (main, fraction) = match s.split_once('.') {
        Some((main, fraction)) => (main, Some(fraction)),
        None => (s, None),
    };
    if let Some(fraction) = fraction {
        if fraction.is_empty() || fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    let mut parts = main.split(':');
    let h = digits(parts.next()?, 2)?;
    let m = digits(parts.next()?, 2)?;
    let sec = match parts.next() {
        Some(sec) => digits(sec, 2)?,
        None if fraction.is_none() => 0,
        None => return None,
    };
    if parts.next().is_some() {
        return None;
    }
    // A leap second (":60") is read as the last second of the minute.
    NaiveTime::from_hms_opt(h, m, sec.min(59))
}

/// RFC 2822: `Wed, 19 Mar 2025 10:00:00 +0000` (weekday optional, seconds optional, zone as an
/// offset or a name such as `GMT`). The date and time are kept as written.
fn parse_rfc2822(s: &str) -> Option<Day> {
    let s = match s.split_once(',') {
        Some((weekday, rest))
            if weekday.trim().len() >= 3 && weekday.trim().bytes().all(|b| b.is_ascii_alphabetic()) =>
        {
            rest
        }
        Some(_) => return None,
        None => s,
    };
    let words: Vec<&str> = s.split_whitespace().collect();
    let (day, month, year, clock, zone) = match words.as_slice() {
        [day, month, year, clock, zone] => (day, month, year, clock, Some(zone)),
        [day, month, year, clock] => (day, month, year, clock, None),
        _ => return None,
    };
    // The month before the day ("Fri, Oct 7 2022 10:15:00 -0400"), as some feeds write it.
    let (day, month) = if day.starts_with(|c: char| c.is_ascii_alphabetic()) { (month, day) } else { (day, month) };
    let (valid_zone, offset) = match zone.map(|z| (z, z.as_bytes().first())) {
        None => (true, None),
        Some((zone, Some(b'+' | b'-'))) => (digits(&zone[1..], 4).is_some(), parse_offset(zone)),
        Some((zone, _)) => (zone.len() <= 5 && zone.bytes().all(|b| b.is_ascii_alphabetic()), zone_offset(zone)),
    };
    if !valid_zone || month.ends_with('.') {
        return None;
    }
    let year = match year.len() {
        4 => digits(year, 4)? as i32,
        // RFC 2822's obsolete two-digit years: 00-49 are 20xx, 50-99 are 19xx.
        2 => digits(year, 2).map(|y| if y < 50 { 2000 + y } else { 1900 + y })? as i32,
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(year, month_from_name(month)?, day.parse().ok().filter(|_| day.len() <= 2)?)?;
    Some(Day { date, time: Some(parse_clock(clock)?), offset })
}

/// `2020/1/10 14:33:00`, `2020/01/10`: year, month and day, then an optional clock.
fn parse_slashed(s: &str) -> Option<Day> {
    let (date, clock) = match s.split_once([' ', 'T']) {
        Some((date, clock)) => (date, Some(clock.trim())),
        None => (s, None),
    };
    let mut parts = date.split('/');
    let number = |part: Option<&str>, len: std::ops::RangeInclusive<usize>| {
        part.filter(|p| len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())).and_then(|p| p.parse().ok())
    };
    let (year, month, day): (u32, u32, u32) =
        (number(parts.next(), 4..=4)?, number(parts.next(), 1..=2)?, number(parts.next(), 1..=2)?);
    if parts.next().is_some() {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let time = match clock {
        Some(clock) => Some(parse_clock(&pad_hour(clock))?),
        None => None,
    };
    Some(Day { date, time, offset: None })
}

/// `9:05:00` as `09:05:00`.
fn pad_hour(clock: &str) -> Cow<'_, str> {
    if clock.find(':') == Some(1) {
        Cow::Owned(format!("0{clock}"))
    } else {
        Cow::Borrowed(clock)
    }
}

/// `19 Mar. 2025`, `5 February 2025`, `19 Sept 2025`.
fn parse_day_month_year(s: &str) -> Option<Day> {
    let mut parts = s.split_whitespace();
    let day: u32 = parts.next()?.parse().ok()?;
    let month = month_from_name(parts.next()?)?;
    let year: i32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1..=9999).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day).map(|date| Day { date, time: None, offset: None })
}

fn month_from_name(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    EN.months_long.iter().position(|long| long.to_ascii_lowercase().starts_with(&word)).map(|i| i as u32 + 1)
}

impl YearMonth {
    /// The group of entries without a date; sorts before every real month (so last when
    /// newest first). Its key is `undated`.
    pub const UNDATED: YearMonth = YearMonth { year: i32::MIN, month: 0 };

    /// Parses `2025-02` (or `undated`). Anything else, including `2025-13` and `2025-2`, is `None`.
    pub fn parse(s: &str) -> Option<Self> {
        if s == "undated" {
            return Some(YearMonth::UNDATED);
        }
        let (y, m) = s.split_once('-')?;
        if y.len() != 4
            || m.len() != 2
            || !y.bytes().all(|b| b.is_ascii_digit())
            || !m.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month: u32 = m.parse().ok()?;
        (1..=12).contains(&month).then_some(YearMonth { year, month })
    }

    /// [`YearMonth::parse`] with a message saying what is expected (for the command line).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn parse_arg(s: &str) -> Result<Self, String> {
        Self::parse(s).ok_or_else(|| "not a month: use YYYY-MM (2025-02) or undated".to_string())
    }

    /// `2025-02`, as used in the URL.
    pub fn key(&self) -> String {
        if *self == YearMonth::UNDATED {
            return "undated".into();
        }
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// `February 2025`.
    pub fn label(&self) -> String {
        self.label_in(&EN)
    }

    /// The month in `lang`: `February 2025`, `février 2025`; `Undated`, `Sans date`.
    pub fn label_in(&self, lang: &Strings) -> String {
        if *self == YearMonth::UNDATED {
            return lang.undated.into();
        }
        let name = lang.months_long.get(self.month.saturating_sub(1) as usize).copied().unwrap_or("?");
        format!("{} {}", name, self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Day {
        match ItemDate::parse(s) {
            Ok(ItemDate::Dated(day)) => day,
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn formats_in_the_source_style() {
        assert_eq!(d("2025-03-19").short_label(), "19 Mar. 2025");
        assert_eq!(d("2025-02-05").short_label(), "05 Feb. 2025");
        assert_eq!(d("2025-05-01").short_label(), "01 May 2025");
        assert_eq!(d("2025-03-19").long_label(), "19 March 2025");
        assert_eq!(d("2025-03-19").iso_date(), "2025-03-19");
    }

    #[test]
    fn formats_in_french() {
        use crate::i18n::FR;
        assert_eq!(d("2025-03-19").short_label_in(&FR), "19 mars 2025");
        assert_eq!(d("2025-02-05").short_label_in(&FR), "5 février 2025");
        assert_eq!(d("2025-05-01").short_label_in(&FR), "1er mai 2025");
        assert_eq!(d("2025-08-15").long_label_in(&FR), "15 août 2025");
        assert_eq!(YearMonth::parse("2025-02").map(|m| m.label_in(&FR)).as_deref(), Some("février 2025"));
        assert_eq!(YearMonth::UNDATED.label_in(&FR), "Sans date");
    }

    #[test]
    fn parses_the_source_page_style() {
        assert_eq!(d("19 Mar. 2025"), d("2025-03-19"));
        assert_eq!(d("05 Feb. 2025"), d("2025-02-05"));
        assert_eq!(d("5 February 2025"), d("2025-02-05"));
        assert!(ItemDate::parse("31 Feb. 2025").is_err());
        assert!(ItemDate::parse("19 Ma 2025").is_err());
    }

    #[test]
    fn a_date_time_belongs_to_its_own_calendar_date() {
        // 00:30 on 1 March in UTC+2 is still 28 February in UTC, but the entry says March.
        let early = d("2025-03-01T00:30:00+02:00");
        assert_eq!(early.iso_date(), "2025-03-01");
        assert_eq!(early.year_month(), YearMonth { year: 2025, month: 3 });
        // 23:30 on 28 February in UTC-8 is 1 March in UTC, but the entry says February.
        assert_eq!(d("2025-02-28T23:30:00-08:00").year_month().month, 2);
        assert_eq!(d("2025-03-19T10:00:00Z").iso_date(), "2025-03-19");
        assert_eq!(d("2025-03-19T10:00:00").iso_date(), "2025-03-19");
        assert_eq!(d("2025-03-19 10:00:00.5+01:00").iso_date(), "2025-03-19");
        assert_eq!(d("2025-03-19T10:00").iso_date(), "2025-03-19");
        assert_eq!(d("2016-12-31T23:59:60Z").iso_date(), "2016-12-31");
    }

    #[test]
    fn parses_rfc_2822() {
        assert_eq!(d("Wed, 19 Mar 2025 10:00:00 +0000").iso_date(), "2025-03-19");
        assert_eq!(d("Sat, 01 Mar 2025 00:30:00 +0200").iso_date(), "2025-03-01");
        assert_eq!(d("1 Mar 2025 00:30 GMT").iso_date(), "2025-03-01");
        assert_eq!(d("Tue, 10 Jun 03 04:00:00 GMT").iso_date(), "2003-06-10");
        assert!(d("Wed, 19 Mar 2025 10:00:00 +0000") < d("Wed, 19 Mar 2025 10:00:01 +0000"));
        // Without the weekday, the seconds or the zone; named zones.
        for text in [
            "19 Mar 2025 10:00:00 EST",
            "Wed, 19 Mar 2025 10:00 UT",
            "Wed, 19 Mar 2025 10:00:00",
            "Wednesday, 19 March 2025 23:59 PDT",
            "Wed, Mar 19 2025 10:15:00 -0400",
        ] {
            assert_eq!(d(text).iso_date(), "2025-03-19", "{text}");
        }
    }

    #[test]
    fn parses_the_other_forms_real_feeds_use() {
        for text in [
            "2020/1/10 14:33:00",
            "2020/01/10",
            "2020/1/10 9:05:00",
            "2020-01-10T14:33:00+0100",
            "2020-01-10T14:33:00-05",
            "2020-01-10 14:33:00 +01:00",
        ] {
            assert_eq!(d(text).iso_date(), "2020-01-10", "{text}");
        }
        assert!(d("2020/1/10 14:33:00") > d("2020/1/10 9:05:00"), "the time orders the day");
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in [
            "",
            "   ",
            "yesterday",
            "2025-02-30",
            "2025-13-01",
            "2025/13/19",
            "2025/3",
            "31 Feb. 2025",
            "1 Smarch 2025",
        ] {
            let err = ItemDate::parse(bad).expect_err(bad);
            assert!(err.to_string().contains("is not a date"), "{err}");
        }
        for bad in [
            "2025-03-19T25:00:00Z",
            "2025-03-19T10:00:00+25:00",
            "2025-03-19X10:00",
            "2025-03-19T10:00:00+1é1",
            "2025-03-19T10:00:00-é",
            "2025-03-19T10",
            "2025-03-19T10:00:00.Z",
            "Wed, 19 Mar 2025 10:00:00 +00",
            "2020/1/10 25:00:00",
            "2020/1/10/4",
            "Wed, 31 Feb 2025 10:00:00 +0000",
            "19 Mar. 2025 10:00:00 +0000",
            "2025-3-19",
            "2025-03-1é",
        ] {
            assert!(ItemDate::parse(bad).is_err(), "{bad}");
        }
        let long = "9".repeat(10_000);
        assert!(ItemDate::parse(&long).is_err());
    }

    #[test]
    fn orders_same_day_entries_by_time() {
        assert!(d("2025-03-19T09:00:00Z") < d("2025-03-19T10:00:00Z"));
        assert!(d("2025-03-19") < d("2025-03-19T00:00:00Z"));
        assert!(d("2025-03-18T23:00:00Z") < d("2025-03-19"));
    }

    #[test]
    fn undated_entries_sort_last_and_have_their_own_group() {
        let none = ItemDate::Undated;
        assert!(none < ItemDate::Dated(d("0001-01-01")));
        assert_eq!(none.year_month(), YearMonth::UNDATED);
        assert_eq!(none.day(), None);
        assert!(YearMonth::UNDATED < YearMonth { year: 1, month: 1 });
        assert_eq!(YearMonth::parse(&YearMonth::UNDATED.key()), Some(YearMonth::UNDATED));
        assert_eq!(YearMonth::UNDATED.label(), "Undated");
    }

    #[test]
    fn year_month_parses_only_well_formed_months() {
        assert_eq!(YearMonth::parse("2025-02"), Some(YearMonth { year: 2025, month: 2 }));
        for bad in ["2025-13", "2025-00", "abc", "2025-2", "25-02", "2025-02-01", "", "２０２５-02", "+202-02"] {
            assert_eq!(YearMonth::parse(bad), None, "{bad}");
        }
        assert_eq!(YearMonth { year: 2025, month: 2 }.key(), "2025-02");
        assert_eq!(YearMonth { year: 2025, month: 2 }.label(), "February 2025");
    }
}

#[cfg(test)]
mod relative_tests {
    use super::*;
    use crate::i18n::FR;

    fn day(s: &str) -> Day {
        *ItemDate::parse(s).unwrap().day().unwrap()
    }

    /// The reader's clock at `s` (RFC 3339), `offset` minutes east of UTC.
    fn at(s: &str, offset_minutes: i32) -> Clock {
        Clock { unix_seconds: day(s).unix_seconds(), offset_minutes }
    }

    const MONTH: i64 = 30 * 86_400;

    fn rel(entry: &str, now: Clock) -> Option<String> {
        day(entry).relative_label(now, MONTH, &EN)
    }

    #[test]
    fn keeps_the_time_and_offset_the_feed_gives_for_datetime() {
        assert_eq!(day("2025-03-01T00:30:00+02:00").datetime(), "2025-03-01T00:30:00+02:00");
        assert_eq!(day("2025-03-01T10:00:00.5Z").datetime(), "2025-03-01T10:00:00Z");
        assert_eq!(day("2025-03-01T10:00-0530").datetime(), "2025-03-01T10:00:00-05:30");
        assert_eq!(day("2025-03-01T10:00:00").datetime(), "2025-03-01T10:00:00", "no offset named, none invented");
        assert_eq!(day("Wed, 19 Mar 2025 10:00:00 EST").datetime(), "2025-03-19T10:00:00-05:00");
        assert_eq!(day("Wed, 19 Mar 2025 10:00:00 GMT").datetime(), "2025-03-19T10:00:00Z");
        assert_eq!(day("Wed, 19 Mar 2025 10:00 +0100").datetime(), "2025-03-19T10:00:00+01:00");
        assert_eq!(day("19 Mar 2025 10:00 XYZ").datetime(), "2025-03-19T10:00:00", "an unknown zone name");
        assert_eq!(day("2025-03-19").datetime(), "2025-03-19");
        assert_eq!(day("2020/1/10 14:33:00").datetime(), "2020-01-10T14:33:00");
        // The calendar date stays the one written, whatever the offset.
        assert_eq!(day("2025-03-01T00:30:00+02:00").iso_date(), "2025-03-01");
    }

    #[test]
    fn places_an_entry_in_time_by_its_offset() {
        assert_eq!(day("2025-03-01T00:30:00+02:00").unix_seconds(), day("2025-02-28T22:30:00Z").unix_seconds());
        assert_eq!(day("2025-03-01").unix_seconds(), day("2025-03-01T00:00:00Z").unix_seconds());
        assert_eq!(day("1970-01-01T01:00:00+01:00").unix_seconds(), 0);
    }

    #[test]
    fn counts_minutes_and_hours_from_the_entrys_instant() {
        let now = at("2025-03-19T12:00:00Z", 0);
        assert_eq!(rel("2025-03-19T11:59:30Z", now).as_deref(), Some("just now"));
        assert_eq!(rel("2025-03-19T12:00:30Z", now).as_deref(), Some("just now"), "a clock a little behind");
        assert_eq!(rel("2025-03-19T11:59:00Z", now).as_deref(), Some("1 minute ago"));
        assert_eq!(rel("2025-03-19T11:57:00Z", now).as_deref(), Some("3 minutes ago"));
        assert_eq!(rel("2025-03-19T13:57:00+02:00", now).as_deref(), Some("3 minutes ago"), "its own offset");
        assert_eq!(rel("2025-03-19T11:00:00Z", now).as_deref(), Some("1 hour ago"));
        assert_eq!(rel("2025-03-19T07:00:00Z", now).as_deref(), Some("5 hours ago"));
        assert_eq!(rel("2025-03-19T12:05:00Z", now), None, "the future shows the date");
    }

    #[test]
    fn counts_days_on_the_readers_calendar() {
        // Just after midnight in Paris, an entry of 22:00 Paris time is "yesterday" there, while
        // for a reader in UTC it is "2 hours ago".
        let paris = at("2025-03-18T23:30:00Z", 60); // 19 March, 00:30 in Paris
        assert_eq!(rel("2025-03-18T22:50:00Z", paris).as_deref(), Some("40 minutes ago"));
        assert_eq!(rel("2025-03-18T21:00:00Z", paris).as_deref(), Some("yesterday"), "22:00 on the 18th in Paris");
        let utc = at("2025-03-18T23:30:00Z", 0);
        assert_eq!(rel("2025-03-18T21:00:00Z", utc).as_deref(), Some("2 hours ago"), "the same day in UTC");
        let now = at("2025-03-19T12:00:00Z", 0);
        assert_eq!(rel("2025-03-15T18:00:00Z", now).as_deref(), Some("4 days ago"));
        assert_eq!(rel("2025-03-19", now).as_deref(), Some("today"));
        assert_eq!(rel("2025-03-18", now).as_deref(), Some("yesterday"));
        assert_eq!(rel("2025-03-15", now).as_deref(), Some("4 days ago"));
        assert_eq!(rel("2025-03-20", now), None, "tomorrow shows the date");
        // A date-only entry in New York's evening: the reader's date is still the 18th.
        assert_eq!(rel("2025-03-18", at("2025-03-19T02:00:00Z", -300)).as_deref(), Some("today"));
    }

    #[test]
    fn past_the_threshold_the_absolute_date_shows() {
        let now = at("2025-03-19T12:00:00Z", 0);
        assert_eq!(rel("2025-02-17T12:00:00Z", now).as_deref(), Some("30 days ago"));
        assert_eq!(rel("2025-02-17T11:59:00Z", now), None);
        assert_eq!(rel("2025-02-17", now).as_deref(), Some("30 days ago"));
        assert_eq!(rel("2025-02-16", now), None);
        let week = 7 * 86_400;
        assert_eq!(day("2025-03-12").relative_label(now, week, &EN).as_deref(), Some("7 days ago"));
        assert_eq!(day("2025-03-11").relative_label(now, week, &EN), None);
        assert_eq!(day("2015-03-19").relative_label(now, i64::MAX, &EN).as_deref(), Some("3,653 days ago"));
    }

    #[test]
    fn a_time_without_an_offset_is_the_readers_own() {
        // 10:00 with no offset, read at 10:05 in Paris (09:05Z): five minutes ago, not the future.
        let paris = at("2025-03-19T09:05:00Z", 60);
        assert_eq!(rel("2025-03-19T10:00:00", paris).as_deref(), Some("5 minutes ago"));
        assert_eq!(rel("2025-03-19T10:00:00", at("2025-03-19T10:05:00Z", 0)).as_deref(), Some("5 minutes ago"));
    }

    #[test]
    fn speaks_french() {
        let now = at("2025-03-19T12:00:00Z", 60);
        let fr = |s: &str| day(s).relative_label(now, MONTH, &FR);
        assert_eq!(fr("2025-03-19T11:57:00Z").as_deref(), Some("il y a 3 minutes"));
        assert_eq!(fr("2025-03-19T11:59:00Z").as_deref(), Some("il y a 1 minute"));
        assert_eq!(fr("2025-03-19T07:00:00Z").as_deref(), Some("il y a 5 heures"));
        assert_eq!(fr("2025-03-18T10:00:00Z").as_deref(), Some("hier"));
        assert_eq!(fr("2025-03-15").as_deref(), Some("il y a 4 jours"));
        assert_eq!(fr("2025-03-19T11:59:50Z").as_deref(), Some("à l’instant"));
        assert_eq!(fr("2025-03-19").as_deref(), Some("aujourd’hui"));
    }
}

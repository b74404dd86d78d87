//! The words Datelines shows, per language. Each language is one file of plain data (`en.rs`,
//! `fr.rs`): a [`Strings`] value. Adding a language is one new file plus its line in
//! [`LANGUAGES`]; a missing string is a compile error, not a blank on screen.
//!
//! Templates mark their slots with `{}` (filled in order) and are filled by [`Strings::fill`].

mod en;
mod fr;

pub use en::EN;
pub use fr::FR;

/// Every language, English (the default) first.
pub const LANGUAGES: &[&Strings] = &[&EN, &FR];

/// One language's words and date style.
#[derive(Debug)]
pub struct Strings {
    /// The BCP 47 tag set as the `lang` attribute, e.g. `fr`.
    pub lang: &'static str,
    /// The list's heading when the feed has no title of its own, and the widget's default name.
    pub news: &'static str,
    /// "1 entry" (`one`) and "10 entries" (`other`). `zero_is_one`: 0 takes the `one` form, as
    /// in French ("0 article").
    pub entries_one: &'static str,
    pub entries_other: &'static str,
    pub zero_is_one: bool,
    pub month: &'static str,
    pub all_months: &'static str,
    /// A month heading and option for entries without a date.
    pub undated: &'static str,
    pub not_a_month: &'static str,
    pub no_entries_for: &'static str,
    /// The empty state of the "undated" month.
    pub no_undated: &'static str,
    pub show_all_months: &'static str,
    pub more_news: &'static str,
    pub back_to_top: &'static str,
    pub loading: &'static str,
    pub refresh: &'static str,
    pub refreshing: &'static str,
    pub retry: &'static str,
    pub retrying: &'static str,
    pub address: &'static str,
    pub skipped_one: &'static str,
    pub skipped_other: &'static str,
    /// "1 feed could not be loaded", above the failed feeds of a list of several.
    pub feeds_failed_one: &'static str,
    pub feeds_failed_other: &'static str,
    /// The feed of an entry in a list of several: "From {}".
    pub from_feed: &'static str,
    pub notes_one: &'static str,
    pub notes_other: &'static str,
    /// Between a label and its value: ": ", or " : " with a narrow no-break space in French.
    pub colon: &'static str,
    pub error_network: &'static str,
    pub error_not_found: &'static str,
    pub error_server: &'static str,
    pub error_not_json: &'static str,
    pub error_wrong_format: &'static str,
    pub error_not_xml: &'static str,
    pub detail_network: &'static str,
    /// Slot: the feed's origin. Names the header that server must send (CORS).
    pub detail_cross_origin: &'static str,
    pub detail_http: &'static str,
    /// Slots: reason (as the JSON reader gives it, in English), line, column.
    pub detail_not_json: &'static str,
    pub detail_wrong_shape: &'static str,
    /// Slots: reason (as the XML reader gives it, in English), line, column.
    pub detail_not_xml: &'static str,
    /// Slot: why, in English (for the file's editor).
    pub detail_not_feed: &'static str,
    /// A web page that announces no feed.
    pub detail_no_feed: &'static str,
    /// A feed of several that did not answer in time.
    pub detail_timeout: &'static str,
    pub by: &'static str,
    pub tags: &'static str,
    pub read_original: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub close: &'static str,
    pub not_found: &'static str,
    pub not_found_detail: &'static str,
    pub back_to_list: &'static str,
    /// The search box's label.
    pub search: &'static str,
    /// The topic control's label, and its first option.
    pub topic: &'static str,
    pub all_topics: &'static str,
    /// "No news matches “{}”." / "… in {month}." / "… about {topic}."
    pub no_match: &'static str,
    pub no_match_in: &'static str,
    pub no_topic_match: &'static str,
    pub clear_search: &'static str,
    pub show_all_topics: &'static str,
    /// "Searching {read} of {all} months"; the button that reads the rest.
    pub searching_months: &'static str,
    pub search_all_months: &'static str,
    /// A month of an archive not read yet, in the month control while searching.
    pub not_searched: &'static str,
    /// Image sizes: the unit with the space before it, and the decimal separator.
    pub kilobytes: &'static str,
    pub decimal: char,
    /// Groups thousands in counts: "10,000", "10 000".
    pub thousands: &'static str,
    /// Relative dates: "just now", "today", "yesterday", "3 minutes ago", "5 hours ago",
    /// "4 days ago" (each count with its `one` and `other` form).
    pub just_now: &'static str,
    pub today: &'static str,
    pub yesterday: &'static str,
    pub minutes_ago: [&'static str; 2],
    pub hours_ago: [&'static str; 2],
    pub days_ago: [&'static str; 2],
    /// The button over the list while a poll's news waits: "3 new entries"; "Show the updated
    /// list" when only corrections or removals wait.
    pub new_entries_one: &'static str,
    pub new_entries_other: &'static str,
    pub show_updates: &'static str,
    /// After failed polls in a row: "… Last updated {ago}."
    pub stale: &'static str,
    /// Month names for dates in the list (the source page's "Mar.") and for full dates and months.
    pub months_short: [&'static str; 12],
    pub months_long: [&'static str; 12],
    /// Dates in the list: the day zero-padded ("05 Feb. 2025"), as on the source page.
    pub pad_day: bool,
    /// How the first day of a month is written, when not as "1" ("1er" in French).
    pub first_day: Option<&'static str>,
}

impl Strings {
    /// The language for a `lang` value such as `fr`, `fr-CA` or `FR`: matched on its first
    /// subtag. `None` when Datelines does not speak it.
    pub fn for_tag(tag: &str) -> Option<&'static Strings> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        LANGUAGES.iter().copied().find(|s| s.lang.eq_ignore_ascii_case(primary))
    }

    /// [`Strings::for_tag`] with a message naming the languages there are (for the command line).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn parse_tag(tag: &str) -> Result<&'static Strings, String> {
        Self::for_tag(tag).ok_or_else(|| {
            let known: Vec<&str> = LANGUAGES.iter().map(|s| s.lang).collect();
            format!("Datelines speaks {}", known.join(", "))
        })
    }

    /// Fills `{}` slots in `template` with `args`, in order.
    pub fn fill(template: &str, args: &[&str]) -> String {
        let mut out = String::with_capacity(template.len() + 16);
        let mut args = args.iter();
        let mut rest = template;
        while let Some(at) = rest.find("{}") {
            out.push_str(&rest[..at]);
            out.push_str(args.next().copied().unwrap_or_default());
            rest = &rest[at + 2..];
        }
        out.push_str(rest);
        out
    }

    fn plural(&self, n: usize, one: &str, other: &str) -> String {
        let template = if n == 1 || (n == 0 && self.zero_is_one) { one } else { other };
        Self::fill(template, &[&self.number(n)])
    }

    /// A count with its thousands grouped: `100,000`, `100 000`.
    pub fn number(&self, n: usize) -> String {
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + 8);
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push_str(self.thousands);
            }
            out.push(digit);
        }
        out
    }

    /// "3 notes about this feed".
    pub fn notes(&self, n: usize) -> String {
        self.plural(n, self.notes_one, self.notes_other)
    }

    /// "10 entries", "1 article".
    pub fn entries(&self, n: usize) -> String {
        self.plural(n, self.entries_one, self.entries_other)
    }

    /// "2 entries were skipped".
    pub fn skipped(&self, n: usize) -> String {
        self.plural(n, self.skipped_one, self.skipped_other)
    }

    /// "3 minutes ago".
    pub fn minutes_ago(&self, n: usize) -> String {
        self.plural(n, self.minutes_ago[0], self.minutes_ago[1])
    }

    /// "5 hours ago".
    pub fn hours_ago(&self, n: usize) -> String {
        self.plural(n, self.hours_ago[0], self.hours_ago[1])
    }

    /// "4 days ago".
    pub fn days_ago(&self, n: usize) -> String {
        self.plural(n, self.days_ago[0], self.days_ago[1])
    }

    /// "3 new entries".
    pub fn new_entries(&self, n: usize) -> String {
        self.plural(n, self.new_entries_one, self.new_entries_other)
    }

    /// Time since something happened: "just now", "3 minutes ago", "5 hours ago", "4 days ago".
    pub fn ago(&self, seconds: i64) -> String {
        let count = |n: i64| usize::try_from(n).unwrap_or(0);
        if seconds < 60 {
            self.just_now.to_string()
        } else if seconds < 3_600 {
            self.minutes_ago(count(seconds / 60))
        } else if seconds < 86_400 {
            self.hours_ago(count(seconds / 3_600))
        } else {
            self.days_ago(count(seconds / 86_400))
        }
    }

    /// "2 feeds could not be loaded".
    pub fn feeds_failed(&self, n: usize) -> String {
        self.plural(n, self.feeds_failed_one, self.feeds_failed_other)
    }

    /// A number with two decimals in this language's style: `55.76`, `55,76`.
    pub fn two_decimals(&self, hundredths: u64) -> String {
        format!("{}{}{:02}", hundredths / 100, self.decimal, hundredths % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_how_long_ago_and_how_many_new_entries() {
        assert_eq!(EN.ago(5), "just now");
        assert_eq!(EN.ago(61), "1 minute ago");
        assert_eq!(EN.ago(3 * 3_600), "3 hours ago");
        assert_eq!(EN.ago(2 * 86_400 + 5), "2 days ago");
        assert_eq!(FR.ago(12 * 60), "il y a 12 minutes");
        assert_eq!(EN.new_entries(1), "1 new entry");
        assert_eq!(FR.new_entries(3), "3 nouveaux articles");
    }

    #[test]
    fn languages_are_found_by_their_first_subtag_and_english_comes_first() {
        assert_eq!(LANGUAGES[0].lang, "en");
        assert_eq!(Strings::for_tag("fr").map(|s| s.lang), Some("fr"));
        assert_eq!(Strings::for_tag(" FR-ca ").map(|s| s.lang), Some("fr"));
        assert_eq!(Strings::for_tag("en_GB").map(|s| s.lang), Some("en"));
        assert!(Strings::for_tag("de").is_none());
        assert!(Strings::for_tag("").is_none());
    }

    #[test]
    fn templates_fill_in_order_and_tolerate_missing_arguments() {
        assert_eq!(Strings::fill("{} of {}", &["1", "2"]), "1 of 2");
        assert_eq!(Strings::fill("a {} b {}", &["x"]), "a x b ");
        assert_eq!(Strings::fill("none", &["x"]), "none");
    }

    #[test]
    fn plurals_follow_each_language() {
        assert_eq!([0, 1, 2, 10].map(|n| EN.entries(n)), ["0 entries", "1 entry", "2 entries", "10 entries"]);
        assert_eq!([0, 1, 2, 10].map(|n| FR.entries(n)), ["0 article", "1 article", "2 articles", "10 articles"]);
        assert_eq!(FR.skipped(3), "3 articles ont été ignorés");
        assert_eq!(EN.skipped(1), "1 entry was skipped");
        assert_eq!(EN.notes(1), "1 note about this feed");
        assert_eq!(FR.notes(2), "2 remarques sur ce flux");
    }

    #[test]
    fn counts_group_their_thousands() {
        assert_eq!(
            [0, 999, 1000, 100_000, 1_234_567].map(|n| EN.number(n)),
            ["0", "999", "1,000", "100,000", "1,234,567"]
        );
        assert_eq!(FR.entries(100_000), "100\u{202F}000 articles");
        assert_eq!(EN.entries(10_000), "10,000 entries");
    }

    #[test]
    fn every_language_fills_every_template_slot() {
        // A translation that drops a slot would silently lose the number or the month.
        for s in LANGUAGES {
            for (name, template, slots) in [
                ("entries_one", s.entries_one, 1),
                ("entries_other", s.entries_other, 1),
                ("skipped_one", s.skipped_one, 1),
                ("skipped_other", s.skipped_other, 1),
                ("feeds_failed_one", s.feeds_failed_one, 1),
                ("feeds_failed_other", s.feeds_failed_other, 1),
                ("from_feed", s.from_feed, 1),
                ("notes_one", s.notes_one, 1),
                ("notes_other", s.notes_other, 1),
                ("not_a_month", s.not_a_month, 1),
                ("no_entries_for", s.no_entries_for, 1),
                ("detail_http", s.detail_http, 1),
                ("detail_not_json", s.detail_not_json, 3),
                ("detail_wrong_shape", s.detail_wrong_shape, 1),
                ("detail_not_xml", s.detail_not_xml, 3),
                ("detail_not_feed", s.detail_not_feed, 1),
                ("detail_cross_origin", s.detail_cross_origin, 1),
                ("by", s.by, 1),
                ("tags", s.tags, 1),
                ("no_match", s.no_match, 1),
                ("no_match_in", s.no_match_in, 2),
                ("no_topic_match", s.no_topic_match, 1),
                ("searching_months", s.searching_months, 2),
                ("not_searched", s.not_searched, 1),
            ] {
                assert_eq!(template.matches("{}").count(), slots, "{}: {name} = {template:?}", s.lang);
            }
            assert!(s.months_long.iter().chain(&s.months_short).all(|m| !m.is_empty()), "{}", s.lang);
        }
    }
}

//! The view state a reader can share: `?month=2025-02&item=<id>`, read from and written back
//! to a query string. Pure string work, so it is tested natively; `ui::location` applies it to
//! the browser's history.

use crate::dates::YearMonth;

/// What the `month` parameter asks for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum MonthChoice {
    /// No parameter: every month.
    #[default]
    All,
    /// A well-formed month (it may still have no entries).
    Month(YearMonth),
    /// A value that is not a month, e.g. `2025-13` or `abc`. Shown as all months, with a notice.
    Malformed(String),
}

impl MonthChoice {
    pub fn parse(value: Option<&str>) -> Self {
        match value {
            None | Some("") => MonthChoice::All,
            Some(v) => YearMonth::parse(v).map_or_else(|| MonthChoice::Malformed(v.to_string()), MonthChoice::Month),
        }
    }

    /// The month to filter by; `None` means all.
    pub fn month(&self) -> Option<YearMonth> {
        match self {
            MonthChoice::Month(m) => Some(*m),
            _ => None,
        }
    }
}

/// The state that lives in the URL.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ViewState {
    pub month: MonthChoice,
    /// The id of the open detail card.
    pub item: Option<String>,
    /// What the reader searched for, as typed (`?q=`); empty for no search.
    pub q: String,
    /// The topic (a tag) the list is filtered by (`?tag=`).
    pub tag: Option<String>,
}

impl ViewState {
    /// Reads `?month=`, `?q=`, `?tag=` and `?item=` from a query string (with or without the
    /// leading `?`).
    pub fn from_query(query: &str) -> Self {
        let pairs = parse_query(query);
        let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        ViewState {
            month: MonthChoice::parse(get("month")),
            item: get("item").filter(|v| !v.is_empty()).map(str::to_string),
            q: get("q").unwrap_or_default().to_string(),
            tag: get("tag").filter(|v| !v.trim().is_empty()).map(str::to_string),
        }
    }

    /// The search, parsed.
    pub fn query(&self) -> crate::search::Query {
        crate::search::Query::parse(&self.q)
    }

    /// True when going from `shown` to this state should replace the current history entry
    /// rather than add one: moving between cards of one view (so Back closes the card), and
    /// typing on in the search box (so a reader who types a word makes one entry, not one per
    /// letter).
    pub fn replaces(&self, shown: &ViewState) -> bool {
        let same_view = self.month == shown.month && self.tag == shown.tag;
        let between_cards = same_view && self.q == shown.q && shown.item.is_some() && self.item.is_some();
        // Typing on, not clearing: an emptied search is a step Back can return from.
        let typing_on =
            same_view && self.item == shown.item && !shown.q.is_empty() && !self.q.is_empty() && self.q != shown.q;
        between_cards || typing_on
    }

    /// The query string for this state, keeping every other parameter of `current` in place.
    /// Returns `""` or a string starting with `?`.
    pub fn to_query(&self, current: &str) -> String {
        let mut pairs: Vec<(String, String)> = parse_query(current)
            .into_iter()
            .filter(|(k, _)| !["month", "item", "q", "tag"].contains(&k.as_str()))
            .collect();
        match &self.month {
            MonthChoice::Month(m) => pairs.push(("month".into(), m.key())),
            // A malformed value is dropped once the reader chooses something.
            MonthChoice::All | MonthChoice::Malformed(_) => {}
        }
        if !self.q.trim().is_empty() {
            pairs.push(("q".into(), self.q.clone()));
        }
        if let Some(tag) = &self.tag {
            pairs.push(("tag".into(), tag.clone()));
        }
        if let Some(id) = &self.item {
            pairs.push(("item".into(), id.clone()));
        }
        if pairs.is_empty() {
            return String::new();
        }
        let encoded: Vec<String> = pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
        format!("?{}", encoded.join("&"))
    }
}

/// Splits `a=1&b=two%20words` into decoded pairs, in order.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .strip_prefix('?')
        .unwrap_or(query)
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Percent-decoding as in `application/x-www-form-urlencoded`; invalid escapes stay as written,
/// invalid UTF-8 becomes U+FFFD.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Percent-encodes everything except unreserved characters (`A-Z a-z 0-9 - . _ ~`).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_month_and_item() {
        let state = ViewState::from_query("?month=2025-02&item=2025-02-17-nato");
        assert_eq!(state.month, MonthChoice::Month(YearMonth { year: 2025, month: 2 }));
        assert_eq!(state.item.as_deref(), Some("2025-02-17-nato"));
        assert_eq!(ViewState::from_query(""), ViewState::default());
        assert_eq!(ViewState::from_query("?month="), ViewState::default());
    }

    #[test]
    fn malformed_months_are_kept_for_the_notice() {
        for bad in ["2025-13", "abc", "2025-2", "%FF%FE"] {
            let state = ViewState::from_query(&format!("?month={bad}"));
            assert!(matches!(state.month, MonthChoice::Malformed(_)), "{bad}");
            assert_eq!(state.month.month(), None);
        }
    }

    #[test]
    fn writing_keeps_other_parameters_and_their_order() {
        let state =
            ViewState { month: MonthChoice::parse(Some("2025-03")), item: Some("a b&c".into()), ..Default::default() };
        assert_eq!(
            state.to_query("?src=feed.json&month=2025-02&lang=fr"),
            "?src=feed.json&lang=fr&month=2025-03&item=a%20b%26c"
        );
        assert_eq!(ViewState::default().to_query("?month=2025-02&item=x"), "");
        assert_eq!(ViewState::default().to_query("?src=a%2Fb.json&month=2025-13"), "?src=a%2Fb.json");
    }

    #[test]
    fn round_trips_through_the_query_string() {
        let state = ViewState {
            month: MonthChoice::parse(Some("2024-12")),
            item: Some("ünïcode id/1?".into()),
            q: "\"north atlantic\" sécurité & co".into(),
            tag: Some("Défense/ops".into()),
        };
        assert_eq!(ViewState::from_query(&state.to_query("")), state);
        assert_eq!(
            ViewState { q: "otan".into(), tag: Some("a".into()), ..Default::default() }.to_query("?lang=fr&q=old"),
            "?lang=fr&q=otan&tag=a"
        );
        assert_eq!(ViewState { q: "  ".into(), ..Default::default() }.to_query(""), "", "a blank search is none");
    }

    #[test]
    fn typing_on_and_moving_between_cards_replace_the_history_entry() {
        let at = |q: &str, item: Option<&str>, month: &str| ViewState {
            q: q.into(),
            item: item.map(str::to_string),
            month: MonthChoice::parse(Some(month)),
            tag: None,
        };
        assert!(!at("k", None, "").replaces(&at("", None, "")), "the first letter adds an entry");
        assert!(at("ke", None, "").replaces(&at("k", None, "")), "the next letters replace it");
        assert!(!at("", None, "").replaces(&at("kellogg", None, "")), "clearing adds one: Back returns to the search");
        assert!(!at("ke", None, "2025-02").replaces(&at("k", None, "")), "a month change adds one");
        assert!(at("", Some("b"), "").replaces(&at("", Some("a"), "")), "Previous / Next between cards");
        assert!(!at("", Some("a"), "").replaces(&at("", None, "")), "opening a card adds one");
        assert!(!at("", None, "").replaces(&at("", Some("a"), "")), "closing it adds one");
    }

    #[test]
    fn decoding_never_fails() {
        assert_eq!(decode("a%20b+c"), "a b c");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%E2%80%99"), "\u{2019}");
        assert_eq!(decode("%FF"), "\u{FFFD}");
    }
}

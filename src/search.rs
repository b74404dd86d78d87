//! Keyword search: what a reader types, matched against an entry's title, summary, tags and
//! authors, ignoring case and accents ("otan" finds "OTAN", "securite" finds "Sécurité",
//! "Munchen" finds "München"). A part in double quotes is one phrase; the other words are
//! separate terms, and an entry matches when it contains every term.

use crate::model::NewsItem;
use std::ops::Range;

/// A parsed search: its terms, folded for matching.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Query {
    terms: Vec<String>,
}

impl Query {
    /// Reads what the reader typed: `"north atlantic" council` is the phrase "north atlantic"
    /// and the word "council". An unclosed quote runs to the end.
    pub fn parse(input: &str) -> Query {
        // Typographic quotes (“…”, „…“, «…», as phones and word processors type them) are
        // quotes too.
        let input: String = input
            .chars()
            .map(|c| if matches!(c, '\u{201C}' | '\u{201D}' | '\u{201E}' | '«' | '»') { '"' } else { c })
            .collect();
        let mut terms = Vec::new();
        let mut rest = input.as_str();
        while let Some(at) = rest.find('"') {
            terms.extend(rest[..at].split_whitespace().map(fold));
            let after = &rest[at + 1..];
            let end = after.find('"').unwrap_or(after.len());
            let phrase = after[..end].split_whitespace().collect::<Vec<_>>().join(" ");
            if !phrase.is_empty() {
                terms.push(fold(&phrase));
            }
            rest = after.get(end + 1..).unwrap_or("");
        }
        terms.extend(rest.split_whitespace().map(fold));
        // Without a sort, which would add its own copy of the sorting code to the wasm.
        let mut unique: Vec<String> = Vec::with_capacity(terms.len());
        for term in terms {
            if !term.is_empty() && !unique.contains(&term) {
                unique.push(term);
            }
        }
        Query { terms: unique }
    }

    /// No terms: everything matches.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// True when the folded text (see [`searchable`]) contains every term.
    pub fn matches(&self, folded: &str) -> bool {
        self.terms.iter().all(|term| folded.contains(term.as_str()))
    }

    /// True when `item` contains every term. (The list matches its prepared folded text with
    /// [`Query::matches`]; this is the one-entry form the tests state their cases with.)
    #[cfg(test)]
    pub fn matches_item(&self, item: &NewsItem) -> bool {
        self.is_empty() || self.matches(&searchable(item))
    }

    /// Where the terms occur in `text`, as byte ranges of `text` itself, sorted and merged: for
    /// marking them (`<mark>`) in a title or summary.
    pub fn highlights(&self, text: &str) -> Vec<Range<usize>> {
        if self.is_empty() {
            return Vec::new();
        }
        let (folded, spans) = fold_with_offsets(text);
        let mut ranges: Vec<Range<usize>> = Vec::new();
        for term in &self.terms {
            let mut from = 0;
            while let Some(at) = folded[from..].find(term.as_str()) {
                let (a, b) = (from + at, from + at + term.len());
                // From the start of the character the first matched byte came from to the end
                // of the one the last came from (terms are never empty, so `b > a`).
                ranges.push(spans[a].start..spans[b - 1].end);
                from = b.max(a + 1);
            }
        }
        insertion_sort(&mut ranges, |a, b| a.start > b.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        merged
    }
}

/// Sorts a short list (a handful of marks, a few dozen topics) in place, stable. By hand: each
/// `sort_by` on a new type adds about 2 KB of sorting code to the wasm.
pub(crate) fn insertion_sort<T>(items: &mut [T], after: impl Fn(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && after(&items[j - 1], &items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Splits `text` into runs, each marked or not, by [`Query::highlights`]' ranges.
pub fn segments<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<(bool, &'a str)> {
    let mut out = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for range in ranges {
        let (Some(before), Some(marked)) = (text.get(at..range.start), text.get(range.start..range.end)) else {
            continue;
        };
        if !before.is_empty() {
            out.push((false, before));
        }
        out.push((true, marked));
        at = range.end;
    }
    if let Some(rest) = text.get(at..).filter(|rest| !rest.is_empty()) {
        out.push((false, rest));
    }
    out
}

/// An entry's searchable text, folded: title, summary, tags and authors, one per line (so a
/// phrase never runs from one into the next).
pub fn searchable(item: &NewsItem) -> String {
    let mut text = String::with_capacity(item.title.len() + item.summary.len() + 16);
    fold_into(&item.title, &mut text);
    text.push('\n');
    fold_into(&item.summary, &mut text);
    for part in item.tags.iter().chain(&item.authors) {
        text.push('\n');
        fold_into(part, &mut text);
    }
    text
}

/// Tags are the same topic when they differ only in case or accents ("Défense", "defense").
pub fn same_tag(a: &str, b: &str) -> bool {
    a == b || fold(a.trim()) == fold(b.trim())
}

/// Lower case, with accents and ligatures of Latin letters taken off: "Sécurité" -> "securite",
/// "Straße" -> "strasse", "Œuvre" -> "oeuvre".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

fn fold_into(s: &str, out: &mut String) {
    for c in s.chars() {
        push_folded(c, out);
    }
}

/// `fold(text)` and, for each byte of it, the bytes of `text` of the character it came from.
fn fold_with_offsets(text: &str) -> (String, Vec<Range<usize>>) {
    let mut folded = String::with_capacity(text.len());
    let mut spans = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let before = folded.len();
        push_folded(c, &mut folded);
        spans.extend(std::iter::repeat_n(at..at + c.len_utf8(), folded.len() - before));
    }
    (folded, spans)
}

fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // Latin-1 Supplement and Latin Extended-A, by hand: a 512-character table costs less wasm
    // than Unicode decomposition, and covers the languages of the feeds Datelines shows.
    let folded = match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' | 'Č' | 'č' => "c",
        'Ď' | 'ď' | 'Đ' | 'đ' | 'Ð' | 'ð' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ĕ' | 'ĕ' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => "e",
        'Ĝ' | 'ĝ' | 'Ğ' | 'ğ' | 'Ġ' | 'ġ' | 'Ģ' | 'ģ' => "g",
        'Ĥ' | 'ĥ' | 'Ħ' | 'ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ' | 'ĩ' | 'Ī' | 'ī' | 'Ĭ' | 'ĭ' | 'Į' | 'į' | 'İ' | 'ı' => "i",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' | 'Ŀ' | 'ŀ' | 'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'ò'..='ö' | 'Ø' | 'ø' | 'Ō' | 'ō' | 'Ŏ' | 'ŏ' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ' | 'ŕ' | 'Ŗ' | 'ŗ' | 'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Ŝ' | 'ŝ' | 'Ş' | 'ş' | 'Š' | 'š' => "s",
        'ß' => "ss",
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ŧ' | 'ŧ' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ' | 'ũ' | 'Ū' | 'ū' | 'Ŭ' | 'ŭ' | 'Ů' | 'ů' | 'Ű' | 'ű' | 'Ų' | 'ų' => {
            "u"
        }
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        // Greek without its accents (tonos, dialytika), final sigma as sigma; Cyrillic ё as е.
        'ά' | 'Ά' => "α",
        'έ' | 'Έ' => "ε",
        'ή' | 'Ή' => "η",
        'ί' | 'Ί' | 'ϊ' | 'Ϊ' | 'ΐ' => "ι",
        'ό' | 'Ό' => "ο",
        'ύ' | 'Ύ' | 'ϋ' | 'Ϋ' | 'ΰ' => "υ",
        'ώ' | 'Ώ' => "ω",
        'ς' => "σ",
        'ё' | 'Ё' => "е",
        // Typographic quotes and dashes match their plain forms.
        '\u{2018}' | '\u{2019}' => "'",
        '\u{201C}' | '\u{201D}' => "\"",
        '\u{2013}' | '\u{2014}' => "-",
        '\u{A0}' | '\u{202F}' => " ",
        other => {
            out.push(lower_other(other));
            return;
        }
    };
    out.push_str(folded);
}

/// Lower case for the other alphabets most news comes in, Greek and Cyrillic, by their code
/// point offsets. Written by hand: `char::to_lowercase` brings Unicode's case tables into the
/// wasm, 8.5 KB gzipped.
fn lower_other(c: char) -> char {
    let code = c as u32;
    let lower = match code {
        0x391..=0x3A9 if code != 0x3A2 => code + 0x20, // Greek capitals
        0x410..=0x42F => code + 0x20,                  // Cyrillic А-Я
        0x400..=0x40F => code + 0x50,                  // Cyrillic Ѐ-Џ
        _ => code,
    };
    char::from_u32(lower).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::ItemDate;

    fn item(title: &str, summary: &str) -> NewsItem {
        NewsItem {
            summary: summary.into(),
            tags: vec!["Défense".into()],
            authors: vec!["Jens Stoltenberg".into()],
            ..NewsItem::new("x".into(), ItemDate::Undated, title.into())
        }
    }

    #[test]
    fn case_and_accents_do_not_matter() {
        let entry = item("L'OTAN renforce la Sécurité à München", "Réunion des ministres.");
        for query in ["otan", "OTAN", "securite", "Sécurité", "munchen", "MÜNCHEN", "reunion", "defense", "stoltenberg"]
        {
            assert!(Query::parse(query).matches_item(&entry), "{query}");
        }
        assert!(!Query::parse("nato").matches_item(&entry));
        assert_eq!(fold("Straße Œuvre Ærø"), "strasse oeuvre aero");
        assert_eq!(fold("ΑΘΗΝΑ"), "αθηνα", "Greek is lower-cased too");
        assert_eq!(fold("МОСКВА Ёж"), "москва еж", "and Cyrillic, ё as е");
        assert_eq!(fold("Αθήνα ΆΡΗΣ Ελλάς"), "αθηνα αρησ ελλασ", "Greek without accents, final sigma as sigma");
        let greek = item("Συνάντηση στην Αθήνα", "");
        assert!(Query::parse("αθηνα").matches_item(&greek));
        assert_eq!(greek.title[Query::parse("αθηνα").highlights(&greek.title)[0].clone()].to_string(), "Αθήνα");
    }

    #[test]
    fn every_word_must_match_and_quotes_make_a_phrase() {
        let entry = item("North Atlantic Council meets", "Allies discuss the summit.");
        assert!(Query::parse("council north").matches_item(&entry), "words in any order");
        assert!(!Query::parse("council kellogg").matches_item(&entry), "every word must be there");
        assert!(Query::parse("\"north atlantic\"").matches_item(&entry));
        assert!(!Query::parse("\"atlantic north\"").matches_item(&entry), "a phrase keeps its order");
        assert!(Query::parse("\"north   atlantic\" summit").matches_item(&entry), "spaces in a phrase are one");
        assert!(
            !Query::parse("\"meets allies\"").matches_item(&entry),
            "a phrase does not run from title into summary"
        );
        assert!(Query::parse("\"council").matches_item(&entry), "an unclosed quote runs to the end");
        for typed in ["“atlantic north”", "„atlantic north“", "«atlantic north»"] {
            assert!(!Query::parse(typed).matches_item(&entry), "typographic quotes make a phrase: {typed}");
        }
        assert!(Query::parse("“north atlantic”").matches_item(&entry));
    }

    #[test]
    fn an_empty_query_matches_everything() {
        for empty in ["", "   ", "\"\"", "\" \""] {
            let query = Query::parse(empty);
            assert!(query.is_empty(), "{empty:?}");
            assert!(query.matches_item(&item("Anything", "")));
            assert!(query.highlights("Anything").is_empty());
        }
    }

    #[test]
    fn highlights_point_at_the_original_text() {
        let query = Query::parse("securite ministres");
        let text = "La Sécurité et les ministres; SÉCURITÉ.";
        let marked: Vec<&str> = query.highlights(text).iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(marked, ["Sécurité", "ministres", "SÉCURITÉ"]);
        // Overlapping terms merge into one mark.
        let query = Query::parse("atlan \"north atlantic\"");
        let text = "The North Atlantic Council";
        assert_eq!(query.highlights(text), vec![Range { start: 4, end: 18 }]);
        assert_eq!(
            segments(text, &query.highlights(text)),
            [(false, "The "), (true, "North Atlantic"), (false, " Council")]
        );
        // A folded "ss" from "ß": the mark covers the whole letter.
        let text = "Straße";
        let marked: Vec<&str> = Query::parse("strass").highlights(text).iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(marked, ["Straß"]);
    }
}

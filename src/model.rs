//! The data model every format is parsed into and every view reads from.

use crate::dates::ItemDate;
pub use crate::shared_str::{Link, SharedStr};

/// One news entry, already validated.
#[derive(Debug, Clone, PartialEq)]
pub struct NewsItem {
    /// Stable identifier: the data's own `id`, or one derived from date and title.
    pub id: SharedStr,
    /// The entry's date as written in the data (calendar date in its own offset).
    pub date: ItemDate,
    pub title: SharedStr,
    /// Short text shown in the list. May be empty.
    pub summary: SharedStr,
    /// Longer plain text, shown only on the detail card.
    pub body: Option<SharedStr>,
    /// HTML for the detail card (JSON Feed `content_html`). Never inserted as is: the card
    /// shows it only through the sanitizer's allowlist.
    pub html: Option<SharedStr>,
    /// Link to the original article (http(s) or relative only).
    pub url: Option<Link>,
    pub image: Option<Image>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    /// The feed it came from, when the list shows several ([`crate::sources`]).
    pub origin: Option<std::sync::Arc<Origin>>,
}

/// The feed an entry came from, named beside it when a list merges several feeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The feed's title, else its address's host.
    pub title: String,
    /// The feed's web site, else the feed itself.
    pub site: Option<String>,
}

impl NewsItem {
    /// The entry with its texts in one buffer ([`crate::shared_str::one_buffer`]), for entries
    /// made of texts of their own rather than ranges of a file: RSS and Atom items, generated
    /// entries. (100,000 RSS items took 170 MB without it.)
    pub fn compact(mut self) -> NewsItem {
        let NewsItem { id, title, summary, body, html, url, image, .. } = &mut self;
        let mut texts: Vec<&mut SharedStr> = vec![id, title, summary];
        texts.extend(body.as_mut());
        texts.extend(html.as_mut());
        texts.extend(url.as_mut().map(Link::rest_mut));
        if let Some(image) = image {
            texts.push(image.src.rest_mut());
            texts.push(&mut image.alt);
        }
        crate::shared_str::one_buffer(&mut texts);
        self
    }

    /// An entry with only the required parts; the rest empty.
    pub fn new(id: SharedStr, date: ItemDate, title: SharedStr) -> Self {
        NewsItem {
            id,
            date,
            title,
            summary: SharedStr::default(),
            body: None,
            html: None,
            url: None,
            image: None,
            tags: Vec::new(),
            authors: Vec::new(),
            origin: None,
        }
    }
}

/// A thumbnail or lead image.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// URL of the image, relative to the page or absolute http(s).
    pub src: Link,
    /// Alternative text. Empty means the image is decorative.
    pub alt: SharedStr,
    /// File size in kilobytes, as the source page states it ("55.76KB").
    pub size_kb: Option<f64>,
    /// Intrinsic width in pixels, when known.
    pub width: Option<u32>,
    /// Intrinsic height in pixels, when known.
    pub height: Option<u32>,
}

/// A whole news list, items sorted newest first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Feed {
    /// Heading of the list, as the data gives it. `None`: the data has none, and the reader
    /// sees the default in their language ("News", "Actualités").
    pub title: Option<String>,
    pub items: Vec<NewsItem>,
    /// The web site the feed belongs to (RSS `<channel><link>`, Atom's alternate link, JSON
    /// Feed's `home_page_url`), when it names one.
    pub site: Option<String>,
}

impl Feed {
    /// Builds a feed and puts its items newest first. Items with equal dates keep their
    /// order from the data, so an editor controls ties.
    pub fn new(title: Option<String>, mut items: Vec<NewsItem>) -> Self {
        sort_newest_first(&mut items);
        Feed { title, items, site: None }
    }
}

/// Puts items newest first; items with equal dates keep their order. The one sort of entries
/// (a sort is compiled once per call site's closure: about 2.5 KB of wasm each). Most feeds
/// are newest first already: then nothing moves, and no scratch space is taken (a stable sort
/// borrows room for half the entries: 14 MB at 100,000).
pub(crate) fn sort_newest_first(items: &mut [NewsItem]) {
    if !items.is_sorted_by(|a, b| a.date >= b.date) {
        items.sort_by_key(|item| std::cmp::Reverse(item.date));
    }
}

impl Image {
    /// The file size as a reader sees it: "55.76 KB".
    pub fn size_label(&self) -> Option<String> {
        self.size_label_in(&crate::i18n::EN)
    }

    /// The size in `lang`'s style: `55.76 KB`, `55,76 Ko`.
    pub fn size_label_in(&self, lang: &crate::i18n::Strings) -> Option<String> {
        // Integer arithmetic instead of "{:.2}": float formatting costs about 9 KB of wasm.
        self.size_kb.filter(|kb| kb.is_finite() && *kb >= 0.0 && *kb < 1e12).map(|kb| {
            let hundredths = (kb * 100.0).round() as u64;
            format!("{}{}", lang.two_decimals(hundredths), lang.kilobytes)
        })
    }
}

/// The heading for a list titled `title`: as written, or `lang`'s default when there is none.
pub fn heading<'a>(title: Option<&'a str>, lang: &'a crate::i18n::Strings) -> &'a str {
    title.unwrap_or(lang.news)
}

/// A URL-safe slug of a title: lower case ASCII letters and digits joined by single dashes,
/// at most `max_words` words. Letters with accents lose them ("Défense" -> "defense").
pub fn slugify(title: &str, max_words: usize) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for ch in title.chars() {
        let mapped = fold_accent(ch);
        if mapped.is_ascii_alphanumeric() {
            current.push(mapped.to_ascii_lowercase());
        } else if ch == '\'' || ch == '\u{2019}' {
            // "General's" -> "generals": an apostrophe doesn't split a word.
        } else if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words.truncate(max_words);
    words.join("-")
}

fn fold_accent(ch: char) -> char {
    match ch {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'A',
        'ç' => 'c',
        'Ç' => 'C',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' => 'E',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' => 'I',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'O',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' => 'U',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// The id used when the data gives none: the date plus a slug of the title, e.g.
/// `2025-03-19-the-republic-of-korea-joins-nato-science`. It depends only on the entry
/// itself, so adding or removing other entries never changes it.
pub fn derive_id(date: &ItemDate, title: &str) -> String {
    let slug = slugify(title, 8);
    let day = date.iso_date().unwrap_or_else(|| "undated".to_string());
    if slug.is_empty() {
        day
    } else {
        format!("{day}-{slug}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_keeps_words_and_drops_punctuation() {
        assert_eq!(
            slugify("NATO Secretary General's statement on the third anniversary", 8),
            "nato-secretary-generals-statement-on-the-third-anniversary"
        );
        assert_eq!(slugify("Défense & sécurité: l’OTAN", 8), "defense-securite-lotan");
        assert_eq!(slugify("  --  ", 8), "");
        assert_eq!(slugify("a b c d", 2), "a-b");
    }

    #[test]
    fn derived_id_depends_only_on_date_and_title() {
        let date = ItemDate::parse("2025-03-19").expect("valid date");
        assert_eq!(
            derive_id(&date, "The Republic of Korea joins NATO Science & Technology Organization (STO) Partnership"),
            "2025-03-19-the-republic-of-korea-joins-nato-science-technology"
        );
        assert_eq!(derive_id(&date, "!!!"), "2025-03-19");
    }

    #[test]
    fn an_explicit_title_shows_as_written_and_only_a_missing_one_is_translated() {
        use crate::i18n::{EN, FR};
        assert_eq!(heading(Some("News"), &FR), "News", "a feed really titled News keeps it in French");
        assert_eq!(heading(Some("News"), &EN), "News");
        assert_eq!(heading(None, &EN), "News");
        assert_eq!(heading(None, &FR), "Actualités");
    }

    #[test]
    fn size_label_uses_two_decimals() {
        let image = Image { src: "a.jpg".into(), alt: "".into(), size_kb: Some(51.4), width: None, height: None };
        assert_eq!(image.size_label().as_deref(), Some("51.40 KB"));
        let label = |kb: f64| Image { size_kb: Some(kb), ..image.clone() }.size_label();
        assert_eq!(label(55.76).as_deref(), Some("55.76 KB"));
        assert_eq!(label(0.005).as_deref(), Some("0.01 KB"));
        assert_eq!(label(120.0).as_deref(), Some("120.00 KB"));
        assert_eq!(label(f64::NAN), None);
        let french = Image { size_kb: Some(55.76), ..image.clone() }.size_label_in(&crate::i18n::FR);
        assert_eq!(french.as_deref(), Some("55,76\u{A0}Ko"));
    }
}

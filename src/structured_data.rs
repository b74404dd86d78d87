//! Structured data for search engines: a news list as schema.org JSON-LD.
//!
//! [`json_ld`] describes a list as an `ItemList` whose `ListItem`s each hold a `NewsArticle`
//! (headline, date, image, link, summary), so that search engines can show the entries as
//! articles. [`script_block`] wraps it in the `<script type="application/ld+json">` element a
//! page embeds it in.
//!
//! # One API: the JSON is always escaped for a script element
//!
//! [`json_ld`] returns JSON text that is already safe to put between `<script>` and
//! `</script>`: every `<`, `>` and `&` is written `\u003c`, `\u003e`, `\u0026`, and U+2028 and
//! U+2029 are written `\u2028`, `\u2029`. Parsing it as JSON gives back exactly what the feed
//! says. [`script_block`] applies the same escaping again (it changes nothing in [`json_ld`]'s
//! output, as the escaped text has none of these characters) so that it is safe with any JSON.
//!
//! # Why the escaping is safe
//!
//! Inside a `<script>` element the HTML parser does not decode entities and looks for only two
//! things: `</script` (which ends the element, whatever follows in the JSON) and `<!--` (which,
//! followed by `<script`, makes a later `</script>` not end it). Both start with `<`, and the
//! output has no `<` at all, so no feed text can close the block or open a comment. `>` and `&`
//! are escaped too so that the text stays inert in any other HTML or XML context (`-->`,
//! entities in XHTML). U+2028 and U+2029 ended a line in JavaScript before ES2019, so they are
//! escaped in case the text is ever read as a script.
//!
//! The escaping is done on serde_json's output, where these characters can only occur inside
//! strings (JSON's own punctuation is ASCII and none of `<>&`). There each `\uXXXX` is a valid
//! JSON escape for the very same character, and it never follows an unescaped backslash: a
//! backslash in the data is already written `\\`. So the result parses as JSON to the same value.
//!
//! URLs go through [`crate::urls`]: only http(s) and relative URLs are used, relative ones are
//! resolved against the page's address, and any that still aren't absolute are left out, since
//! a search engine reading the data has no base to resolve them against.

use crate::model::NewsItem;
use crate::urls::Links;
use serde_json::{json, Map, Value};

/// The JSON-LD `ItemList` for a list titled `heading` showing `items` at `page_url`, as JSON
/// text escaped for a script element (see the module documentation).
///
/// Each entry is a `NewsArticle` with its `headline`, `datePublished` (the ISO date, left out
/// for an undated entry), `image` and `url` (absolute URLs, resolved against `page_url` when
/// relative, left out when they can't be made absolute or aren't safe) and `description` (the
/// summary, left out when empty).
pub fn json_ld(heading: &str, items: &[NewsItem], page_url: Option<&str>) -> String {
    let links = page_url.map(Links::relative_to).unwrap_or_default();
    let absolute = |url: &str| links.usable(url).filter(|url| is_absolute(url)).map(std::borrow::Cow::into_owned);
    let elements: Vec<Value> = items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let mut article = Map::new();
            article.insert("@type".into(), "NewsArticle".into());
            article.insert("headline".into(), item.title.as_str().into());
            if let Some(date) = item.date.iso_date() {
                article.insert("datePublished".into(), date.into());
            }
            if let Some(image) = item.image.as_ref().and_then(|image| absolute(&image.src.to_cow())) {
                article.insert("image".into(), image.into());
            }
            if let Some(url) = item.url.as_ref().and_then(|url| absolute(&url.to_cow())) {
                article.insert("url".into(), url.into());
            }
            if !item.summary.is_empty() {
                article.insert("description".into(), item.summary.as_str().into());
            }
            json!({ "@type": "ListItem", "position": index + 1, "item": article })
        })
        .collect();
    let list = json!({
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": heading,
        "numberOfItems": items.len(),
        "itemListElement": elements,
    });
    escape_for_script(&list.to_string())
}

/// `json` in a `<script type="application/ld+json">` element, ready to put in a page's HTML.
///
/// `json` is escaped as [`json_ld`] escapes it (a no-op for [`json_ld`]'s own output), so any
/// JSON text is safe here. It must be JSON: other text may have `<` outside a string, which the
/// escaping keeps out of the HTML but which leaves the block unparsable.
pub fn script_block(json: &str) -> String {
    format!("<script type=\"application/ld+json\">{}</script>", escape_for_script(json))
}

/// Writes `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX` escapes. Only correct on JSON text, where
/// they occur only inside strings.
fn escape_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for ch in json.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            other => out.push(other),
        }
    }
    out
}

/// Whether `url` (already through [`Links::usable`]) is an absolute http(s) URL with a host.
fn is_absolute(url: &str) -> bool {
    let lower_start = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower_start.starts_with("https://") {
        &url[8..]
    } else if lower_start.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    !rest.is_empty() && !rest.starts_with(['/', '\\', '?', '#'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::ItemDate;
    use crate::model::Image;

    const PAGE: &str = "https://news.example.org/lists/news.html";

    fn image(src: &str) -> Image {
        Image { src: src.into(), alt: "".into(), size_kb: None, width: None, height: None }
    }

    fn dated(title: &str) -> NewsItem {
        let date = ItemDate::parse("2025-03-19").expect("valid date");
        NewsItem::new("id".into(), date, title.into())
    }

    fn parse(json: &str) -> Value {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("not JSON ({e}): {json}"))
    }

    #[test]
    fn a_two_entry_list_parses_back_into_the_schema_org_structure() {
        let mut first = dated("Korea joins the STO");
        first.summary = "A new partner.".into();
        first.image = Some(image("img/korea.jpg"));
        first.url = Some("/news/korea.html".into());
        let mut second = NewsItem::new("b".into(), ItemDate::Undated, "No date".into());
        second.url = Some("https://elsewhere.example/a".into());

        let value = parse(&json_ld("News", &[first, second], Some(PAGE)));
        let expected = json!({
            "@context": "https://schema.org",
            "@type": "ItemList",
            "name": "News",
            "numberOfItems": 2,
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": 1,
                    "item": {
                        "@type": "NewsArticle",
                        "headline": "Korea joins the STO",
                        "datePublished": "2025-03-19",
                        "image": "https://news.example.org/lists/img/korea.jpg",
                        "url": "https://news.example.org/news/korea.html",
                        "description": "A new partner.",
                    },
                },
                {
                    "@type": "ListItem",
                    "position": 2,
                    "item": {
                        "@type": "NewsArticle",
                        "headline": "No date",
                        "url": "https://elsewhere.example/a",
                    },
                },
            ],
        });
        assert_eq!(value, expected);
    }

    #[test]
    fn relative_or_unsafe_urls_are_left_out_rather_than_emitted() {
        let mut item = dated("Relative only");
        item.image = Some(image("img/a.jpg"));
        item.url = Some("news/a.html".into());
        for page in [None, Some(""), Some("file:///home/a.html"), Some("not a url")] {
            let value = parse(&json_ld("News", std::slice::from_ref(&item), page));
            let article = &value["itemListElement"][0]["item"];
            assert_eq!(article.get("image"), None, "{page:?}");
            assert_eq!(article.get("url"), None, "{page:?}");
        }
        item.image = Some(image("//cdn.example.org/a.jpg"));
        item.url = Some("javascript:alert(1)".into());
        let value = parse(&json_ld("News", std::slice::from_ref(&item), None));
        assert_eq!(value["itemListElement"][0]["item"].get("image"), None, "protocol-relative without a page");
        assert_eq!(value["itemListElement"][0]["item"].get("url"), None);
        let value = parse(&json_ld("News", std::slice::from_ref(&item), Some(PAGE)));
        assert_eq!(value["itemListElement"][0]["item"]["image"], "https://cdn.example.org/a.jpg");
        assert_eq!(value["itemListElement"][0]["item"].get("url"), None, "javascript: even with a page");
        item.image = Some(image("https://img.example/a.jpg"));
        let value = parse(&json_ld("News", std::slice::from_ref(&item), None));
        assert_eq!(value["itemListElement"][0]["item"]["image"], "https://img.example/a.jpg");
    }

    #[test]
    fn an_empty_list_is_an_empty_item_list() {
        let value = parse(&json_ld("Actualités", &[], None));
        assert_eq!(value["name"], "Actualités");
        assert_eq!(value["numberOfItems"], 0);
        assert_eq!(value["itemListElement"], json!([]));
    }

    #[test]
    fn markup_in_titles_is_escaped_and_parses_back_exactly() {
        let title = "</script><!--<script>alert(1)</script> Tom &amp; Jerry & \"quotes\" \\</script>";
        let heading = "<b>News</b> & more\u{2028}\u{2029}";
        let mut item = dated(title);
        item.summary = "a <!-- b --> c &lt;".into();
        let out = json_ld(heading, &[item], Some(PAGE));
        for bad in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
            assert!(!out.contains(bad), "{bad:?} in {out}");
        }
        assert!(out.contains("\\u003c/script\\u003e") && out.contains("\\u0026amp;") && out.contains("\\u2028"));
        let value = parse(&out);
        assert_eq!(value["name"], heading);
        assert_eq!(value["itemListElement"][0]["item"]["headline"], title);
        assert_eq!(value["itemListElement"][0]["item"]["description"], "a <!-- b --> c &lt;");
    }

    #[test]
    fn script_block_wraps_escaped_json_and_changes_nothing_in_json_ld_output() {
        let out = json_ld("</script>", &[dated("<!--")], None);
        let block = script_block(&out);
        let inner = block
            .strip_prefix("<script type=\"application/ld+json\">")
            .and_then(|rest| rest.strip_suffix("</script>"))
            .expect("wrapped in one script element");
        assert_eq!(inner, out);
        assert_eq!(
            script_block(r#"{"a":"</script>"}"#),
            "<script type=\"application/ld+json\">{\"a\":\"\\u003c/script\\u003e\"}</script>"
        );
    }

    #[derive(serde::Deserialize)]
    struct Fixture {
        payload: String,
    }

    #[test]
    fn no_dompurify_payload_can_close_the_script_or_open_a_comment() {
        let fixtures: Vec<Fixture> =
            serde_json::from_str(include_str!("../tests/fixtures/xss/dompurify-payloads.json")).expect("fixture");
        assert!(fixtures.len() > 200, "fixture has {} payloads", fixtures.len());
        for Fixture { payload } in &fixtures {
            let mut item = dated(payload);
            item.summary = payload.as_str().into();
            item.url = Some(payload.as_str().into());
            item.image = Some(image(payload));
            for page in [Some(PAGE), None] {
                let out = json_ld(payload, std::slice::from_ref(&item), page);
                let block = script_block(&out);
                let inner = &block["<script type=\"application/ld+json\">".len()..block.len() - "</script>".len()];
                for text in [out.as_str(), inner] {
                    let lower = text.to_ascii_lowercase();
                    assert!(!lower.contains("</script"), "{payload:?} closes the script: {text}");
                    assert!(!lower.contains("<!--"), "{payload:?} opens a comment: {text}");
                    assert!(!text.contains(['<', '>', '&']), "{payload:?}: {text}");
                }
                let value = parse(&out);
                let article = &value["itemListElement"][0]["item"];
                assert_eq!(value["name"], payload.as_str());
                assert_eq!(article["headline"], payload.as_str());
                assert_eq!(article["description"], payload.as_str(), "{payload:?}");
                for key in ["url", "image"] {
                    if let Some(url) = article.get(key) {
                        let url = url.as_str().expect("a string");
                        assert!(is_absolute(url), "{key} {url:?} from {payload:?}");
                        assert!(!url.to_ascii_lowercase().trim_start().starts_with("javascript:"), "{url}");
                    }
                }
            }
        }
    }
}

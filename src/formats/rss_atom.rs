//! RSS (2.0, 0.9x, 1.0) and Atom, read leniently the way feed readers read them, by one reader
//! that serves the browser and the command line alike: for the same bytes, the page shows what
//! `datelines-cli import` and `validate` report.
//!
//! Built on a small tokenizer of its own ([`super::xml`]; on quick-xml, the XML layer feed-rs
//! is built on, the wasm was 9.7 KB larger). feed-rs itself is not used: in the wasm bundle it
//! would bring its own model, date parsing (chrono's format engine, about 15 KB), mime, url and
//! uuid, and it reads differently from the JSON formats (dates turned into UTC, random ids).
//! The fixtures feed-rs ships are the reader's corpus (`tests/feed_corpus.rs`).
//!
//! Lenient where feeds are sloppy:
//! - the encoding: see [`super::encoding`];
//! - references: XML's five, HTML's named ones (`&nbsp;`, `&rsquo;`, `&eacute;`) and numeric
//!   ones are decoded; unknown ones and a stray `&` stay as written;
//! - names: prefixes that are never declared (`media:`, `content:`, `dc:`) are read by their
//!   usual meaning; declared ones by their namespace, whatever the prefix;
//! - end tags that do not match are closed up to the matching open element, or ignored;
//! - XML that breaks off keeps the items read before the break, with a problem naming the line
//!   and column.
//!
//! Never expanded or fetched: a DOCTYPE's entities and anything it names. A DOCTYPE whose
//! entities refer to other entities or to outside resources (an entity-expansion bomb, or an
//! external entity) makes the whole file unreadable, with a message saying so.
//!
//! What an item becomes: title (else `media:title`) -> title; link (or Atom
//! `<link rel="alternate">`, else a permalink `<guid>`) -> url, against `xml:base` and the feed's
//! own address; guid / id / `rdf:about` -> id; pubDate / published / dc:date (else updated) ->
//! date, as written, and an item whose date cannot be read is shown under "Undated" with a
//! problem; description / summary -> summary (plain text); content:encoded / content (else an
//! XHTML `<body>` or a `<fullitem>`, as feedparser reads them) -> html for the card; image: see
//! `image`; category / dc:subject -> tags; author / dc:creator -> authors. Atom 0.3's base64
//! text is decoded. Problem paths count from 0: `items[0]` is the first `<item>`, `entries[0]`
//! the first Atom `<entry>`.
//!
//! One file per dialect, as feed-rs lays out its parsers: `rss2` (RSS 2.0 and 0.9x), `rss1`
//! (RSS 1.0, RDF) and `atom` (Atom 1.0 and 0.3); what they share: `tree` (the element tree an
//! item is read into, and the names of its elements), `item` (an item into a [`NewsItem`]) and
//! `image` (its picture). Which of them a file is, is told apart in [`super::sniff`]; this file
//! reads the XML, and the feed around the items.

mod atom;
mod image;
mod item;
mod rss1;
mod rss2;
mod tree;

use super::encoding;
use super::xml::{attributes, Broken, Token, Tokens};
use super::{LoadError, Parsed, Problem, UniqueIds};
use crate::model::{Feed, NewsItem};
use crate::text::decode_entities;
use crate::urls::Links;
use std::borrow::Cow;
use tree::{El, Names};

/// Sniffing has a file of its own ([`super::sniff`]); its names stay here too, where callers
/// knew them.
pub use super::sniff::{sniff, Sniffed};

/// The XML formats, as the root element and its `version` say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XmlFormat {
    Rss2,
    Rss09,
    Rss1,
    Atom,
}

/// A feed read from XML.
#[derive(Debug, Clone, PartialEq)]
pub struct XmlFeed {
    pub parsed: Parsed,
    pub format: XmlFormat,
}

/// Elements nested deeper than this end the reading (an item is a few levels deep; a file
/// nested a million deep would otherwise take that much stack to drop).
const MAX_DEPTH: usize = 256;
/// An element open in the file.
struct Open<'a> {
    /// The name as written, to match its end tag.
    qname: &'a str,
    /// How many namespace declarations it made.
    declared: usize,
    /// The `xml:base` in effect inside it.
    base: Option<String>,
    /// Whether it is being read whole (an item, or an element of the channel).
    whole: bool,
    /// Whether its children are read whole: the channel (`<rss><channel>`), `<rdf:RDF>`, the
    /// Atom `<feed>`.
    container: bool,
}

/// What the items are called in problem paths, with the names of their fields.
struct Fields {
    list: &'static str,
    id: &'static str,
    published: &'static str,
}

/// Reads an RSS or Atom feed. Items that cannot be shown are left out with a problem; the rest
/// are kept. A whole-file error only when nothing can be read. `links` makes the items' links
/// usable (absolute against the feed's address, when it is known); `progress` is called with
/// the running count of items read.
pub fn read(bytes: &[u8], links: &Links, mut progress: impl FnMut(usize)) -> Result<XmlFeed, LoadError> {
    let (text, warning) = encoding::decode(bytes);
    let file: &str = &text;
    let mut r = Reading {
        fields: rss2::FIELDS,
        count: 0,
        items: Vec::new(),
        ids: UniqueIds::default(),
        problems: Vec::new(),
        title: None,
        site: None,
    };
    if let Some(message) = warning {
        r.problems.push(Problem { path: "file".into(), message, skipped: false });
    }
    let mut tokens = Tokens::new(file);
    let mut names = Names { scope: Vec::new(), home: String::new() };
    let mut open: Vec<Open> = Vec::new();
    // The elements being read whole, outermost first.
    let mut building: Vec<El> = Vec::new();
    let mut format: Option<XmlFormat> = None;

    while let Some(token) = tokens.next() {
        let token = match token {
            Ok(token) => token,
            Err(Broken { at, reason }) => {
                let (line, column) = line_column(file, at);
                if r.count == 0 {
                    return Err(LoadError::NotXml { line, column, reason: reason.into() });
                }
                r.problems.push(broken(line, column, reason, r.count, r.fields.list));
                return Ok(finish(r, format));
            }
        };
        match token {
            Token::DocType(doctype) => check_doctype(doctype)?,
            // The feed has ended: what a host appends after it (a script, a tracking pixel) is
            // not read.
            Token::Start { .. } if open.is_empty() && format.is_some() => break,
            Token::Start { name: qname, attrs, empty } => {
                let attrs: Vec<(String, String)> = attributes(attrs)
                    .into_iter()
                    .map(|(name, value)| (name.to_string(), decode_entities(value).into_owned()))
                    .collect();
                let declared = names.declare(&attrs);
                if open.is_empty() {
                    names.home = names.namespace(qname.split_once(':').map_or("", |(p, _)| p)).unwrap_or("").into();
                }
                let name = names.name(qname);
                // Only set where a feed gives an `xml:base`: links elsewhere use `links` as they are.
                let parent_base = open.last().and_then(|o| o.base.as_deref());
                let base = match attrs.iter().find(|(n, _)| n == "xml:base") {
                    Some((_, value)) => match parent_base {
                        Some(parent) => Some(join_base(parent, value.trim())),
                        None => links.usable(value.trim()).map(Cow::into_owned),
                    },
                    None => parent_base.map(str::to_string),
                };
                if open.is_empty() {
                    let local = name.rsplit(':').next().unwrap_or_default();
                    format = Some(match local {
                        "rss" => rss2::format(&attrs),
                        "RDF" => XmlFormat::Rss1,
                        "feed" => XmlFormat::Atom,
                        _ => return Err(LoadError::NotFeed(not_a_feed(&name))),
                    });
                    if format == Some(XmlFormat::Atom) {
                        r.fields = atom::FIELDS;
                    }
                }
                // The root and `<rss><channel>` hold the items: they are not read whole, their
                // children are.
                let container = open.is_empty() || open.len() == 1 && name == "channel";
                let whole = !container && open.last().is_some_and(|p| p.whole || p.container);
                if whole {
                    if building.len() >= MAX_DEPTH {
                        let (line, column) = line_column(file, tokens.start);
                        let reason = "elements are nested too deep";
                        if r.count == 0 {
                            return Err(LoadError::NotXml { line, column, reason: reason.into() });
                        }
                        r.problems.push(broken(line, column, reason, r.count, r.fields.list));
                        return Ok(finish(r, format));
                    }
                    let at = tokens.position();
                    building.push(El { name, attrs, inner: at..at, base: base.clone(), ..El::default() });
                }
                if empty {
                    names.scope.truncate(names.scope.len() - declared);
                    if whole {
                        finish_element(&mut building, file, links, &mut r, &mut progress);
                    }
                } else {
                    open.push(Open { qname, declared, base, whole, container });
                }
            }
            Token::End(qname) => {
                // Close up to the matching open element; an end tag that matches none is ignored.
                let Some(depth) = open.iter().rposition(|o| o.qname == qname) else { continue };
                while open.len() > depth {
                    let Some(closed) = open.pop() else { break };
                    names.scope.truncate(names.scope.len() - closed.declared);
                    if closed.whole {
                        if let Some(el) = building.last_mut() {
                            el.inner.end = tokens.start.max(el.inner.start);
                        }
                        finish_element(&mut building, file, links, &mut r, &mut progress);
                    }
                }
            }
            Token::Text(text) => {
                if let Some(el) = building.last_mut() {
                    el.text.push_str(&decode_entities(text));
                }
            }
            Token::CData(text) => {
                if let Some(el) = building.last_mut() {
                    el.text.push_str(text);
                }
            }
        }
    }
    if format.is_none() {
        return Err(LoadError::NotFeed("the file is empty".into()));
    }
    if let Some(unclosed) = open.first() {
        let (line, column) = line_column(file, file.len());
        if !building.is_empty() {
            let reason = format!("the file ends before </{}>", unclosed.qname);
            if r.count == 0 {
                return Err(LoadError::NotXml { line, column, reason });
            }
            r.problems.push(broken(line, column, &reason, r.count, r.fields.list));
        }
    }
    Ok(finish(r, format))
}

fn finish(r: Reading, format: Option<XmlFormat>) -> XmlFeed {
    let format = format.unwrap_or(XmlFormat::Rss2);
    // The site: RSS `<channel><link>`, Atom `<link rel="alternate">`, absolute when the feed's
    // address is known.
    let feed = Feed { site: r.site, ..Feed::new(r.title, r.items) };
    XmlFeed { parsed: Parsed { feed, problems: r.problems }, format }
}

/// What a feed's reading has found so far.
struct Reading {
    fields: Fields,
    /// Items met so far, shown or not.
    count: usize,
    items: Vec<NewsItem>,
    ids: UniqueIds,
    problems: Vec<Problem>,
    title: Option<String>,
    site: Option<String>,
}

/// The innermost element being read is complete: it joins its parent, or, read whole at the
/// channel's level, becomes an item or the feed's title or site.
fn finish_element(
    building: &mut Vec<El>,
    file: &str,
    links: &Links,
    done: &mut Reading,
    progress: &mut dyn FnMut(usize),
) {
    let Some(mut el) = building.pop() else { return };
    atom::decode_base64_mode(&mut el);
    if let Some(parent) = building.last_mut() {
        parent.children.push(el);
        return;
    }
    match el.name.as_str() {
        "item" | "entry" => {
            let index = done.count;
            done.count += 1;
            progress(done.count);
            let path = format!("{}[{index}]", done.fields.list);
            if let Some((mut item, explicit)) =
                item::convert(&el, file, links, (&path, &done.fields), &mut done.problems)
            {
                match done.ids.claim(&mut item, &done.items, explicit, &path, done.fields.id, "item") {
                    Ok(()) => done.items.push(item),
                    Err(problem) => done.problems.push(problem),
                }
            }
        }
        "title" if done.title.is_none() => done.title = Some(el.plain(file, false)).filter(|t| !t.is_empty()),
        "link" | "atom:link" if done.site.is_none() => done.site = page_link(&el, links),
        "channel" => rss1::channel(&el, file, links, done),
        _ => {}
    }
}

/// The page a `<link>` points to: RSS's text, or Atom's `href` when it is the alternate.
fn page_link(el: &El, links: &Links) -> Option<String> {
    let href = match el.attr("href") {
        Some(href) => matches!(el.attr("rel"), None | Some("alternate")).then_some(href)?,
        None => Some(el.text.trim()).filter(|t| !t.is_empty())?,
    };
    usable(href, el, links)
}

/// A link made usable against the `xml:base` in effect for `el`, else the feed's address.
fn usable(link: &str, el: &El, links: &Links) -> Option<String> {
    match &el.base {
        Some(base) => links.usable(&join_base(base, link)).map(Cow::into_owned),
        None => links.usable(link).map(Cow::into_owned),
    }
}

/// `link` against `base`: by the URL rules when `base` is an absolute http(s) address; else (a
/// feed read from a file, whose own address is unknown) as text, the link after the base's
/// folder, so that the command line keeps what the browser would resolve.
fn join_base(base: &str, link: &str) -> String {
    if let Some(joined) = Links::relative_to(base).usable(link).filter(|_| crate::urls::Base::parse(base).is_some()) {
        return joined.into_owned();
    }
    let has_scheme = link
        .split_once(':')
        .is_some_and(|(s, _)| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)));
    if has_scheme || link.starts_with('/') {
        return link.to_string();
    }
    let folder = base.rfind('/').map_or("", |at| &base[..=at]);
    format!("{folder}{link}")
}

/// Refuses a DOCTYPE whose entities expand into other entities or name outside resources.
fn check_doctype(doctype: &str) -> Result<(), LoadError> {
    for declaration in doctype.split("<!ENTITY").skip(1) {
        let body = declaration.split('>').next().unwrap_or_default();
        let external = body.contains("SYSTEM") || body.contains("PUBLIC");
        let nested = body.trim_start().starts_with('%')
            || body.match_indices('&').any(|(at, _)| !body[at + 1..].starts_with('#'));
        if external || nested {
            return Err(LoadError::NotFeed(
                "it declares entities that refer to other entities or to outside resources (<!ENTITY> in its \
                 DOCTYPE), which Datelines never expands or fetches"
                    .into(),
            ));
        }
    }
    Ok(())
}

fn not_a_feed(root: &str) -> String {
    format!("XML whose root element is <{root}>, not RSS (<rss>, <rdf:RDF>) or Atom (<feed>)")
}

/// The problem for XML that breaks off after `count` items.
fn broken(line: usize, column: usize, reason: &str, count: usize, list: &str) -> Problem {
    let noun = if count == 1 { "item" } else { "items" };
    let message =
        format!("the XML breaks at line {line}, column {column} ({reason}); the {count} {noun} before it were read");
    Problem { path: list.to_string(), message, skipped: false }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(file: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(file.len());
    while !file.is_char_boundary(at) {
        at -= 1;
    }
    let before = &file[..at];
    let line = 1 + before.matches('\n').count();
    let column = 1 + before.rsplit('\n').next().unwrap_or_default().chars().count();
    (line, column)
}

fn warn(path: &str, field: &str, message: String) -> Problem {
    Problem { path: format!("{path}.{field}"), message, skipped: false }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(super) fn read_str(xml: &str) -> XmlFeed {
        read(xml.as_bytes(), &Links::relative_to("https://news.example/feeds/feed.xml"), |_| {}).expect("a feed")
    }

    pub(super) fn problems(feed: &XmlFeed) -> Vec<String> {
        feed.parsed.problems.iter().map(ToString::to_string).collect()
    }

    pub(super) fn titles(feed: &XmlFeed) -> Vec<&str> {
        feed.parsed.feed.items.iter().map(|i| i.title.as_str()).collect()
    }

    #[test]
    fn xml_that_breaks_keeps_what_came_before_and_says_where() {
        let feed = read_str("<rss><channel>\n<item><title>One</title></item>\n<item><title>Two</title></item>\n<item><title>Broken</titl\n");
        assert_eq!(titles(&feed), ["One", "Two"]);
        let lines: Vec<String> = problems(&feed).into_iter().filter(|p| p.contains("breaks")).collect();
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].starts_with("items: the XML breaks at line 4, column "), "{}", lines[0]);
        assert!(lines[0].ends_with("; the 2 items before it were read"), "{}", lines[0]);
        let nothing =
            read(b"<rss><channel><item><title>x</title", &Links::default(), |_| {}).expect_err("nothing read");
        assert!(matches!(nothing, LoadError::NotXml { line: 1, .. }), "{nothing:?}");
        let other = read(b"<html><body></body></html>", &Links::default(), |_| {}).expect_err("not a feed");
        assert_eq!(other.to_string(), "The file is not a feed that can be read: XML whose root element is <html>, not RSS (<rss>, <rdf:RDF>) or Atom (<feed>).");
    }

    #[test]
    fn entities_are_never_expanded_and_bombs_fail_fast() {
        let lol =
            "<!DOCTYPE rss [<!ENTITY lol \"lol\"><!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\
                   <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">]>\
                   <rss><channel><item><title>&lol2;</title></item></channel></rss>";
        let err = read(lol.as_bytes(), &Links::default(), |_| {}).expect_err("a bomb");
        assert!(err.to_string().contains("never expands"), "{err}");
        let xxe = "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><rss><channel><item><title>a &xxe; b</title></item></channel></rss>";
        assert!(read(xxe.as_bytes(), &Links::default(), |_| {}).is_err());
        // A plain declared entity is kept as written, not expanded.
        let plain =
            "<!DOCTYPE rss [<!ENTITY me \"Me\">]><rss><channel><item><title>a &me; b</title></item></channel></rss>";
        assert_eq!(titles(&read_str(plain)), ["a &me; b"]);
    }

    #[test]
    fn what_real_files_add_is_read_as_readers_read_it() {
        // UTF-16 with its byte order mark, from the browser's entry point too.
        let utf16: Vec<u8> = b"\xFF\xFE"
            .iter()
            .copied()
            .chain(
                "<rss><channel><item><title>Sept é</title></item></channel></rss>"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        assert_eq!(sniff(&utf16), Sniffed::Rss);
        match crate::formats::parse_any(utf16) {
            Ok(crate::formats::NewsFile::Feed(parsed)) => assert_eq!(parsed.feed.items[0].title, "Sept é"),
            other => panic!("a feed: {other:?}"),
        }
        // What a free host appends after the feed is not read, and the items stay.
        let appended =
            read_str("<rss><channel><item><title>Kept</title></item></channel></rss>\n<script>x()</script><div>");
        assert_eq!(titles(&appended), ["Kept"]);
        // A relative xml:base in a file read without its address (the command line): the
        // links keep it, as the browser would resolve them.
        let base = r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/blog/"><entry xml:base="posts/">
            <title>T</title><id>1</id><link href="one.html"/></entry></feed>"#;
        let cli = read(base.as_bytes(), &Links::default(), |_| {}).expect("a feed");
        assert_eq!(
            cli.parsed.feed.items[0].url.as_ref().map(ToString::to_string).as_deref(),
            Some("/blog/posts/one.html")
        );
        let browser = read_str(base);
        assert_eq!(
            browser.parsed.feed.items[0].url.as_ref().map(ToString::to_string).as_deref(),
            Some("https://news.example/blog/posts/one.html")
        );
        // A thumbnail inside a media:content inside a media:group takes the item's description.
        let nested = read_str(
            r#"<rss><channel><item><title>t</title><media:description>Item words</media:description>
            <media:group><media:content url="https://i.example/c.mp4"><media:thumbnail url="https://i.example/t.jpg"/></media:content></media:group>
            </item></channel></rss>"#,
        );
        let image = nested.parsed.feed.items[0].image.as_ref().expect("the thumbnail");
        assert_eq!((image.src.to_string().as_str(), image.alt.as_str()), ("https://i.example/t.jpg", "Item words"));
        // HTML with many unclosed images is read once, quickly.
        let many = format!(
            "<rss><channel><item><title>t</title><description>{}</description></item></channel></rss>",
            "&lt;img".repeat(50_000)
        );
        assert!(read_str(&many).parsed.feed.items[0].image.is_none());
    }

    #[test]
    fn deep_nesting_and_odd_input_never_panic() {
        let deep = format!("<rss><channel><item><title>x</title>{}</item></channel></rss>", "<a>".repeat(10_000));
        assert!(read(deep.as_bytes(), &Links::default(), |_| {}).is_err());
        for odd in [
            "",
            "<",
            "<rss",
            "<rss/>",
            "<feed><entry/></feed>",
            "<rss><channel></rss>",
            "<rss>&</rss>",
            "<rss><item><title>x</title></item></rss>",
        ] {
            let _ = read(odd.as_bytes(), &Links::default(), |_| {});
        }
        let loose = read_str("<rss><item><title>Loose item</title></item></rss>");
        assert_eq!(titles(&loose), ["Loose item"]);
    }
}

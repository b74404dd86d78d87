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
//! What an item becomes: title -> title; link (or Atom `<link rel="alternate">`, else a
//! permalink `<guid>`) -> url, against `xml:base` and the feed's own address; guid / id /
//! `rdf:about` -> id; pubDate / published / dc:date (else updated) -> date, as written, and an
//! item whose date cannot be read is shown under "Undated" with a problem; description /
//! summary -> summary (plain text); content:encoded / content -> html for the card; image: see
//! [`image`]; category / dc:subject -> tags; author / dc:creator -> authors. Problem paths
//! count from 0: `items[0]` is the first `<item>`, `entries[0]` the first Atom `<entry>`.

use super::encoding;
use super::xml::{attributes, Broken, Token, Tokens};
use super::{date_or_undated, summary_from, title_or_text, LoadError, Parsed, Problem, UniqueIds};
use crate::model::{derive_id, Feed, Image, Link, NewsItem, SharedStr};
use crate::text::{collapse_whitespace, decode_entities, html_to_text, shorten};
use crate::urls::Links;
use std::borrow::Cow;
use std::ops::Range;

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

/// What a file's root element says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    /// `<rss>`: RSS 2.0 or 0.9x.
    Rss,
    /// `<rdf:RDF>`: RSS 1.0.
    Rdf,
    /// `<feed>`: Atom.
    Atom,
    /// XML (or HTML) with another root element, named here.
    OtherXml(String),
    /// Not XML.
    NotXml,
}

/// Looks at the start of a file for its root element, past a byte order mark, the XML
/// declaration, comments, processing instructions (stylesheets) and a doctype: the reader's own
/// tokenizer, stopped at the first element.
pub fn sniff(head: &[u8]) -> Sniffed {
    // UTF-16 (a byte order mark says so): looked at as the text it is.
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        let head = &head[..head.len() & !1];
        return sniff(encoding::decode(head).0.as_bytes());
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    // The head may end inside a character: what comes before it.
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
    };
    for token in Tokens::new(text) {
        match token {
            Ok(Token::Text(text)) if text.bytes().all(|b| b.is_ascii_whitespace()) => {}
            Ok(Token::DocType(_)) => {}
            Ok(Token::Text(_)) => return Sniffed::NotXml,
            Ok(Token::Start { name, .. }) => {
                return match name.rsplit(':').next().unwrap_or_default() {
                    "rss" => Sniffed::Rss,
                    "RDF" => Sniffed::Rdf,
                    "feed" => Sniffed::Atom,
                    _ => Sniffed::OtherXml(name.to_ascii_lowercase()),
                };
            }
            // An end tag or CDATA first, or a head that ends inside a long comment or doctype:
            // nothing more than "XML".
            Ok(_) | Err(_) => return Sniffed::OtherXml(String::new()),
        }
    }
    Sniffed::NotXml
}

/// Elements nested deeper than this end the reading (an item is a few levels deep; a file
/// nested a million deep would otherwise take that much stack to drop).
const MAX_DEPTH: usize = 256;

/// Namespaces read by their usual prefix, whatever prefix a feed gives them.
const KNOWN: [(&str, &str); 10] = [
    ("http://www.w3.org/2005/Atom", "atom"),
    ("http://purl.org/rss/1.0/modules/content/", "content"),
    ("http://purl.org/dc/elements/1.1/", "dc"),
    ("http://purl.org/dc/terms/", "dcterms"),
    ("http://search.yahoo.com/mrss/", "media"),
    ("http://search.yahoo.com/mrss", "media"),
    ("http://www.itunes.com/dtds/podcast-1.0.dtd", "itunes"),
    ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"),
    ("http://www.w3.org/1999/xhtml", "xhtml"),
    ("http://www.w3.org/XML/1998/namespace", "xml"),
];

/// Namespaces whose elements are the feed's own (no prefix in the names used here): RSS 1.0,
/// RSS 0.90, and Userland's RSS 2.0 namespace. The root element's namespace is one too.
const OWN: [&str; 3] =
    ["http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/", "http://backend.userland.com/rss2"];

/// One element of an item (or of the channel, outside the items), read whole.
#[derive(Debug, Default)]
struct El {
    /// The name used here: `title`, `media:thumbnail`, `atom:link` (see [`Names::name`]).
    name: String,
    /// Attributes: the name as written, and the value with its references decoded.
    attrs: Vec<(String, String)>,
    /// The text directly inside it, references decoded.
    text: String,
    children: Vec<El>,
    /// The markup between its start and end tags, in the file's text.
    inner: Range<usize>,
    /// The `xml:base` in effect for it, if any.
    base: Option<String>,
}

impl El {
    fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(name, _)| name.rsplit(':').next() == Some(local))
            .map(|(_, value)| value.trim())
            .filter(|value| !value.is_empty())
    }

    fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The first child named one of `names` (separated by spaces, in order of preference) that
    /// has some content: text, or elements.
    fn first(&self, names: &str) -> Option<&El> {
        names.split(' ').find_map(|name| {
            self.children.iter().find(|c| c.name == name && (!c.text.trim().is_empty() || !c.children.is_empty()))
        })
    }

    /// [`El::first`] for a text: the element and its trimmed text.
    fn first_text(&self, names: &str) -> Option<(&El, &str)> {
        self.first(names).map(|c| (c, c.text.trim())).filter(|(_, text)| !text.is_empty())
    }

    /// Its content as markup: the text when it has no child elements, else the markup inside
    /// it as written (an RSS description holding unescaped HTML, Atom `type="xhtml"`).
    fn markup<'a>(&'a self, file: &'a str) -> Cow<'a, str> {
        if self.children.is_empty() {
            return Cow::Borrowed(self.text.as_str());
        }
        let inner = file.get(self.inner.clone()).unwrap_or_default();
        // Atom xhtml: the content is inside one <div xmlns="http://www.w3.org/1999/xhtml">.
        if let [div] = self.children.as_slice() {
            if div.name.ends_with("div") && self.text.trim().is_empty() {
                return Cow::Borrowed(file.get(div.inner.clone()).unwrap_or_default());
            }
        }
        Cow::Borrowed(inner)
    }

    /// Whether its content is HTML: `type="html"`/`"xhtml"`/`"text/html"`, child elements, or
    /// an element that is HTML by definition (RSS description, content:encoded).
    fn is_html(&self, by_default: bool) -> bool {
        match self.attr("type").map(str::to_ascii_lowercase) {
            Some(t) if t == "text" || t == "text/plain" => !self.children.is_empty(),
            Some(t) => t.contains("html") || !self.children.is_empty(),
            None => by_default || !self.children.is_empty(),
        }
    }

    /// Its content as plain text.
    fn plain(&self, file: &str, html_by_default: bool) -> String {
        if self.is_html(html_by_default) {
            html_to_text(&self.markup(file))
        } else {
            // Plain text with references that leaked into it (`&amp;#8217;`).
            collapse_whitespace(&decode_entities(&self.text)).into_owned()
        }
    }
}

/// The namespace prefixes in scope, and the names the reader uses for elements.
struct Names {
    /// Declared prefixes (`""` for the default namespace) and their namespaces, innermost last.
    scope: Vec<(String, String)>,
    /// The root element's namespace.
    home: String,
}

impl Names {
    /// Declares the element's `xmlns` attributes; returns how many.
    fn declare(&mut self, attrs: &[(String, String)]) -> usize {
        let before = self.scope.len();
        for (name, value) in attrs {
            if name == "xmlns" {
                self.scope.push((String::new(), value.clone()));
            } else if let Some(prefix) = name.strip_prefix("xmlns:") {
                self.scope.push((prefix.to_string(), value.clone()));
            }
        }
        self.scope.len() - before
    }

    fn namespace(&self, prefix: &str) -> Option<&str> {
        self.scope.iter().rev().find(|(p, _)| p == prefix).map(|(_, ns)| ns.as_str())
    }

    /// The name an element is known by here: its local name for the feed's own elements,
    /// else the usual prefix of its namespace and the local name (`media:thumbnail`). A prefix
    /// never declared keeps its own name.
    fn name(&self, qname: &str) -> String {
        let (prefix, local) = qname.split_once(':').unwrap_or(("", qname));
        let tag = match self.namespace(prefix) {
            Some(ns) if ns == self.home || OWN.contains(&ns) => "",
            Some(ns) => KNOWN.iter().find(|(uri, _)| *uri == ns).map_or(prefix, |(_, tag)| tag),
            None => prefix,
        };
        if tag.is_empty() {
            local.to_string()
        } else {
            format!("{tag}:{local}")
        }
    }
}

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
        fields: Fields { list: "items", id: "guid", published: "pubDate" },
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
                        "rss" => match attrs.iter().find(|(n, _)| n == "version").map(|(_, v)| v.trim()) {
                            Some(v) if v.starts_with("0.9") => XmlFormat::Rss09,
                            _ => XmlFormat::Rss2,
                        },
                        "RDF" => XmlFormat::Rss1,
                        "feed" => XmlFormat::Atom,
                        _ => return Err(LoadError::NotFeed(not_a_feed(&name))),
                    });
                    if format == Some(XmlFormat::Atom) {
                        r.fields = Fields { list: "entries", id: "id", published: "published" };
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
    let Some(el) = building.pop() else { return };
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
            if let Some((mut item, explicit)) = convert(&el, file, links, (&path, &done.fields), &mut done.problems) {
                match done.ids.claim(&mut item, &done.items, explicit, &path, done.fields.id, "item") {
                    Ok(()) => done.items.push(item),
                    Err(problem) => done.problems.push(problem),
                }
            }
        }
        "title" if done.title.is_none() => done.title = Some(el.plain(file, false)).filter(|t| !t.is_empty()),
        "link" | "atom:link" if done.site.is_none() => done.site = page_link(&el, links),
        // RSS 1.0: the channel stands beside the items.
        "channel" => {
            if done.title.is_none() {
                done.title = el.child("title").map(|t| t.plain(file, false)).filter(|t| !t.is_empty());
            }
            if done.site.is_none() {
                done.site = el.children.iter().filter(|c| c.name == "link").find_map(|l| page_link(l, links));
            }
        }
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

/// One item; `None` (with a problem) when it cannot be shown. The flag says whether the id
/// came from the feed rather than being derived.
fn convert(
    el: &El,
    file: &str,
    links: &Links,
    (path, fields): (&str, &Fields),
    problems: &mut Vec<Problem>,
) -> Option<(NewsItem, bool)> {
    // Date: published, else updated. None: "Undated". One that cannot be read: "Undated" too,
    // with a problem.
    let date_field = el
        .first_text("pubDate published dc:date atom:published issued dcterms:issued dcterms:created")
        .or_else(|| el.first_text("updated atom:updated modified dcterms:modified"));
    let date = match date_field {
        Some((field, text)) => date_or_undated(Ok(text), format!("{path}.{}", field.name), problems),
        None => date_or_undated(Err("is missing".into()), format!("{path}.{}", fields.published), problems),
    };

    let summary_el = el.first("description summary atom:summary dc:description itunes:summary");
    let content_el = el.first("content:encoded content atom:content xhtml:body");
    // RSS descriptions are HTML; Atom summaries are text unless they say otherwise.
    let summary_text = summary_el.map(|s| s.plain(file, s.name == "description")).filter(|t| !t.is_empty());
    let content = content_el.and_then(|c| {
        let html = c.is_html(c.name == "content:encoded");
        let body = c.markup(file).trim().to_string();
        // Atom content of another media type (`type="image/png"`) or out of line (`src=`) is not text.
        let textual = c.attr("type").is_none_or(|t| t.contains("text") || t.contains("html") || t.contains("xml"));
        (!body.is_empty() && textual && c.attr("src").is_none()).then_some((body, html))
    });
    let content_text = content
        .as_ref()
        .map(
            |(body, html)| {
                if *html {
                    html_to_text(body)
                } else {
                    collapse_whitespace(&decode_entities(body)).into_owned()
                }
            },
        )
        .filter(|t| !t.is_empty());
    let full_text = summary_text.clone().or_else(|| content_text.clone());

    let own_title = el.first("title atom:title dc:title").map(|t| t.plain(file, false)).filter(|t| !t.is_empty());
    let title = match title_or_text(own_title.map(SharedStr::from), full_text.as_deref(), &path, problems) {
        Ok(title) => title,
        Err(problem) => {
            problems.push(problem);
            return None;
        }
    };

    let summary = full_text.as_deref().map(summary_from).unwrap_or_default();
    let (mut html, mut body) = match &content {
        Some((raw, true)) => (Some(raw.clone()), None),
        Some((_, false)) => (None, content_text.clone().filter(|t| *t != summary)),
        None => (None, None),
    };
    // A long description with no separate content: the list shows its start, and the detail
    // card the whole of it.
    if html.is_none() && body.is_none() {
        if let (Some(text), Some(source)) = (summary_text.as_ref(), summary_el) {
            if *text != summary {
                if source.is_html(source.name == "description") {
                    html = Some(source.markup(file).trim().to_string());
                } else {
                    body = Some(text.clone());
                }
            }
        }
    }

    let rdf_about = (el.name == "item").then(|| el.attr("about")).flatten();
    let id_text = el.first_text("guid id atom:id").map(|(_, t)| t).or(rdf_about);
    let explicit_id = id_text.is_some();
    let id = match id_text {
        Some(id) => collapse_whitespace(id).into_owned(),
        None => derive_id(&date, &title),
    };

    // Link: the first <link> that is the item itself (not comments, not an enclosure).
    let link_el = el.children.iter().find(|c| {
        (c.name == "link" || c.name == "atom:link")
            && matches!(c.attr("rel"), None | Some("alternate"))
            && (c.attr("href").is_some() || !c.text.trim().is_empty())
    });
    let url = match link_el {
        Some(link) => {
            let href = link.attr("href").unwrap_or(link.text.trim());
            let safe = usable(href, link, links);
            if safe.is_none() {
                problems.push(warn(
                    path,
                    &link.name,
                    format!("\"{}\" is not an http(s) or relative link; ignored", shorten(href)),
                ));
            }
            safe
        }
        // An RSS <guid> is a permalink unless it says otherwise: use it when it is a web address.
        None => el
            .child("guid")
            .filter(|g| g.attr("isPermaLink") != Some("false"))
            .map(|g| g.text.trim())
            .filter(|id| id.starts_with("https://") || id.starts_with("http://"))
            .and_then(|id| usable(id, el, links)),
    };

    let html_for_img = content
        .as_ref()
        .filter(|(_, html)| *html)
        .map(|(raw, _)| Cow::Borrowed(raw.as_str()))
        .or_else(|| summary_el.filter(|s| s.is_html(s.name == "description")).map(|s| s.markup(file)));
    let image = image(el, file, links, (path, &title), html_for_img.as_deref(), problems);

    let mut tags: Vec<String> = Vec::new();
    for category in
        el.children.iter().filter(|c| matches!(c.name.as_str(), "category" | "atom:category" | "dc:subject"))
    {
        let label = category.attr("label").or(category.attr("term")).unwrap_or(category.text.trim());
        let tag = collapse_whitespace(&decode_entities(label)).into_owned();
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let mut authors: Vec<String> = Vec::new();
    for person in el
        .children
        .iter()
        .filter(|c| matches!(c.name.as_str(), "author" | "atom:author" | "dc:creator" | "itunes:author"))
    {
        let name = match person.first_text("name atom:name email atom:email") {
            Some((_, name)) => name.to_string(),
            // RSS: "jane@example.org (Jane Doe)".
            None => {
                let text = person.text.trim();
                match text.split_once('(') {
                    Some((email, name)) if email.contains('@') => name.trim_end_matches(')').to_string(),
                    _ => text.to_string(),
                }
            }
        };
        let name = collapse_whitespace(&decode_entities(&name)).into_owned();
        if !name.is_empty() && !authors.contains(&name) {
            authors.push(name);
        }
    }

    let (id, summary) = (SharedStr::from(id), SharedStr::from(summary));
    let (body, html, url) = (body.map(SharedStr::from), html.map(SharedStr::from), url.map(Link::from));
    Some((
        NewsItem { id, date, title, summary, body, html, url, image, tags, authors, origin: None }.compact(),
        explicit_id,
    ))
}

/// How much an element is preferred as the item's picture (lower first), and its address, or
/// `None` when it is not a picture.
fn picture_rank(c: &El) -> Option<(u8, &str)> {
    let is_image = |src: &str| match (c.attr("medium"), c.attr("type")) {
        (Some(medium), _) => medium.eq_ignore_ascii_case("image"),
        (None, Some(mime)) => mime.to_ascii_lowercase().starts_with("image/"),
        (None, None) => looks_like_image(src),
    };
    let (rank, src) = match c.name.as_str() {
        "media:thumbnail" => (0, c.attr("url")?),
        "media:content" => (1, c.attr("url")?),
        "enclosure" => (2, c.attr("url")?),
        "itunes:image" => return Some((3, c.attr("href")?)),
        "link" | "atom:link" if c.attr("rel") == Some("enclosure") => (4, c.attr("href")?),
        _ => return None,
    };
    (rank == 0 || is_image(src)).then_some((rank, src))
}

/// A picture found: its rank, address, element, and the elements around it.
type Picture<'a> = (u8, &'a str, &'a El, [Option<&'a El>; 3]);

/// Keeps `c` as the best picture so far if it is one and ranks higher.
fn consider<'a>(best: &mut Option<Picture<'a>>, c: &'a El, parents: [Option<&'a El>; 3]) {
    if let Some((rank, src)) = picture_rank(c) {
        if best.as_ref().is_none_or(|(r, ..)| rank < *r) {
            *best = Some((rank, src, c, parents));
        }
    }
}

/// The item's picture, looked for as feed readers do, in order: a `media:thumbnail` (of the
/// item, a `media:group` or a `media:content`); an image `media:content`; an image
/// `<enclosure>`; `itunes:image`; an Atom `<link rel="enclosure">` to an image; else the first
/// `<img>` in the item's HTML (`html`). Its alt text is the nearest `media:description` (the
/// picture's own, its parent's, the item's), else the `<img>`'s alt, else the item's title.
fn image(
    el: &El,
    file: &str,
    links: &Links,
    (path, title): (&str, &str),
    html: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Option<Image> {
    // One walk over the item, its media:groups and media:contents, two levels down at most,
    // keeping the best picture and the elements its alt text may come from.
    let mut best: Option<Picture<'_>> = None;
    for c in &el.children {
        consider(&mut best, c, [Some(el), None, None]);
        if c.name == "media:group" || c.name == "media:content" {
            for g in &c.children {
                consider(&mut best, g, [Some(c), Some(el), None]);
                if g.name == "media:content" {
                    for t in &g.children {
                        consider(&mut best, t, [Some(g), Some(c), Some(el)]);
                    }
                }
            }
        }
    }
    let (src, alt, found, size) = match best {
        Some((_, src, found, parents)) => {
            let alt = [Some(found), parents[0], parents[1], parents[2]]
                .into_iter()
                .flatten()
                .find_map(|scope| scope.child("media:description").map(|d| d.plain(file, false)))
                .filter(|d| !d.is_empty());
            (Cow::Borrowed(src), alt, Some(found), found.attr("length").or(found.attr("fileSize")))
        }
        None => {
            let (src, alt) = first_img(html?)?;
            (Cow::Owned(src), alt.filter(|a| !a.is_empty()), None, None)
        }
    };
    let Some(usable_src) = usable(&src, found.unwrap_or(el), links) else {
        let field = found.map_or("img", |f| f.name.as_str());
        let message =
            format!("\"{}\" is not an http(s) or relative URL; the item shows without an image", shorten(&src));
        problems.push(warn(path, field, message));
        return None;
    };
    let dimension = |name: &str| found?.attr(name)?.parse::<u32>().ok().filter(|n| (1..=20_000).contains(n));
    // Bytes to KB (1,024), two decimals, as the news page states sizes ("55.76KB").
    let size_kb = size.and_then(|b| b.parse::<u64>().ok()).filter(|b| *b > 0);
    let size_kb = size_kb.map(|b| (b as f64 / 1024.0 * 100.0).round() / 100.0);
    Some(Image {
        src: Link::from(usable_src),
        alt: alt.unwrap_or_else(|| title.to_string()).into(),
        size_kb,
        width: dimension("width"),
        height: dimension("height"),
    })
}

/// The `src` and `alt` of the first `<img>` in an HTML fragment, references decoded.
fn first_img(html: &str) -> Option<(String, Option<String>)> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<img").map(|i| i + from) {
        from = at + 4;
        // Without a '>' no later tag can end either: this one is the last looked at (else a
        // run of `<img<img<img` would be read again from each).
        let closed = lower[at..].find('>').map(|i| i + at);
        let end = closed.unwrap_or(lower.len());
        if closed.is_none() {
            from = lower.len();
        }
        // `<img` followed by a space, a slash or the end of the tag (not `<imgx`).
        if !lower[from..end].starts_with(|c: char| c.is_ascii_whitespace() || c == '/') {
            continue;
        }
        let attrs = attributes(html.get(at + 4..end)?);
        let find = |name: &str| {
            attrs.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| decode_entities(v).trim().to_string())
        };
        if let Some(src) = find("src").filter(|s| !s.is_empty()) {
            return Some((src, find("alt")));
        }
    }
    None
}

fn looks_like_image(src: &str) -> bool {
    let path = src.split(['?', '#']).next().unwrap_or_default().to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"].iter().any(|ext| path.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::ItemDate;

    fn read_str(xml: &str) -> XmlFeed {
        read(xml.as_bytes(), &Links::relative_to("https://news.example/feeds/feed.xml"), |_| {}).expect("a feed")
    }

    fn problems(feed: &XmlFeed) -> Vec<String> {
        feed.parsed.problems.iter().map(ToString::to_string).collect()
    }

    fn titles(feed: &XmlFeed) -> Vec<&str> {
        feed.parsed.feed.items.iter().map(|i| i.title.as_str()).collect()
    }

    #[test]
    fn sniffs_the_root_element() {
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<!-- c -->\n<?xml-stylesheet href=\"s.xsl\"?><rss version=\"2.0\">"),
            Sniffed::Rss
        );
        assert_eq!(sniff(b"\xEF\xBB\xBF  <feed xmlns=\"http://www.w3.org/2005/Atom\">"), Sniffed::Atom);
        assert_eq!(sniff(b"<rdf:RDF xmlns:rdf=\"x\">"), Sniffed::Rdf);
        assert_eq!(sniff(b"<!DOCTYPE html>\n<HTML><body>"), Sniffed::OtherXml("html".into()));
        assert_eq!(sniff(b"<!DOCTYPE rss [<!ENTITY a \"x\"><!ENTITY b \"&a;\">]>\n<rss>"), Sniffed::Rss);
        assert_eq!(sniff(b"{\"items\": []}"), Sniffed::NotXml);
        assert_eq!(sniff(b""), Sniffed::NotXml);
        assert_eq!(sniff(b"<!-- never closed"), Sniffed::OtherXml(String::new()));
    }

    #[test]
    fn rss_items_follow_the_shared_rules_for_ids_and_titles() {
        let feed = read_str(
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Blog &amp; co</title><link>/</link>
          <item><guid>a</guid><title>One</title><pubDate>Wed, 19 Mar 2025 10:00:00 +0000</pubDate></item>
          <item><guid>a</guid><title>Two</title><pubDate>Wed, 19 Mar 2025 11:00:00 +0000</pubDate></item>
          <item><title>Same</title><pubDate>Tue, 18 Mar 2025 10:00:00 +0000</pubDate></item>
          <item><title>Same</title><pubDate>Tue, 18 Mar 2025 10:00:00 +0000</pubDate></item>
          <item><description>Only words here.</description><pubDate>Mon, 17 Mar 2025 10:00:00 +0000</pubDate></item>
          <item><pubDate>Mon, 17 Mar 2025 10:00:00 +0000</pubDate></item>
        </channel></rss>"#,
        );
        assert_eq!(feed.format, XmlFormat::Rss2);
        assert_eq!(feed.parsed.feed.title.as_deref(), Some("Blog & co"));
        assert_eq!(feed.parsed.feed.site.as_deref(), Some("https://news.example/"));
        let ids: Vec<&str> = feed.parsed.feed.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["a", "2025-03-18-same", "2025-03-18-same-2", "2025-03-17-only-words-here"]);
        assert_eq!(feed.parsed.feed.items[3].title, "Only words here.");
        assert_eq!(
            problems(&feed),
            [
                "items[1].guid: \"a\" is used by an earlier item; ids must be unique",
                "items[4].title: is missing; the start of the text is used instead",
                "items[5].title: is missing and the item has no text to show",
            ]
        );
        assert_eq!(feed.parsed.skipped(), 2);
    }

    #[test]
    fn sloppy_feeds_are_read_as_feed_readers_read_them() {
        // Undeclared prefixes, HTML entities, CDATA, a stray ampersand, a mismatched end tag.
        let feed = read_str(
            "<rss version=\"2.0\"><channel><title>L&eacute;a&rsquo;s&nbsp;news</title>
            <item><title>AT&T &amp; Caf&eacute; &#8220;ok&#x201D; &bogus;</title>
              <media:thumbnail url=\"https://img.example/a.jpg\" width=\"120\" height=\"80\"/>
              <media:description>A cat</media:description>
              <description><![CDATA[<p>Inside <b>CDATA</b> & still text</p>]]></description>
              <pubDate>Wed, 19 Mar 2025 10:00 GMT</pubDate></item>
            <item><title>Mismatched <b>end</B></title><pubDate>19 Mar 2025 10:00:00 EST</pubDate></item>
            </channel></rss>",
        );
        assert_eq!(feed.parsed.feed.title.as_deref(), Some("Léa’s news"), "&nbsp; is a space in a title");
        assert_eq!(titles(&feed), ["AT&T & Café “ok” &bogus;", "Mismatched end"]);
        let first = &feed.parsed.feed.items[0];
        assert_eq!(first.summary, "Inside CDATA & still text");
        let image = first.image.as_ref().expect("the undeclared media: thumbnail");
        assert_eq!((image.src.to_string().as_str(), image.alt.as_str()), ("https://img.example/a.jpg", "A cat"));
        assert_eq!((image.width, image.height), (Some(120), Some(80)));
        assert!(problems(&feed).is_empty(), "{:?}", problems(&feed));
    }

    #[test]
    fn every_date_form_real_feeds_use_lands_on_its_day() {
        let item = |date: &str| format!("<item><title>{date}</title><pubDate>{date}</pubDate></item>");
        let forms = [
            "Wed, 19 Mar 2025 10:00:00 +0000",
            "Wed, 19 Mar 2025 10:00 GMT",
            "19 Mar 2025 10:00:00 EST",
            "Wed, 19 Mar 2025 10:00:00 UT",
            "Wed, 19 Mar 2025 23:30:00 PDT",
            "2025-03-19T10:00:00Z",
            "2025-03-19T10:00:00.123+02:00",
            "2025-03-19T10:00:00+0200",
            "2025-03-19 10:00:00",
            "2025/3/19 14:33:00",
            "2025-03-19",
        ];
        let xml = format!("<rss><channel>{}</channel></rss>", forms.map(item).concat());
        let feed = read_str(&xml);
        assert!(problems(&feed).is_empty(), "{:?}", problems(&feed));
        for item in &feed.parsed.feed.items {
            assert_eq!(item.date.iso_date().as_deref(), Some("2025-03-19"), "{}", item.title);
        }
        let rdf = read_str(
            r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                 xmlns:d="http://purl.org/dc/elements/1.1/">
               <channel rdf:about="https://x.example/"><title>RDF</title><link>https://x.example/</link></channel>
               <item rdf:about="https://x.example/1"><title>One</title><link>https://x.example/1</link>
                 <d:date>2020-01-10T14:33:00+01:00</d:date><d:subject>Science</d:subject><d:creator>Ann</d:creator></item>
             </rdf:RDF>"#,
        );
        assert_eq!(rdf.format, XmlFormat::Rss1);
        assert_eq!(rdf.parsed.feed.title.as_deref(), Some("RDF"));
        let one = &rdf.parsed.feed.items[0];
        assert_eq!((one.id.as_str(), one.date.iso_date().as_deref()), ("https://x.example/1", Some("2020-01-10")));
        assert_eq!((one.tags.clone(), one.authors.clone()), (vec!["Science".to_string()], vec!["Ann".to_string()]));
    }

    #[test]
    fn an_item_whose_date_cannot_be_read_is_undated_never_lost() {
        let feed = read_str(
            "<rss><channel><item><title>Soon</title><pubDate>sometime soon</pubDate></item>
             <item><title>None</title></item></channel></rss>",
        );
        assert_eq!(titles(&feed), ["Soon", "None"]);
        assert!(feed.parsed.feed.items.iter().all(|i| i.date == ItemDate::Undated));
        assert_eq!(
            problems(&feed),
            [
                "items[0].pubDate: \"sometime soon\" is not a date (expected YYYY-MM-DD or an RFC 3339 date-time); the item is shown under \"Undated\"",
                "items[1].pubDate: is missing; the item is shown under \"Undated\"",
            ]
        );
        assert_eq!(feed.parsed.skipped(), 0);
    }

    #[test]
    fn atom_text_constructs_bases_and_links() {
        let feed = read_str(
            r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/">
              <title type="html">Ben &amp;lt;3 Jerry</title><link href="/" /><link rel="self" href="/atom.xml"/>
              <entry xml:base="posts/"><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Hello <b>there</b></div></title>
                <id>tag:1</id><link href="one.html"/><updated>2025-03-02T00:00:00Z</updated><published>2025-03-01T00:00:00Z</published>
                <summary type="html">&lt;p&gt;An &lt;em&gt;HTML&lt;/em&gt; summary.&lt;/p&gt;</summary>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body <img src="pic.png" alt="Pic"/></p></div></content>
                <category term="t" label="Topic"/><author><name>Ann</name></author></entry>
              <entry><title>Plain &amp;amp; text</title><id>tag:2</id><link rel="alternate" href="two.html"/>
                <link rel="enclosure" type="image/png" href="https://img.example/l.png"/>
                <updated>2025-02-01T00:00:00Z</updated><content type="text">Just   text</content></entry>
            </feed>"#,
        );
        assert_eq!(feed.format, XmlFormat::Atom);
        assert_eq!(feed.parsed.feed.title.as_deref(), Some("Ben <3 Jerry"));
        assert_eq!(feed.parsed.feed.site.as_deref(), Some("https://blog.example/"));
        assert_eq!(titles(&feed), ["Hello there", "Plain & text"]);
        let [one, two] = feed.parsed.feed.items.as_slice() else { panic!("two entries") };
        assert_eq!(one.date.iso_date().as_deref(), Some("2025-03-01"), "published before updated");
        assert_eq!(one.url.as_ref().map(ToString::to_string).as_deref(), Some("https://blog.example/posts/one.html"));
        assert_eq!(one.summary, "An HTML summary.");
        assert_eq!(one.html.as_deref(), Some(r#"<p>Body <img src="pic.png" alt="Pic"/></p>"#));
        let image = one.image.as_ref().expect("the content's first img");
        assert_eq!((image.src.to_string().as_str(), image.alt.as_str()), ("https://blog.example/posts/pic.png", "Pic"));
        assert_eq!(
            (one.tags.as_slice(), one.authors.as_slice()),
            (&["Topic".to_string()][..], &["Ann".to_string()][..])
        );
        assert_eq!(two.url.as_ref().map(ToString::to_string).as_deref(), Some("https://blog.example/two.html"));
        assert_eq!((two.summary.as_str(), two.body.as_deref()), ("Just text", None));
        assert_eq!(two.image.as_ref().map(|i| i.src.to_string()).as_deref(), Some("https://img.example/l.png"));
    }

    #[test]
    fn images_are_looked_for_in_the_order_feed_readers_use() {
        let item = |inner: &str| format!("<item><title>t</title>{inner}</item>");
        let cases = [
            (
                r#"<media:group><media:content url="https://i.example/c.jpg" medium="image"><media:description>In group</media:description></media:content></media:group><media:thumbnail url="https://i.example/t.jpg"/><media:description>Item alt</media:description>"#,
                "https://i.example/t.jpg",
                "Item alt",
            ),
            (
                r#"<enclosure url="https://i.example/e.jpg" type="image/jpeg" length="2048"/><media:content url="https://i.example/c.jpg" type="image/jpeg"><media:description>Content alt</media:description></media:content>"#,
                "https://i.example/c.jpg",
                "Content alt",
            ),
            (
                r#"<enclosure url="https://i.example/a.mp3" type="audio/mpeg"/><itunes:image href="https://i.example/i.jpg"/><enclosure url="https://i.example/e.jpg" type="image/jpeg"/>"#,
                "https://i.example/e.jpg",
                "t",
            ),
            (
                r#"<itunes:image href="https://i.example/i.jpg"/><description>&lt;img src="https://i.example/d.jpg"&gt;</description>"#,
                "https://i.example/i.jpg",
                "t",
            ),
            (
                r#"<content:encoded><![CDATA[<p>x <IMG ALT="First alt" SRC="/first.jpg"> <img src="/second.jpg"></p>]]></content:encoded>"#,
                "https://news.example/first.jpg",
                "First alt",
            ),
        ];
        let xml = format!(
            "<rss><channel>{}</channel></rss>",
            cases.iter().map(|(inner, _, _)| item(inner)).collect::<String>()
        );
        let feed = read_str(&xml);
        for (item, (inner, src, alt)) in feed.parsed.feed.items.iter().zip(cases) {
            let image = item.image.as_ref().unwrap_or_else(|| panic!("an image in {inner}"));
            assert_eq!((image.src.to_string().as_str(), image.alt.as_str()), (src, alt), "{inner}");
        }
        assert_eq!(feed.parsed.feed.items[1].image.as_ref().and_then(|i| i.size_kb), None);
        let unsafe_image = read_str(
            r#"<rss><channel><item><title>x</title><media:thumbnail url="javascript:alert(1)"/></item></channel></rss>"#,
        );
        assert!(unsafe_image.parsed.feed.items[0].image.is_none());
        assert!(problems(&unsafe_image).contains(&"items[0].media:thumbnail: \"javascript:alert(1)\" is not an http(s) or relative URL; the item shows without an image".to_string()));
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

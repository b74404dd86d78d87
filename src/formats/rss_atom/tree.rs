//! The small element tree items are read into, and the names its elements are known by: what
//! every dialect's items share before they become a [`crate::model::NewsItem`] (see
//! [`super::item`]).

use super::atom;
use crate::formats::xml::{Token, Tokens};
use crate::text::{collapse_whitespace, decode_entities, html_to_text};
use std::borrow::Cow;
use std::ops::Range;

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
pub(super) struct El {
    /// The name used here: `title`, `media:thumbnail`, `atom:link` (see [`Names::name`]).
    pub(super) name: String,
    /// Attributes: the name as written, and the value with its references decoded.
    pub(super) attrs: Vec<(String, String)>,
    /// The text directly inside it, references decoded.
    pub(super) text: String,
    pub(super) children: Vec<El>,
    /// The markup between its start and end tags, in the file's text.
    pub(super) inner: Range<usize>,
    /// The `xml:base` in effect for it, if any.
    pub(super) base: Option<String>,
}

impl El {
    pub(super) fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(name, _)| name.rsplit(':').next() == Some(local))
            .map(|(_, value)| value.trim())
            .filter(|value| !value.is_empty())
    }

    pub(super) fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The first child named one of `names` (separated by spaces, in order of preference) that
    /// has some content: text, or elements.
    pub(super) fn first(&self, names: &str) -> Option<&El> {
        names.split(' ').find_map(|name| {
            self.children.iter().find(|c| c.name == name && (!c.text.trim().is_empty() || !c.children.is_empty()))
        })
    }

    /// [`El::first`] for a text: the element and its trimmed text.
    pub(super) fn first_text(&self, names: &str) -> Option<(&El, &str)> {
        self.first(names).map(|c| (c, c.text.trim())).filter(|(_, text)| !text.is_empty())
    }

    /// Its content as markup: the text when it has no child elements, else the markup inside
    /// it as written (an RSS description holding unescaped HTML, Atom `type="xhtml"`), made
    /// HTML by [`as_html`]. The text of XHTML is text: what it escapes (`&lt;blink&gt;`) stays
    /// escaped.
    pub(super) fn markup<'a>(&'a self, file: &'a str) -> Cow<'a, str> {
        if self.children.is_empty() {
            if atom::is_xhtml(self) {
                return Cow::Owned(escape(&self.text));
            }
            return Cow::Borrowed(self.text.as_str());
        }
        let inner = file.get(self.inner.clone()).unwrap_or_default();
        // Atom xhtml: the content is inside one <div xmlns="http://www.w3.org/1999/xhtml">.
        if let Some(div) = atom::xhtml_div(self) {
            return as_html(file.get(div.inner.clone()).unwrap_or_default());
        }
        as_html(inner)
    }

    /// Whether its content is HTML: `type="html"`/`"xhtml"`/`"text/html"`, child elements, or
    /// an element that is HTML by definition (RSS description, content:encoded).
    pub(super) fn is_html(&self, by_default: bool) -> bool {
        match self.attr("type").map(str::to_ascii_lowercase) {
            Some(t) if t == "text" || t == "text/plain" => !self.children.is_empty(),
            Some(t) => t.contains("html") || !self.children.is_empty(),
            None => by_default || !self.children.is_empty(),
        }
    }

    /// Its content as plain text.
    pub(super) fn plain(&self, file: &str, html_by_default: bool) -> String {
        if self.is_html(html_by_default) {
            html_to_text(&self.markup(file))
        } else {
            // Plain text with references that leaked into it (`&amp;#8217;`).
            collapse_whitespace(&decode_entities(&self.text)).into_owned()
        }
    }
}

/// Text as HTML that shows it: `&`, `<` and `>` escaped.
fn escape(text: &str) -> String {
    let mut html = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            c => html.push(c),
        }
    }
    html
}

/// Markup as written in the file (XML) as HTML: a CDATA section is text, so it is escaped; a
/// prefixed element (`<xhtml:p>`, as feeds often write XHTML) loses its prefix, as feedparser's
/// do (HTML reads `xhtml:p` as an unknown element, which the card leaves out whole). Comments
/// are dropped then, as the card drops them. Markup with neither (most of it) is not copied.
fn as_html(markup: &str) -> Cow<'_, str> {
    let prefixed = |tag: &str| {
        let name = tag.strip_prefix('/').unwrap_or(tag);
        name.split(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/').next().is_some_and(|n| n.contains(':'))
    };
    if !markup.contains("<![CDATA[") && !markup.split('<').skip(1).any(prefixed) {
        return Cow::Borrowed(markup);
    }
    let mut html = String::with_capacity(markup.len());
    for token in Tokens::new(markup) {
        match token {
            Ok(Token::Start { name, attrs, empty }) => {
                html.push('<');
                html.push_str(local_name(name));
                html.push_str(attrs);
                html.push_str(if empty { "/>" } else { ">" });
            }
            Ok(Token::End(name)) => {
                html.push_str("</");
                html.push_str(local_name(name));
                html.push('>');
            }
            Ok(Token::Text(text)) => html.push_str(text),
            Ok(Token::CData(text)) => html.push_str(&escape(text)),
            Ok(Token::DocType(_)) => {}
            // It was read from the file without breaking, so it does not; if it did, as written.
            Err(_) => return Cow::Borrowed(markup),
        }
    }
    Cow::Owned(html)
}

/// A name without its prefix: `p` for `xhtml:p`.
fn local_name(qname: &str) -> &str {
    qname.rsplit(':').next().unwrap_or(qname)
}

/// The namespace prefixes in scope, and the names the reader uses for elements.
pub(super) struct Names {
    /// Declared prefixes (`""` for the default namespace) and their namespaces, innermost last.
    pub(super) scope: Vec<(String, String)>,
    /// The root element's namespace.
    pub(super) home: String,
}

impl Names {
    /// Declares the element's `xmlns` attributes; returns how many.
    pub(super) fn declare(&mut self, attrs: &[(String, String)]) -> usize {
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

    pub(super) fn namespace(&self, prefix: &str) -> Option<&str> {
        self.scope.iter().rev().find(|(p, _)| p == prefix).map(|(_, ns)| ns.as_str())
    }

    /// The name an element is known by here: its local name for the feed's own elements,
    /// else the usual prefix of its namespace and the local name (`media:thumbnail`). A prefix
    /// never declared keeps its own name.
    pub(super) fn name(&self, qname: &str) -> String {
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

//! Which kind of file this is, from its first bytes: RSS, RSS 1.0 (RDF), Atom, other XML (a web
//! page), or not XML at all (JSON, a listing). Kept apart from the readers: the entry points
//! ([`super::parse_any_with`], the command line's `input`) look here first, then hand the file
//! to the reader it names.

use super::encoding;
use super::xml::{Token, Tokens};

/// The bytes looked at to tell XML and HTML from JSON.
pub const SNIFF_BYTES: usize = 64 * 1024;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}

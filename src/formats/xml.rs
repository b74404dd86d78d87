//! A small, lenient XML tokenizer for feeds: tags, text, CDATA and the DOCTYPE, nothing more.
//!
//! Hand-written rather than quick-xml, for size: the same feed reader on quick-xml's event reader
//! made the wasm 9.7 KB larger gzipped (bench/RESULTS.md). Feeds need no
//! more than this: the reader ([`super::rss_atom`]) resolves namespaces, matches end tags
//! leniently and decodes references itself (HTML's named ones too, which an XML parser would
//! refuse). It never expands an entity a DOCTYPE declares, nor fetches anything.

/// One piece of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// `<name attrs>` or `<name attrs/>` (`empty`); `attrs` as written.
    Start { name: &'a str, attrs: &'a str, empty: bool },
    /// `</name>`.
    End(&'a str),
    /// Text between tags, as written: references not decoded yet.
    Text(&'a str),
    /// The inside of `<![CDATA[ ... ]]>`.
    CData(&'a str),
    /// The inside of `<!DOCTYPE ... >`, internal subset included.
    DocType(&'a str),
}

/// Where and why the XML breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// Byte offset in the file.
    pub at: usize,
    pub reason: &'static str,
}

/// The tokens of a file, in order; a [`Broken`] ends them.
pub struct Tokens<'a> {
    src: &'a str,
    pos: usize,
    /// Where the last token started.
    pub start: usize,
}

impl<'a> Tokens<'a> {
    pub fn new(src: &'a str) -> Self {
        Tokens { src, pos: 0, start: 0 }
    }

    /// Where the next token starts: the end of the last one.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// The rest from `pos` up to `end`, with the position after it; `None` if `end` never comes.
    fn until(&self, from: usize, end: &str) -> Option<(&'a str, usize)> {
        let rest = self.src.get(from..)?;
        let at = rest.find(end)?;
        Some((&rest[..at], from + at + end.len()))
    }

    fn broken(&mut self, reason: &'static str) -> Option<Result<Token<'a>, Broken>> {
        let at = self.pos;
        self.pos = self.src.len();
        Some(Err(Broken { at, reason }))
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Result<Token<'a>, Broken>;

    fn next(&mut self) -> Option<Self::Item> {
        // A loop rather than recursion past comments and processing instructions: a file of
        // a hundred thousand comments would otherwise take as many stack frames.
        loop {
            let src = self.src;
            let rest = src.get(self.pos..).filter(|r| !r.is_empty())?;
            self.start = self.pos;
            if !starts_markup(rest) {
                // Text up to the next tag; a '<' that starts no tag ("a < b", "<3") stays text.
                let mut end = rest.len();
                let mut from = rest.chars().next().map_or(1, char::len_utf8);
                while let Some(at) = rest.get(from..).and_then(|r| r.find('<')).map(|i| i + from) {
                    if starts_markup(&rest[at..]) {
                        end = at;
                        break;
                    }
                    from = at + 1;
                }
                self.pos += end;
                return Some(Ok(Token::Text(&rest[..end])));
            }
            // Comments and processing instructions are passed over.
            let skipped =
                [("<!--", "-->", "a comment is not closed"), ("<?", "?>", "a processing instruction is not closed")]
                    .into_iter()
                    .find(|(open, ..)| rest.starts_with(open));
            if let Some((open, close, reason)) = skipped {
                match self.until(self.pos + open.len(), close) {
                    Some((_, next)) => self.pos = next,
                    None => return self.broken(reason),
                }
                continue;
            }
            let token = if rest.starts_with("<![CDATA[") {
                match self.until(self.pos + 9, "]]>") {
                    Some((text, next)) => {
                        self.pos = next;
                        Token::CData(text)
                    }
                    None => return self.broken("a CDATA section is not closed"),
                }
            } else if rest.starts_with("<!") {
                let Some(end) = declaration_end(rest) else { return self.broken("a declaration is not closed") };
                self.pos += end + 1;
                Token::DocType(&rest[2..end])
            } else if let Some(name) = rest.strip_prefix("</") {
                let Some(end) = name.find('>') else { return self.broken("an end tag is not closed") };
                self.pos += end + 3;
                Token::End(name[..end].trim())
            } else {
                let Some(end) = tag_end(rest) else { return self.broken("a tag is not closed") };
                self.pos += end + 1;
                let inner = &rest[1..end];
                let (inner, empty) = match inner.strip_suffix('/') {
                    Some(inner) => (inner, true),
                    None => (inner, false),
                };
                let split = inner.find(|c: char| c.is_ascii_whitespace()).unwrap_or(inner.len());
                Token::Start { name: &inner[..split], attrs: &inner[split..], empty }
            };
            return Some(Ok(token));
        }
    }
}

/// The index of the '>' that ends a declaration at the start of `s` (`<!DOCTYPE …>`), after its
/// internal subset (`[…]`, which has '>'s of its own) when it has one: the first `]` followed,
/// after any white space, by `>`. Looks no further than it must, so that a file of many
/// declarations is read in one pass.
pub(crate) fn declaration_end(s: &str) -> Option<usize> {
    let close = s.find('>')?;
    let Some(open) = s[..close].find('[') else { return Some(close) };
    let mut from = open;
    while let Some(at) = s[from..].find(']').map(|i| i + from) {
        let after = s[at + 1..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        if after.starts_with('>') {
            return Some(s.len() - after.len());
        }
        from = at + 1;
    }
    // A subset that never ends: the declaration ends at its first '>'.
    Some(close)
}

/// Whether `s` starts markup: a '<' followed by a name, `/`, `!` or `?` (not a stray '<').
fn starts_markup(s: &str) -> bool {
    if !s.starts_with('<') {
        return false;
    }
    match s.as_bytes().get(1) {
        Some(b'/' | b'!' | b'?' | b'_' | b':') => true,
        Some(b) => b.is_ascii_alphabetic() || *b >= 0x80,
        None => false,
    }
}

/// The index of the '>' that closes the tag at the start of `s`, skipping quoted values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (at, b) in s.bytes().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(at),
            // A tag never holds another: this one is not closed.
            (None, b'<') if at > 0 => return None,
            _ => {}
        }
    }
    None
}

/// The attributes of a start tag as written (`a="1" b='2' c=3 d`): names, and values with their
/// references still in them. Lenient about quotes and repeats, as HTML is.
pub fn attributes(mut s: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if s.is_empty() {
            return out;
        }
        let name_end = s.find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/').unwrap_or(s.len());
        let (name, rest) = s.split_at(name_end);
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let Some(value) = rest.strip_prefix('=') else {
            out.push((name, ""));
            s = rest;
            continue;
        };
        let value = value.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let (text, after) = match value.as_bytes().first() {
            Some(&q @ (b'"' | b'\'')) => match value[1..].find(char::from(q)) {
                Some(end) => (&value[1..end + 1], &value[end + 2..]),
                None => (&value[1..], ""),
            },
            _ => {
                let end = value.find(|c: char| c.is_ascii_whitespace()).unwrap_or(value.len());
                (&value[..end], &value[end..])
            }
        };
        if !name.is_empty() {
            out.push((name, text));
        }
        s = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<Result<Token<'_>, Broken>> {
        Tokens::new(s).collect()
    }

    #[test]
    fn a_doctype_subset_ends_at_a_bracket_then_a_close() {
        assert_eq!(declaration_end("<!DOCTYPE x [ <!ENTITY a \"b>\"> ] >rest"), Some(33));
        assert_eq!(declaration_end("<!DOCTYPE x [ never closed > <a>"), Some(27));
        assert_eq!(declaration_end("<!DOCTYPE x>"), Some(11));
        assert_eq!(declaration_end("<!DOCTYPE x ["), None);
    }

    #[test]
    fn reads_tags_text_cdata_and_the_doctype() {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"x>\">]><!-- c --><rss v='2>'>\
                   <a href=\"x\"/>T &amp; a < b<![CDATA[<p>]]></rss >";
        assert_eq!(
            tokens(xml),
            [
                Ok(Token::DocType("DOCTYPE rss [<!ENTITY a \"x>\">]")),
                Ok(Token::Start { name: "rss", attrs: " v='2>'", empty: false }),
                Ok(Token::Start { name: "a", attrs: " href=\"x\"", empty: true }),
                Ok(Token::Text("T &amp; a < b")),
                Ok(Token::CData("<p>")),
                Ok(Token::End("rss")),
            ]
        );
    }

    #[test]
    fn says_where_it_breaks() {
        assert_eq!(tokens("<a>x<b")[2], Err(Broken { at: 4, reason: "a tag is not closed" }));
        assert_eq!(tokens("<a><!-- x")[1], Err(Broken { at: 3, reason: "a comment is not closed" }));
        assert_eq!(tokens("<a><![CDATA[x")[1], Err(Broken { at: 3, reason: "a CDATA section is not closed" }));
        assert_eq!(tokens("<a></a")[1], Err(Broken { at: 3, reason: "an end tag is not closed" }));
        assert_eq!(tokens("<a <b>")[0], Err(Broken { at: 0, reason: "a tag is not closed" }));
        assert!(tokens("").is_empty());
        // A '<' that starts no tag is text, at the start of a text too.
        assert_eq!(tokens("<t><3 a < b</t>")[1], Ok(Token::Text("<3 a < b")));
        // Many comments, declarations or unclosed images: one pass, no deep recursion.
        let many = "<!---->".repeat(200_000) + "<a/>";
        assert_eq!(Tokens::new(&many).count(), 1);
        let declarations = "<!a>".repeat(200_000);
        assert_eq!(Tokens::new(&declarations).count(), 200_000);
        assert_eq!(tokens("é<é>"), [Ok(Token::Text("é")), Ok(Token::Start { name: "é", attrs: "", empty: false })]);
    }

    #[test]
    fn attributes_are_read_leniently() {
        assert_eq!(
            attributes(" a=\"1\" b = '2>' c=3 d e=\"unclosed"),
            [("a", "1"), ("b", "2>"), ("c", "3"), ("d", ""), ("e", "unclosed")]
        );
        assert_eq!(attributes(" src=x.jpg/"), [("src", "x.jpg/")]);
        assert!(attributes("  /").is_empty());
    }
}

//! Plain-text clean-up for feed fields: HTML entities that leak into titles, tags stripped from
//! HTML to make a summary, and short excerpts. The result is always shown as text.

use std::borrow::Cow;

/// Decodes HTML character references (`&amp;`, `&#8217;`, `&#x2019;`, and the common named
/// ones). Unknown or malformed references stay as written. Text without any is not copied.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(|c: char| c == ';' || c == '&' || c.is_whitespace()).map(|i| i + 1);
        let decoded = match end {
            Some(end) if rest.as_bytes()[end] == b';' && end <= 12 => entity(&rest[1..end]),
            _ => None,
        };
        match (decoded, end) {
            (Some(ch), Some(end)) => {
                out.push(ch);
                rest = &rest[end + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// HTML 4's ISO-8859-1 entity names, in code point order from U+00A0 (`nbsp`) to U+00FF
/// (`yuml`). One string rather than an array of 96 `&str`s: 0.7 KB less wasm.
const LATIN1: &str = "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn \
    sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde \
    Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde \
    Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil \
    egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave \
    uacute ucirc uuml yacute thorn yuml";

/// The character a reference names: `#8217`, `#x2019`, XML's five names, HTML's ISO-8859-1
/// names and the typographic ones feeds use. `None` for any other name.
pub fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        // NUL and surrogates are not characters a reader should see.
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    if let Some(at) = LATIN1.split_ascii_whitespace().position(|n| n == name) {
        return char::from_u32(0xA0 + at as u32);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "hellip" => '…',
        "bull" => '•',
        "euro" => '€',
        "trade" => '™',
        "dagger" => '†',
        "oelig" => 'œ',
        "OElig" => 'Œ',
        "thinsp" => '\u{2009}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "zwnj" => '\u{200c}',
        "zwj" => '\u{200d}',
        _ => return None,
    })
}

/// The text of an HTML fragment: tags removed, block ends turned into spaces (inline tags such
/// as `<a>` or `<b>` leave nothing, so "<a>link</a>." stays "link."), entities decoded,
/// whitespace collapsed. `<script>` and `<style>` contents are dropped. For summaries only; the
/// card renders HTML through the sanitizer instead.
pub fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        rest = &rest[open..];
        let Some(close) = rest.find('>') else {
            rest = "";
            break;
        };
        let tag = rest[1..close].to_ascii_lowercase();
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        rest = &rest[close + 1..];
        if name == "script" || name == "style" {
            let closing = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = match lower.find(&closing) {
                Some(at) => &rest[at..],
                None => "",
            };
        }
        // Closing tags too ("</a>"): only the script/style check above looks at opening ones.
        let element: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if !INLINE.contains(&element.as_str()) {
            text.push(' ');
        }
    }
    text.push_str(rest);
    collapse_whitespace(&decode_entities(&text)).into_owned()
}

/// Elements that sit inside a line of text: removing their tags must not split a word.
const INLINE: [&str; 18] = [
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "i", "mark", "q", "s", "small", "span", "strong", "sub",
    "sup", "u",
];

/// Runs of whitespace become one space; the ends are trimmed. Text that is so already (most
/// is) is not copied.
pub fn collapse_whitespace(s: &str) -> Cow<'_, str> {
    // One look at each character: no whitespace but single spaces between words.
    let mut after_space = true;
    let collapsed = s.chars().all(|c| {
        let ok = !c.is_whitespace() || (c == ' ' && !after_space);
        after_space = c.is_whitespace();
        ok
    });
    if collapsed && (!after_space || s.is_empty()) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// At most `max` characters, cut at a word boundary, with "…" when cut.
pub fn excerpt(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let at_word = cut.rfind(' ').filter(|&i| i > max / 2).map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// A value quoted in a message, kept short: at most 60 characters, a longer one cut to 57 and
/// ended with "..." so that the reader sees it was cut.
pub fn shorten(s: &str) -> String {
    if s.chars().count() > 60 {
        let head: String = s.chars().take(57).collect();
        format!("{head}...")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_named_and_numeric_references() {
        assert_eq!(
            decode_entities("NATO &amp; EU: &#8220;strong&#8221; &#x2019;s &rsquo;"),
            "NATO & EU: “strong” ’s ’"
        );
        assert_eq!(decode_entities("a &lt;b&gt; c"), "a <b> c");
        assert_eq!(decode_entities("AT&T & co &unknown; &#xZZ; &#0; &"), "AT&T & co &unknown; &#xZZ; &#0; &");
        assert_eq!(decode_entities("&#xD800;"), "&#xD800;");
        assert_eq!(decode_entities("&amp;lt;"), "&lt;", "decoded once only");
        assert_eq!(decode_entities("é&amp;"), "é&");
        assert_eq!(decode_entities("&eacute;&Eacute;&yuml;&nbsp;&iexcl;&divide;"), "éÉÿ\u{a0}¡÷");
    }

    #[test]
    fn whitespace_runs_become_one_space_and_clean_text_is_not_copied() {
        for (text, collapsed) in [(" a  b\tc\n", "a b c"), ("a\u{a0}b", "a b"), ("", ""), ("  ", ""), ("a b", "a b")] {
            assert_eq!(collapse_whitespace(text), collapsed, "{text:?}");
        }
        assert!(matches!(collapse_whitespace("one two"), Cow::Borrowed(_)));
        assert!(matches!(collapse_whitespace("one  two"), Cow::Owned(_)));
        assert!(matches!(decode_entities("no references"), Cow::Borrowed(_)));
    }

    #[test]
    fn html_becomes_plain_text() {
        assert_eq!(html_to_text("<p>One <b>two</b></p><p>three&nbsp;four</p>"), "One two three four");
        assert_eq!(html_to_text("a<script>alert('<p>x</p>')</script>b<style>p{}</style>c"), "a b c");
        assert_eq!(html_to_text("<img src=x onerror=alert(1)>text"), "text");
        assert_eq!(html_to_text("broken <a href='x"), "broken");
        assert_eq!(html_to_text("&lt;script&gt;"), "<script>", "entities become text, never tags");
        assert_eq!(
            html_to_text("see the <a href='x'>statement</a>. <EM>Now</EM>!"),
            "see the statement. Now!",
            "inline tags split no words"
        );
        assert_eq!(html_to_text("one<br>two<p>three</p>four"), "one two three four");
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(excerpt("The quick brown fox jumps over the lazy dog", 20), "The quick brown fox…");
        assert_eq!(excerpt("ééééééééééééé", 5), "ééééé…");
    }

    #[test]
    fn shortened_values_say_they_were_cut() {
        assert_eq!(shorten("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(shorten(&"é".repeat(60)), "é".repeat(60));
        assert_eq!(shorten(&"é".repeat(61)), format!("{}...", "é".repeat(57)));
    }
}

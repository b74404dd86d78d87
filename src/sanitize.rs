//! The allowlist for feed HTML (`content_html`). The browser parses the HTML into an inert
//! document (see `ui::rich_text`); this module decides, element by element and attribute by
//! attribute, what may be copied into the page. Anything not listed is left out.

/// What happens to an element found in feed HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagPolicy {
    /// Copy the element (with allowed attributes only) and its children.
    Keep,
    /// Leave the element out but keep its children (e.g. `<div>`, `<span>`, `<font>`).
    Unwrap,
    /// Leave the element and everything inside it out (scripts, styles, forms, frames, …).
    Drop,
}

/// Elements kept as they are: text structure, lists, quotes, tables, links and images.
const KEEP: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
];

/// Elements removed together with their content.
const DROP: &[&str] = &[
    "applet",
    "audio",
    "base",
    "basefont",
    "button",
    "canvas",
    "datalist",
    "dialog",
    "embed",
    "fieldset",
    "form",
    "frame",
    "frameset",
    "head",
    "iframe",
    "input",
    "keygen",
    "link",
    "math",
    "meta",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "optgroup",
    "option",
    "output",
    "param",
    "picture",
    "plaintext",
    "portal",
    "progress",
    "script",
    "select",
    "slot",
    "source",
    "style",
    "svg",
    "template",
    "textarea",
    "title",
    "track",
    "video",
    "xmp",
];

pub fn tag_policy(tag: &str) -> TagPolicy {
    let tag = tag.to_ascii_lowercase();
    if KEEP.contains(&tag.as_str()) {
        TagPolicy::Keep
    } else if DROP.contains(&tag.as_str()) || tag.contains(':') {
        TagPolicy::Drop
    } else {
        TagPolicy::Unwrap
    }
}

/// The value to give attribute `name` on a kept element `tag`, or `None` to leave it out.
/// No `style`, no `on*` handlers, no `id`/`name`/`class` (which could clobber the page's DOM).
pub fn allowed_attribute(tag: &str, name: &str, value: &str) -> Option<String> {
    let tag = tag.to_ascii_lowercase();
    let name = name.to_ascii_lowercase();
    match (tag.as_str(), name.as_str()) {
        ("a", "href") | ("img", "src") => crate::urls::safe_url(value),
        ("img", "alt") | ("abbr", "title") | ("a", "title") | ("img", "title") => Some(value.to_string()),
        ("img", "width")
        | ("img", "height")
        | ("td", "colspan")
        | ("td", "rowspan")
        | ("th", "colspan")
        | ("th", "rowspan") => (!value.is_empty() && value.len() <= 5 && value.bytes().all(|b| b.is_ascii_digit()))
            .then(|| value.to_string()),
        ("time", "datetime") => (value.len() <= 40).then(|| value.to_string()),
        _ => None,
    }
}

/// Attributes every kept element of this kind gets, whatever the feed said: links open safely in
/// a new tab, images load lazily.
pub fn forced_attributes(tag: &str) -> &'static [(&'static str, &'static str)] {
    match tag {
        "a" => &[("rel", "noopener noreferrer"), ("target", "_blank")],
        "img" => &[("loading", "lazy"), ("decoding", "async")],
        _ => &[],
    }
}

/// Deeper nesting than this is flattened to text, so hostile input cannot exhaust the stack.
pub const MAX_DEPTH: usize = 48;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_structure_is_kept_and_active_content_dropped() {
        for tag in ["p", "A", "strong", "ul", "li", "img", "blockquote", "h3", "table"] {
            assert_eq!(tag_policy(tag), TagPolicy::Keep, "{tag}");
        }
        for tag in [
            "script",
            "SCRIPT",
            "style",
            "iframe",
            "form",
            "input",
            "object",
            "embed",
            "svg",
            "math",
            "template",
            "noscript",
            "xmp",
            "svg:script",
        ] {
            assert_eq!(tag_policy(tag), TagPolicy::Drop, "{tag}");
        }
        for tag in ["div", "span", "font", "h1", "section", "custom-element", "body"] {
            assert_eq!(tag_policy(tag), TagPolicy::Unwrap, "{tag}");
        }
    }

    #[test]
    fn only_listed_attributes_pass_and_urls_are_checked() {
        assert_eq!(allowed_attribute("a", "href", "https://example.org/").as_deref(), Some("https://example.org/"));
        assert_eq!(allowed_attribute("a", "HREF", "javascript:alert(1)"), None);
        assert_eq!(allowed_attribute("a", "href", "data:text/html,x"), None);
        assert_eq!(allowed_attribute("img", "src", "data:image/png;base64,xx"), None);
        assert_eq!(allowed_attribute("img", "src", "/a.png").as_deref(), Some("/a.png"));
        assert_eq!(allowed_attribute("img", "onerror", "alert(1)"), None);
        assert_eq!(allowed_attribute("p", "style", "color:red"), None);
        assert_eq!(allowed_attribute("a", "id", "x"), None);
        assert_eq!(allowed_attribute("form", "name", "body"), None);
        assert_eq!(allowed_attribute("img", "width", "100%"), None);
        assert_eq!(allowed_attribute("img", "width", "640").as_deref(), Some("640"));
        assert_eq!(allowed_attribute("a", "target", "_self"), None);
    }

    #[test]
    fn links_are_forced_safe() {
        assert!(forced_attributes("a").contains(&("rel", "noopener noreferrer")));
        assert!(forced_attributes("p").is_empty());
    }
}

//! Which URLs from data may reach the page: http(s) and relative ones only.

use std::borrow::Cow;
use std::sync::Arc;

/// Returns the URL to use, or `None` when it must not be used.
///
/// Browsers remove tabs and newlines anywhere in a URL and ignore leading control characters,
/// so `java\tscript:` is `javascript:`. We normalise the same way before looking at the scheme.
pub fn safe_url(input: &str) -> Option<String> {
    usable_url(input).map(Cow::into_owned)
}

/// [`safe_url`] without a copy unless something had to be removed.
fn usable_url(input: &str) -> Option<Cow<'_, str>> {
    // Byte-wise: every character looked at here is ASCII (a feed has thousands of URLs).
    let cleaned = if input.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
        Cow::Owned(input.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect::<String>())
    } else {
        Cow::Borrowed(input)
    };
    // Characters up to ' ' are single ASCII bytes, so these are character boundaries.
    let start = cleaned.bytes().position(|b| b > b' ').unwrap_or(cleaned.len());
    let end = cleaned.bytes().rposition(|b| b > b' ').map_or(start, |i| i + 1);
    if start >= end || end - start > 4096 {
        return None;
    }
    let usable = match scheme(&cleaned[start..end]) {
        None => true,
        Some(s) => s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"),
    };
    if !usable {
        return None;
    }
    Some(match cleaned {
        Cow::Borrowed(text) => Cow::Borrowed(&text[start..end]),
        Cow::Owned(text) if start == 0 && end == text.len() => Cow::Owned(text),
        Cow::Owned(text) => Cow::Owned(text[start..end].to_string()),
    })
}

/// The scheme and authority of an absolute address (`https://example.org:8080` of
/// `https://example.org:8080/feed.xml?a=1`); `None` for a relative one.
pub fn origin(url: &str) -> Option<&str> {
    let after = url.find("://")? + 3;
    let end = url[after..].find(['/', '?', '#']).map_or(url.len(), |i| i + after);
    (end > after).then(|| &url[..end])
}

/// `url` made absolute against `base` (an absolute http(s) address, such as the one a feed was
/// fetched from), if it is safe to use. See [`Base`].
pub fn resolve(url: &str, base: &str) -> Option<String> {
    Links::relative_to(base).usable(url).map(Cow::into_owned)
}

/// How a file's links are made usable: checked as [`safe_url`] does, and made absolute against
/// the file's own address when it has one (a fetched feed), as the file is read.
#[derive(Debug, Clone, Default)]
pub struct Links(Option<Base>);

impl Links {
    /// Links relative to `address`, the file's own (after redirects); checked only if that is
    /// not an absolute http(s) address.
    pub fn relative_to(address: &str) -> Links {
        Links(Base::parse(address))
    }

    /// `url` ready to use on the page, or `None` when it must not be used.
    /// Not copied when nothing changes.
    pub fn usable<'u>(&self, url: &'u str) -> Option<Cow<'u, str>> {
        match &self.0 {
            Some(base) => base.join(url),
            None => usable_url(url),
        }
    }

    /// [`Links::usable`] in two parts: the base's folder ([`Base::folder`]) when the link is a
    /// plain relative path, which follows it as it stands (`img/a.jpg`: the most common link
    /// in a feed, kept without a copy); else the whole link.
    pub fn usable_parts<'u>(&self, url: &'u str) -> Option<(Option<&Arc<String>>, Cow<'u, str>)> {
        match &self.0 {
            Some(base) => Some(match base.split(url)? {
                Joined::InFolder(path) => (Some(&base.folder), path),
                Joined::Whole(url) => (None, url),
            }),
            None => Some((None, usable_url(url)?)),
        }
    }
}

/// An http(s) address that relative URLs resolve against, taken apart once so that resolving
/// thousands of entries' links costs one allocation each. Follows the WHATWG URL rules for
/// http(s) bases in plain Rust: doing this through the browser's `URL` took most of the time a
/// 10,000-entry feed needed after it arrived.
#[derive(Debug, Clone)]
pub struct Base {
    /// `https://example.org`
    origin: String,
    /// `/feeds/news.json?v=2`: the path and query, without the fragment.
    no_fragment: String,
    /// Length of the path in `no_fragment`.
    path_len: usize,
    /// Length of the directory (up to and including the path's last `/`).
    dir_len: usize,
    /// `https://example.org/feeds/`: the origin and directory, which a plain relative path
    /// follows. Shared by the links that start with it.
    folder: Arc<String>,
}

/// A link made absolute by [`Base::split`].
enum Joined<'u> {
    /// A plain relative path: the base's `folder` followed by this, as it stands.
    InFolder(Cow<'u, str>),
    /// The whole link.
    Whole(Cow<'u, str>),
}

impl Base {
    /// `None` unless `base` is an absolute http(s) URL.
    pub fn parse(base: &str) -> Option<Base> {
        let scheme = scheme(base).filter(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"))?;
        let after_slashes = base[scheme.len() + 1..].trim_start_matches(['/', '\\']);
        let authority_end = after_slashes.find(['/', '\\', '?', '#']).unwrap_or(after_slashes.len());
        let origin =
            format!("{}://{}", scheme.to_ascii_lowercase(), after_slashes[..authority_end].to_ascii_lowercase());
        let rest = &after_slashes[authority_end..];
        let mut no_fragment = rest[..rest.find('#').unwrap_or(rest.len())].replace('\\', "/");
        if !no_fragment.starts_with('/') {
            no_fragment.insert(0, '/');
        }
        let path_len = no_fragment.find('?').unwrap_or(no_fragment.len());
        let dir_len = no_fragment[..path_len].rfind('/').map_or(1, |i| i + 1);
        let folder = Arc::new(origin.clone() + &no_fragment[..dir_len]);
        Some(Base { origin, no_fragment, path_len, dir_len, folder })
    }

    /// `url` made absolute against this base, if it is safe to use.
    pub fn join<'u>(&self, url: &'u str) -> Option<Cow<'u, str>> {
        Some(match self.split(url)? {
            Joined::InFolder(path) => Cow::Owned([self.folder.as_str(), &path].concat()),
            Joined::Whole(url) => url,
        })
    }

    /// [`Base::join`], with a plain relative path kept apart from the folder it follows.
    fn split<'u>(&self, url: &'u str) -> Option<Joined<'u>> {
        let url = usable_url(url)?;
        let Some(scheme) = scheme(&url) else {
            return Some(self.join_relative(url));
        };
        // `https:foo` and `https:/foo` (no `//`) are relative to a base of the same scheme,
        // and mean `https://foo` otherwise (the WHATWG URL rules for http and https).
        let rest = &url[scheme.len() + 1..];
        if rest.starts_with("//") && !rest.contains('\\') {
            return Some(Joined::Whole(url));
        }
        let base_scheme = &self.origin[..self.origin.find(':').unwrap_or(0)];
        let slashes = rest.starts_with(['/', '\\']) && rest[1..].starts_with(['/', '\\']);
        if !slashes && scheme.eq_ignore_ascii_case(base_scheme) {
            // The rest is a path as it stands: no second scheme, no trimming.
            return (!rest.is_empty()).then(|| self.join_relative(Cow::Owned(rest.to_string())));
        }
        let host = rest.trim_start_matches(['/', '\\']);
        let authority_end = host.find(['/', '\\', '?', '#']).unwrap_or(host.len());
        let (authority, more) = host.split_at(authority_end);
        let path = if more.starts_with(['/', '\\']) { clean_path(more) } else { format!("/{more}") };
        (!authority.is_empty())
            .then(|| Joined::Whole(Cow::Owned(format!("{}://{authority}{path}", scheme.to_ascii_lowercase()))))
    }

    /// A reference without a scheme (`img/a.jpg`, `../a.jpg`, `/a.jpg`, `?q`, `#f`, `//host/a`)
    /// made absolute against this base.
    fn join_relative<'u>(&self, url: Cow<'u, str>) -> Joined<'u> {
        let dir = &self.no_fragment[..self.dir_len];
        // The common case, a plain relative path ("img/a.jpg"): nothing to normalise, and it
        // follows the folder as it stands.
        let bytes = url.as_bytes();
        // One look at each byte (`str::contains("/.")` set up a substring search for every link).
        let plain = !matches!(bytes.first(), Some(b'/' | b'?' | b'#' | b'.'))
            && !bytes.iter().any(|&b| b == b'\\' || b == b'%')
            && !bytes.windows(2).any(|pair| pair == b"/.");
        if plain {
            return Joined::InFolder(url);
        }
        Joined::Whole(Cow::Owned(self.join_other(&url, dir)))
    }

    /// [`Base::join_relative`] for a reference that is not a plain relative path.
    fn join_other(&self, url: &str, dir: &str) -> String {
        let url = backslashes_to_slashes(url);
        let joined = if let Some(network) = url.strip_prefix("//") {
            let scheme = &self.origin[..self.origin.find(':').unwrap_or(0)];
            return format!("{scheme}://{network}");
        } else if url.starts_with('/') {
            url
        } else if url.starts_with('?') {
            format!("{}{url}", &self.no_fragment[..self.path_len])
        } else if url.starts_with('#') {
            return format!("{}{}{url}", self.origin, self.no_fragment);
        } else {
            format!("{dir}{url}")
        };
        format!("{}{}", self.origin, remove_dot_segments(&joined))
    }
}

/// In an http(s) URL's path (not its query or fragment), `\` means `/`.
fn backslashes_to_slashes(url: &str) -> String {
    let path_end = url.find(['?', '#']).unwrap_or(url.len());
    format!("{}{}", url[..path_end].replace('\\', "/"), &url[path_end..])
}

/// An absolute path (with any query and fragment) as the browser keeps it.
fn clean_path(path: &str) -> String {
    remove_dot_segments(&backslashes_to_slashes(path))
}

/// Removes `.` and `..` path segments (RFC 3986 section 5.2.4) from an absolute path, leaving any
/// query or fragment as it is.
fn remove_dot_segments(path_and_more: &str) -> String {
    let split = path_and_more.find(['?', '#']).unwrap_or(path_and_more.len());
    let (path, more) = path_and_more.split_at(split);
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." | "%2e" | "%2E" => {
                if last {
                    out.push("");
                }
            }
            ".." | ".%2e" | ".%2E" | "%2e." | "%2E." | "%2e%2e" | "%2E%2E" | "%2e%2E" | "%2E%2e" => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            other => out.push(other),
        }
    }
    format!("/{}{more}", out.join("/"))
}

/// The scheme of an absolute URL (`https` in `https://…`), or `None` for a relative URL.
fn scheme(url: &str) -> Option<&str> {
    let end = url.bytes().position(|b| matches!(b, b':' | b'/' | b'?' | b'#'))?;
    if url.as_bytes()[end] != b':' {
        return None;
    }
    let candidate = &url[..end];
    let valid = candidate.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && candidate.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    // "a b:c" or ":x" are not schemes; treat them as unusable rather than relative.
    Some(if valid { candidate } else { "" })
}

#[cfg(test)]
mod tests {
    use super::{origin, safe_url};

    #[test]
    fn the_origin_of_an_address_is_its_scheme_and_authority() {
        assert_eq!(origin("https://news.example:8080/a/feed.xml?x#y"), Some("https://news.example:8080"));
        assert_eq!(origin("http://h.example"), Some("http://h.example"));
        assert_eq!(origin("feeds/a.xml"), None);
        assert_eq!(origin("https:///x"), None);
    }

    #[test]
    fn allows_http_https_and_relative() {
        for ok in [
            "https://example.org/a",
            "HTTP://x",
            "a.jpg",
            "/img/a.jpg",
            "../a.jpg",
            "?item=1",
            "#top",
            "//cdn.example.org/a.jpg",
        ] {
            assert_eq!(safe_url(ok).as_deref(), Some(ok), "{ok}");
        }
        assert_eq!(safe_url("  a.jpg \n").as_deref(), Some("a.jpg"));
    }

    #[test]
    fn resolves_against_an_http_base_like_the_browser() {
        use super::resolve;
        let base = "https://news.example.org/feeds/2025/news.json?v=2#top";
        // Expected values are what `new URL(url, base).href` gives in Chromium (also checked in
        // tests/web.rs against the real `URL`).
        for (url, expected) in [
            ("a.jpg", "https://news.example.org/feeds/2025/a.jpg"),
            ("./img/a.jpg", "https://news.example.org/feeds/2025/img/a.jpg"),
            ("../a.jpg", "https://news.example.org/feeds/a.jpg"),
            ("../../../../a.jpg", "https://news.example.org/a.jpg"),
            ("img/./x/../a.jpg", "https://news.example.org/feeds/2025/img/a.jpg"),
            ("/a.jpg", "https://news.example.org/a.jpg"),
            ("//cdn.example.org/a.jpg", "https://cdn.example.org/a.jpg"),
            ("?page=2", "https://news.example.org/feeds/2025/news.json?page=2"),
            ("#x", "https://news.example.org/feeds/2025/news.json?v=2#x"),
            ("http://other.example/a", "http://other.example/a"),
            ("img/..", "https://news.example.org/feeds/2025/"),
            ("a.jpg?x=../y", "https://news.example.org/feeds/2025/a.jpg?x=../y"),
        ] {
            assert_eq!(resolve(url, base).as_deref(), Some(expected), "{url}");
        }
        assert_eq!(resolve("a.jpg", "https://example.org").as_deref(), Some("https://example.org/a.jpg"));
        assert_eq!(resolve("javascript:alert(1)", base), None);
        assert_eq!(resolve(" java\tscript:alert(1)", base), None);
        // No usable base: a relative URL stays relative.
        assert_eq!(resolve("a.jpg", "").as_deref(), Some("a.jpg"));
    }

    #[test]
    fn refuses_script_data_and_other_schemes() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            ":nothing",
            "",
            "   ",
        ] {
            assert_eq!(safe_url(bad), None, "{bad:?}");
        }
    }
}

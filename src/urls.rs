//! Which URLs from data may reach the page: http(s) and relative ones only.

/// Returns the URL to use, or `None` when it must not be used.
///
/// Browsers remove tabs and newlines anywhere in a URL and ignore leading control characters,
/// so `java\tscript:` is `javascript:`. We normalise the same way before looking at the scheme.
pub fn safe_url(input: &str) -> Option<String> {
    let cleaned: String = input.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let cleaned = cleaned.trim_matches(|c: char| c <= ' ');
    if cleaned.is_empty() || cleaned.len() > 4096 {
        return None;
    }
    match scheme(cleaned) {
        None => Some(cleaned.to_string()),
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => Some(cleaned.to_string()),
        Some(_) => None,
    }
}

/// The scheme of an absolute URL (`https` in `https://…`), or `None` for a relative URL.
fn scheme(url: &str) -> Option<&str> {
    let end = url.find(|c: char| matches!(c, ':' | '/' | '?' | '#'))?;
    if !url[end..].starts_with(':') {
        return None;
    }
    let candidate = &url[..end];
    let valid = candidate.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && candidate.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // "a b:c" or ":x" are not schemes; treat them as unusable rather than relative.
    Some(if valid { candidate } else { "" })
}

#[cfg(test)]
mod tests {
    use super::safe_url;

    #[test]
    fn allows_http_https_and_relative() {
        for ok in ["https://example.org/a", "HTTP://x", "a.jpg", "/img/a.jpg", "../a.jpg", "?item=1", "#top", "//cdn.example.org/a.jpg"] {
            assert_eq!(safe_url(ok).as_deref(), Some(ok), "{ok}");
        }
        assert_eq!(safe_url("  a.jpg \n").as_deref(), Some("a.jpg"));
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

//! `datelines-cli render`: the HTML for readers without script, per input format (golden files:
//! `tests/golden/<format>/expected-fragment.html`; after a deliberate change,
//! `UPDATE_GOLDEN=1 cargo test --test render` rewrites them), and the XSS payload corpus, from
//! which nothing executable may come out.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/xss.rs"]
mod xss;

use std::path::Path;
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn cli(args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_datelines-cli"))
        .args(args)
        .current_dir(ROOT)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("datelines-cli runs");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin.unwrap_or_default().as_bytes()).expect("write stdin");
    drop(input);
    child.wait_with_output().expect("datelines-cli finishes")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn render_matches_the_golden_fragment_for_every_input_format() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let golden = Path::new(ROOT).join("tests/golden");
    let mut formats = 0;
    for entry in std::fs::read_dir(&golden).expect("tests/golden") {
        let dir = entry.expect("entry").path();
        let Some(input) = std::fs::read_dir(&dir)
            .expect("a golden folder")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("feed.")))
        else {
            continue;
        };
        formats += 1;
        let out = cli(&["render", &input.to_string_lossy(), "--fragment"], None);
        assert_eq!(out.status.code(), Some(0), "{}: {}", input.display(), String::from_utf8_lossy(&out.stderr));
        let path = dir.join("expected-fragment.html");
        if update {
            std::fs::write(&path, &out.stdout).expect("write the golden fragment");
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_GOLDEN=1", path.display()));
        assert_eq!(stdout(&out), expected, "{}: the fragment differs from {}", input.display(), path.display());
        assert!(expected.starts_with("<div id=\"dl-top\" lang=\"en\" class=\"dl-root\">"), "{}", path.display());
        assert!(expected.contains("<article"), "{}: entries are rendered", path.display());
    }
    assert_eq!(formats, 6, "atom, datelines, jsonfeed, listing, rss-1.0, rss-2.0");
}

#[test]
fn a_whole_page_has_the_stylesheet_json_ld_and_the_language() {
    let out =
        cli(&["render", "tests/golden/rss-2.0/feed.rss", "--lang", "fr", "--url", "https://example.org/news/"], None);
    assert_eq!(out.status.code(), Some(0));
    let html = stdout(&out);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    assert!(html.contains("<style>\n"), "the stylesheet is inline: the page stands alone");
    assert!(html.contains(".dl-root {"));
    assert!(html.contains("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\""));
    assert_eq!(html.matches("<main ").count(), 1);
    assert!(html.contains("Retour en haut"));
    // Bad options are usage errors.
    for args in [["--lang", "de"], ["--month", "2025-13"], ["--limit", "x"], ["--limit", "0"]] {
        let bad = cli(&["render", "public/news.json", args[0], args[1]], None);
        assert_eq!(bad.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&bad.stderr).contains("error: invalid value"), "{args:?}");
    }
}

/// Every DOMPurify payload in every field of a JSON Feed item, rendered as a page.
#[test]
fn no_xss_payload_comes_out_executable() {
    let feed = xss::xss_feed();
    let out = cli(&["render", "-"], Some(&feed));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let html = stdout(&out);
    assert!(html.matches("<article").count() > 200, "the entries are there");
    let lower = html.to_ascii_lowercase();
    // The only elements: the ones the components write. Any other tag came from feed text.
    let allowed = [
        "!doctype", "html", "head", "meta", "title", "style", "script", "body", "main", "div", "header", "h1", "p",
        "nav", "span", "ul", "li", "a", "section", "h2", "ol", "article", "img", "time", "h3", "details", "summary",
        "code",
    ];
    let mut rest = lower.as_str();
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        // `<!>`: the empty comments Leptos leaves as markers.
        if rest.starts_with("!>") {
            continue;
        }
        let name: String =
            rest.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '!').collect();
        assert!(
            name.is_empty() || allowed.contains(&name.as_str()),
            "<{name}> in the output: {}",
            &rest[..rest.len().min(120)]
        );
    }
    // One script element, the JSON-LD; no event handler attributes; no javascript: or data: links.
    assert_eq!(lower.matches("<script").count(), 1);
    assert!(lower.contains("<script type=\"application/ld+json\">"));
    for (tag, attributes) in tags(&lower) {
        for (name, value) in attributes {
            assert!(!name.starts_with("on"), "<{tag} {name}=\"{value}\">");
            if name == "href" || name == "src" {
                let value: String = value.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(!value.starts_with("javascript:") && !value.starts_with("data:"), "<{tag} {name}={value}>");
            }
        }
    }
}

/// Start tags and their attributes, as Leptos writes them (values always in double quotes, so
/// a `>` or a space inside a value does not end the tag or the value).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if name.is_empty() {
            continue;
        }
        rest = &rest[name.len()..];
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() || rest.starts_with('>') || rest.starts_with("/>") {
                break;
            }
            let attr: String = rest.chars().take_while(|c| !c.is_whitespace() && *c != '=' && *c != '>').collect();
            rest = &rest[attr.len()..];
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix("=\"") {
                let end = after.find('"').unwrap_or(after.len());
                value = after[..end].to_string();
                rest = &after[(end + 1).min(after.len())..];
            }
            if attr.is_empty() {
                rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
                continue;
            }
            attributes.push((attr, value));
        }
        out.push((name, attributes));
    }
    out
}

/// The build hook renders the page with the page's own limit, so the prerendered list is the
/// one the app takes over (no entries appear or vanish at the swap).
#[test]
fn the_prerender_hook_uses_the_pages_limit() {
    let hook = std::fs::read_to_string(Path::new(ROOT).join("tools/prerender.mjs")).expect("the hook");
    let limit = format!("'--limit', '{}'", datelines::ui::PAGE_LIMIT);
    assert!(hook.contains(&limit), "tools/prerender.mjs must pass {limit} (src/ui/mod.rs PAGE_LIMIT)");
}

//! The XSS test feed shared by the render test (native) and the component test (browser).

/// Every DOMPurify payload of `tests/fixtures/xss/dompurify-payloads.json` as a JSON Feed item,
/// in every text field; the first payload is also the feed's title.
pub fn xss_feed() -> String {
    let payloads: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("../fixtures/xss/dompurify-payloads.json")).expect("payload file");
    let items: Vec<serde_json::Value> = payloads
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let payload = p["payload"].as_str().unwrap_or_default();
            serde_json::json!({
                "id": format!("x{i}"), "title": payload, "summary": payload, "content_html": payload,
                "url": payload, "image": payload, "tags": [payload], "authors": [{"name": payload}],
                "date_published": format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            })
        })
        .collect();
    assert!(items.len() > 200, "the whole corpus");
    let title = payloads.first().map(|p| p["payload"].clone()).unwrap_or_default();
    serde_json::json!({"version": "https://jsonfeed.org/version/1.1", "title": title, "items": items}).to_string()
}

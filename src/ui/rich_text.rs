//! Feed HTML on the page, safely: the browser's DOMParser builds an inert document (no
//! scripts run, nothing loads), and only what `crate::sanitize` allows is copied, as new nodes
//! made by this document. Feed markup is never assigned to `innerHTML`.

use crate::sanitize::{allowed_attribute, forced_attributes, tag_policy, TagPolicy, MAX_DEPTH};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, DomParser, Element, HtmlFormElement, Node, SupportedType, Text};

/// Sanitized HTML from a feed, e.g. a JSON Feed item's `content_html`.
#[component]
pub fn RichText(
    /// The untrusted HTML.
    html: String,
) -> impl IntoView {
    let holder = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(holder) = holder.get() {
            holder.set_text_content(None);
            if let Some(fragment) = sanitize_html(&html) {
                let _ = holder.append_child(&fragment);
            }
        }
    });
    view! { <div class="dl-rich-text" node_ref=holder></div> }
}

/// Parses `html` inertly and returns a fragment holding only allowed nodes.
pub fn sanitize_html(html: &str) -> Option<web_sys::DocumentFragment> {
    let parsed = DomParser::new().ok()?.parse_from_string(html, SupportedType::TextHtml).ok()?;
    let body = parsed.body()?;
    let doc = document();
    let out = doc.create_document_fragment();
    copy_children(&doc, &body, &out, 0);
    Some(out)
}

fn copy_children(doc: &Document, from: &Node, to: &Node, depth: usize) {
    let children = from.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else { continue };
        // A <form> can have its properties clobbered by named controls (`<input name=nodeType>`
        // makes form.nodeType an element), and reading one where a string or number is
        // expected corrupts wasm memory. `instanceof` cannot be clobbered: check it first, and
        // drop forms without touching them.
        if child.is_instance_of::<HtmlFormElement>() {
            continue;
        }
        if let Some(text) = child.dyn_ref::<Text>() {
            let _ = to.append_child(&doc.create_text_node(&text.data()));
            continue;
        }
        // Comments, processing instructions, CDATA: left out.
        let Ok(element) = child.dyn_into::<Element>() else { continue };
        let tag = element.local_name().to_ascii_lowercase();
        // Only HTML-namespace elements; SVG and MathML content is dropped whole.
        let html_ns = element.namespace_uri().as_deref() == Some("http://www.w3.org/1999/xhtml");
        let policy = if html_ns { tag_policy(&tag) } else { TagPolicy::Drop };
        match policy {
            TagPolicy::Drop => {}
            _ if depth >= MAX_DEPTH => {
                let text = element.text_content().unwrap_or_default();
                let _ = to.append_child(&doc.create_text_node(&text));
            }
            TagPolicy::Unwrap => copy_children(doc, &element, to, depth + 1),
            TagPolicy::Keep => {
                let Ok(copy) = doc.create_element(&tag) else { continue };
                let attributes = element.attributes();
                for a in 0..attributes.length() {
                    let Some(attr) = attributes.item(a) else { continue };
                    if let Some(value) = allowed_attribute(&tag, &attr.name(), &attr.value()) {
                        let _ = copy.set_attribute(&attr.name().to_ascii_lowercase(), &value);
                    }
                }
                for (name, value) in forced_attributes(&tag) {
                    let _ = copy.set_attribute(name, value);
                }
                copy_children(doc, &element, &copy, depth + 1);
                let _ = to.append_child(&copy);
            }
        }
    }
}

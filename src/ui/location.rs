//! The standalone page keeps its view state in the address bar: `?month=`, `?q=`, `?tag=` and
//! `?item=`. Changes push a history entry (or replace it, see `ViewState::replaces`), so Back
//! and Forward move between views.

use crate::url_state::ViewState;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

fn search() -> String {
    window().location().search().unwrap_or_default()
}

/// The state the current URL describes.
pub fn initial_state() -> ViewState {
    ViewState::from_query(&search())
}

/// Link targets on the standalone page: the address of a view, keeping other parameters.
pub fn href_for() -> Callback<ViewState, String> {
    Callback::new(|state: ViewState| {
        let query = state.to_query(&search());
        if query.is_empty() {
            window().location().pathname().unwrap_or_else(|_| "./".into())
        } else {
            query
        }
    })
}

/// Mirrors `state` to the URL and follows Back/Forward. Other query parameters are kept.
pub fn sync_with_url(state: RwSignal<ViewState>) {
    let listener = window_event_listener(leptos::ev::popstate, move |_| {
        let from_url = ViewState::from_query(&search());
        if state.with_untracked(|s| *s != from_url) {
            state.set(from_url);
        }
    });
    // A widget with `url-state` can be removed from the host page: stop listening then.
    on_cleanup(move || listener.remove());
    Effect::new(move |_| {
        let wanted = state.get();
        let current = search();
        let shown = ViewState::from_query(&current);
        // Nothing to do when the URL already says this (first run, or after Back).
        if shown == wanted {
            return;
        }
        let path = window().location().pathname().unwrap_or_default();
        let url = format!("{path}{}", wanted.to_query(&current));
        let Ok(history) = window().history() else { return };
        // Previous / Next between cards, and typing on in the search box, replace the entry.
        let _ = if wanted.replaces(&shown) {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        };
    });
}

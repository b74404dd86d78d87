//! Datelines: a dated news list for the web.
//!
//! The plain Rust modules compile for both targets: the data model, parsing, dates, months, the
//! list's model (`news_list`) and URL safety. `ui` (the Leptos components) compiles for both
//! too: in the browser it renders to the DOM, natively to HTML (`prerender`, with
//! `structured_data`, native only). `embed` (the widget) is browser only.

// The list view's nested `For`s make deep view types for the native (ssr) renderer.
#![recursion_limit = "256"]

pub mod dates;
pub mod formats;
pub mod i18n;
pub mod model;
pub mod months;
pub mod news_list;
pub mod pending;
pub mod poll;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
pub mod presentation;
pub mod sanitize;
pub mod search;
pub mod shared_polls;
pub mod shared_str;
pub mod slices;
pub mod sources;
#[cfg(not(target_arch = "wasm32"))]
pub mod structured_data;
pub mod synthetic;
pub mod text;
pub mod url_state;
pub mod urls;

pub mod ui;

/// The bundled news file (`public/news.json`, minified by build.rs), compiled into the app so the
/// default view needs no fetch.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub const BUNDLED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/news.json"));
#[cfg(target_arch = "wasm32")]
pub mod embed;

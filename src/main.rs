//! The Datelines app, built for the browser by Trunk. The same module serves the standalone
//! page (index.html, whose `<body data-datelines-page>` asks for the full page) and the
//! `<datelines-news>` widget (datelines.js calls `mount_widget`), so on a host page loading
//! the module mounts nothing by itself.

#[cfg(target_arch = "wasm32")]
fn main() {
    let is_page = leptos::prelude::document().body().is_some_and(|b| b.has_attribute("data-datelines-page"));
    if is_page {
        // The module's start and the page's mount are two tasks, not one long one.
        wasm_bindgen_futures::spawn_local(async {
            datelines::ui::source::yield_to_host().await;
            datelines::ui::mount_page();
        });
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The Datelines page runs in the browser: use `./x run`. For the command-line tool, see `datelines-cli --help`."
    );
    std::process::exit(2);
}

//! The standalone Datelines page, built for the browser by Trunk.

#[cfg(target_arch = "wasm32")]
fn main() {
    datelines::ui::mount_page();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The Datelines page runs in the browser: use `./x run`. For the command-line tool, see `datelines-cli --help`.");
    std::process::exit(2);
}

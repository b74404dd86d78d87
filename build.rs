//! Minifies the bundled news (`public/news.json`) into `$OUT_DIR/news.json`, which
//! `BUNDLED_JSON` compiles into the app: the file stays readable in the repository, and the wasm
//! carries it without its indentation (0.9 KB raw, 0.06 KB gzipped). Members keep their order
//! (serde_json's `preserve_order`), so the reader is chosen from the same members before `items`.

use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=public/news.json");
    let text = std::fs::read_to_string("public/news.json")?;
    let value: serde_json::Value = serde_json::from_str(&text)?;
    let out = std::path::Path::new(&std::env::var("OUT_DIR")?).join("news.json");
    std::fs::write(out, serde_json::to_string(&value)?)?;
    Ok(())
}

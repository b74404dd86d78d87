//! The text of an XML file from its bytes: a byte order mark (UTF-8, UTF-16), else the encoding
//! the XML declaration names, read the way browsers read it.
//!
//! Hand-written rather than encoding_rs (its tables are about 100 KB of wasm): real feeds use
//! UTF-8, ISO-8859-1 or windows-1252 (which browsers use for any ISO-8859-1 or ASCII label, as
//! the WHATWG Encoding standard says), and UTF-16 now and then. Any other label, and UTF-8 that
//! is not valid, is read as windows-1252 with a warning, so that a feed is never lost to its
//! encoding.

use std::borrow::Cow;

/// Windows-1252's characters for the bytes 0x80 to 0x9F (the rest of it is ISO-8859-1: each byte
/// is the code point of the same number). Unassigned bytes map to the C1 control, as in browsers.
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The file as text, and a warning when it had to be guessed.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Option<String>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8_or_1252(rest, "UTF-8");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (Cow::Owned(utf16(rest, u16::from_le_bytes)), None);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (Cow::Owned(utf16(rest, u16::from_be_bytes)), None);
    }
    let label = declared(bytes).map(|l| l.to_ascii_lowercase());
    match label.as_deref() {
        None | Some("utf-8" | "utf8" | "unicode-1-1-utf-8") => utf8_or_1252(bytes, "UTF-8"),
        Some(
            "iso-8859-1" | "iso8859-1" | "iso_8859-1" | "latin1" | "l1" | "windows-1252" | "cp1252" | "x-cp1252"
            | "us-ascii" | "ascii" | "iso-ir-100" | "cp819" | "ibm819",
        ) => (windows_1252(bytes), None),
        Some(other) => match std::str::from_utf8(bytes) {
            Ok(text) => {
                (Cow::Borrowed(text), Some(format!("the encoding \"{other}\" is not supported; read as UTF-8")))
            }
            Err(_) => {
                (windows_1252(bytes), Some(format!("the encoding \"{other}\" is not supported; read as windows-1252")))
            }
        },
    }
}

/// The encoding named in the XML declaration (`<?xml version="1.0" encoding="ISO-8859-1"?>`).
fn declared(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(256)];
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = head.get(start..)?;
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let at = decl.find("encoding")? + "encoding".len();
    let rest = decl[at..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].trim().to_string())
}

fn utf8_or_1252<'a>(bytes: &'a [u8], label: &str) -> (Cow<'a, str>, Option<String>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), None),
        Err(e) => {
            let at = e.valid_up_to();
            let line = 1 + bytes[..at].iter().filter(|b| **b == b'\n').count();
            let warning = format!("the file says it is {label} but is not (line {line}); read as windows-1252");
            (windows_1252(bytes), Some(warning))
        }
    }
}

/// Windows-1252 (and so ISO-8859-1 and ASCII) bytes as text.
pub fn windows_1252(bytes: &[u8]) -> Cow<'_, str> {
    if bytes.is_ascii() {
        // ASCII is UTF-8 already.
        return Cow::Borrowed(std::str::from_utf8(bytes).unwrap_or_default());
    }
    Cow::Owned(
        bytes
            .iter()
            .map(|&b| match b {
                0x80..=0x9F => WINDOWS_1252_HIGH[usize::from(b - 0x80)],
                _ => char::from(b),
            })
            .collect(),
    )
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declared_encoding_and_byte_order_marks_are_honoured() {
        let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>D\xe9fense</t>";
        assert_eq!(
            decode(latin1),
            (Cow::Borrowed("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>Défense</t>"), None)
        );
        let cp1252 = b"<?xml version='1.0' encoding='windows-1252'?><t>\x93Hi\x94 \x80</t>";
        assert!(decode(cp1252).0.ends_with("<t>“Hi” €</t>"));
        assert_eq!(decode(b"\xEF\xBB\xBF<t>\xc3\xa9</t>").0, "<t>é</t>");
        let utf16le: Vec<u8> =
            b"\xFF\xFE".iter().copied().chain("<t>é</t>".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16le).0, "<t>é</t>");
        let utf16be: Vec<u8> =
            b"\xFE\xFF".iter().copied().chain("<t>é</t>".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&utf16be).0, "<t>é</t>");
    }

    #[test]
    fn a_wrong_or_unknown_encoding_is_read_with_a_warning_never_lost() {
        let (text, warning) = decode(b"<?xml version=\"1.0\"?>\n<t>D\xe9fense</t>");
        assert_eq!(text, "<?xml version=\"1.0\"?>\n<t>Défense</t>");
        assert_eq!(warning.as_deref(), Some("the file says it is UTF-8 but is not (line 2); read as windows-1252"));
        let (text, warning) = decode(b"<?xml version=\"1.0\" encoding=\"koi8-r\"?><t>\xc1</t>");
        assert!(text.ends_with("<t>Á</t>"));
        assert_eq!(warning.as_deref(), Some("the encoding \"koi8-r\" is not supported; read as windows-1252"));
        assert_eq!(decode(b"").0, "");
        // An odd UTF-16 byte is dropped, a lone surrogate replaced: never a panic.
        assert_eq!(decode(b"\xFF\xFE\x00\xD8a").0, "\u{fffd}");
    }
}

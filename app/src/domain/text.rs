//! Free text a citizen types (a living will's sections, an organ donation
//! restriction, a renewal request's message): kept exactly as typed, but
//! never with characters that are not text. C0 control characters other
//! than the line break and the tab (a browser sends a textarea's line
//! breaks as CR LF), DEL and the C1 controls, and the bidirectional
//! overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make a
//! text read differently from what it holds, are refused. Pure.

/// Whether `c` may be part of a free text.
pub fn is_allowed(c: char) -> bool {
    match c {
        '\n' | '\r' | '\t' => true,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => false,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => false,
        _ => true,
    }
}

/// Whether the whole text may be stored as it is.
pub fn is_clean(text: &str) -> bool {
    text.chars().all(is_allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_tabs_and_every_script_are_text() {
        assert!(is_clean("Hoitotahto\r\n\tÅsa — 😀 עברית ‎"));
        assert!(is_clean(""));
    }

    #[test]
    fn control_characters_and_direction_overrides_are_not() {
        for bad in ["\0", "\u{1b}[31m", "\u{c}", "\u{7f}", "\u{85}", "\u{202a}", "\u{202e}", "\u{2066}", "\u{2069}"] {
            assert!(!is_clean(&format!("a{bad}b")), "{bad:?}");
        }
        // The neighbours of the refused ranges stay text.
        for ok in ["\u{a0}", "\u{2029}", "\u{202f}", "\u{2065}", "\u{206a}"] {
            assert!(is_clean(ok), "{ok:?}");
        }
    }
}

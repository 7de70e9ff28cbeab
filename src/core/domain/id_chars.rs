//! Which characters an id may hold: none that is invisible, that changes
//! the direction of the text around it, or that looks like another.
//!
//! An id is refused if it holds a character of general category Cc
//! (control), Cf (format: zero-width characters, the byte order mark, bidi
//! embeddings, overrides and isolates), Zl or Zp (line and paragraph
//! separators), Co or Cn (private use and unassigned: they show as the same
//! empty box), a space other than U+0020 (Zs: no-break and sized spaces
//! look like a plain space), or a Default_Ignorable_Code_Point (variation
//! selectors, fillers: drawn as nothing). Categories come from the
//! `unicode-properties` crate; the default-ignorable list and the names
//! below are copied from the Unicode Character Database (UnicodeData.txt,
//! NameAliases.txt for controls, DerivedCoreProperties.txt, Unicode 15.1).
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Why `c` may not be in an id, or `None` if it may.
pub(super) fn forbidden(c: char) -> Option<&'static str> {
    if c.is_ascii() {
        return (c.is_ascii_control()).then_some("a control character");
    }
    if is_default_ignorable(c) {
        return Some("an invisible character");
    }
    match c.general_category() {
        GeneralCategory::Control => Some("a control character"),
        GeneralCategory::Format => Some("an invisible formatting character"),
        GeneralCategory::SpaceSeparator => Some("a space that looks like a plain space"),
        GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator => {
            Some("a line break")
        }
        GeneralCategory::PrivateUse | GeneralCategory::Unassigned => {
            Some("a character with no agreed glyph")
        }
        _ => None,
    }
}

/// Default_Ignorable_Code_Point outside Cf (those are refused as Cf), from
/// DerivedCoreProperties.txt.
fn is_default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{034F}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// The Unicode name of a refused character people meet in practice (pasted
/// from chat, a word processor or a right-to-left text), or `None`.
pub(super) fn name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{0000}' => "NULL",
        '\u{0009}' => "CHARACTER TABULATION",
        '\u{000A}' => "LINE FEED",
        '\u{000B}' => "LINE TABULATION",
        '\u{000C}' => "FORM FEED",
        '\u{000D}' => "CARRIAGE RETURN",
        '\u{001B}' => "ESCAPE",
        '\u{007F}' => "DELETE",
        '\u{0085}' => "NEXT LINE",
        '\u{00A0}' => "NO-BREAK SPACE",
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{034F}' => "COMBINING GRAPHEME JOINER",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{115F}' => "HANGUL CHOSEONG FILLER",
        '\u{1160}' => "HANGUL JUNGSEONG FILLER",
        '\u{1680}' => "OGHAM SPACE MARK",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{2000}' => "EN QUAD",
        '\u{2001}' => "EM QUAD",
        '\u{2002}' => "EN SPACE",
        '\u{2003}' => "EM SPACE",
        '\u{2004}' => "THREE-PER-EM SPACE",
        '\u{2005}' => "FOUR-PER-EM SPACE",
        '\u{2006}' => "SIX-PER-EM SPACE",
        '\u{2007}' => "FIGURE SPACE",
        '\u{2008}' => "PUNCTUATION SPACE",
        '\u{2009}' => "THIN SPACE",
        '\u{200A}' => "HAIR SPACE",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{202F}' => "NARROW NO-BREAK SPACE",
        '\u{205F}' => "MEDIUM MATHEMATICAL SPACE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}' => "FUNCTION APPLICATION",
        '\u{2062}' => "INVISIBLE TIMES",
        '\u{2063}' => "INVISIBLE SEPARATOR",
        '\u{2064}' => "INVISIBLE PLUS",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{3000}' => "IDEOGRAPHIC SPACE",
        '\u{3164}' => "HANGUL FILLER",
        '\u{FE0E}' => "VARIATION SELECTOR-15",
        '\u{FE0F}' => "VARIATION SELECTOR-16",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)",
        '\u{FFA0}' => "HALFWIDTH HANGUL FILLER",
        '\u{FFF9}' => "INTERLINEAR ANNOTATION ANCHOR",
        '\u{FFFA}' => "INTERLINEAR ANNOTATION SEPARATOR",
        '\u{FFFB}' => "INTERLINEAR ANNOTATION TERMINATOR",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_character_is_refused() {
        // Each entry of the table, by its code point, written out here
        // rather than taken from the table.
        let named = [
            0x0, 0x9, 0xA, 0xB, 0xC, 0xD, 0x1B, 0x7F, 0x85, 0xA0, 0xAD, 0x34F, 0x61C, 0x115F,
            0x1160, 0x1680, 0x180E, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
            0x2008, 0x2009, 0x200A, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A,
            0x202B, 0x202C, 0x202D, 0x202E, 0x202F, 0x205F, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064,
            0x2066, 0x2067, 0x2068, 0x2069, 0x3000, 0x3164, 0xFE0E, 0xFE0F, 0xFEFF, 0xFFA0, 0xFFF9,
            0xFFFA, 0xFFFB,
        ];
        for code in named {
            let c = char::from_u32(code).unwrap_or_default();
            assert!(forbidden(c).is_some(), "U+{code:04X} is allowed");
            assert!(name(c).is_some(), "U+{code:04X} has no name");
        }
    }

    #[test]
    fn letters_digits_marks_and_symbols_are_allowed() {
        for c in [
            'a', 'Z', '7', '$', ' ', 'é', 'ß', 'Ж', 'ا', '中', '\u{0301}', '€', '😀',
        ] {
            assert_eq!(forbidden(c), None, "{c:?}");
        }
    }
}

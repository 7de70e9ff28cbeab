//! Which characters an id may hold: none that is invisible, that changes
//! the direction of the text around it, or that looks like another.
//!
//! An id is refused if it holds a character of general category Cc
//! (control), Cf (format: zero-width characters, the byte order mark, bidi
//! embeddings, overrides and isolates), Zl or Zp (line and paragraph
//! separators), Co or Cn (private use and unassigned: they show as the same
//! empty box), a space other than U+0020 (Zs: no-break and sized spaces
//! look like a plain space), or a Default_Ignorable_Code_Point (variation
//! selectors, fillers: drawn as nothing). Cc, Cf, Zs, Zl and Zp are listed
//! below, and so are the default-ignorables and the names, copied from the
//! Unicode Character Database 15.1 (UnicodeData.txt, NameAliases.txt for
//! controls, DerivedCoreProperties.txt); Co and Cn come from the
//! `unicode-normalization` crate's `is_public_assigned`. (A general-category
//! crate would add about 30 KB of tables to the page for these few ranges.)
use unicode_normalization::char::is_public_assigned;

/// Why `c` may not be in an id, or `None` if it may.
pub(super) fn forbidden(c: char) -> Option<&'static str> {
    if c.is_ascii() {
        return (c.is_ascii_control()).then_some("a control character");
    }
    if c.is_control() {
        Some("a control character")
    } else if is_format(c) {
        Some("an invisible formatting character")
    } else if is_default_ignorable(c) {
        Some("an invisible character")
    } else if is_space_separator(c) {
        Some("a space that looks like a plain space")
    } else if matches!(c, '\u{2028}' | '\u{2029}') {
        Some("a line break")
    } else if !is_public_assigned(c) {
        Some("a character with no agreed glyph")
    } else {
        None
    }
}

/// General category Cf (format), from UnicodeData.txt 15.1.
fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// General category Zs (space separator) other than U+0020, from UnicodeData.txt 15.1.
fn is_space_separator(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Default_Ignorable_Code_Point outside Cf (those are refused as Cf), from
/// DerivedCoreProperties.txt 15.1.
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

    /// Every code point, against the general categories of the
    /// `unicode-properties` crate (a native test dependency only).
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_lists_agree_with_the_general_category_table_on_every_code_point() {
        use unicode_properties::{GeneralCategory as G, UnicodeGeneralCategory};
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let by_category = match c.general_category() {
                G::Control | G::Format | G::LineSeparator | G::ParagraphSeparator => true,
                G::PrivateUse | G::Unassigned => true,
                G::SpaceSeparator => c != ' ',
                _ => is_default_ignorable(c),
            };
            assert_eq!(
                forbidden(c).is_some(),
                by_category,
                "U+{:04X} ({:?})",
                u32::from(c),
                c.general_category()
            );
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

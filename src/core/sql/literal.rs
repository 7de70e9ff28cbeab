//! Values written into SQL text: string literals, uuids, JSON, times,
//! comments and the dollar-quote tag of a block.
//!
//! Every value goes in as a standard string literal (`'…'`, a quote doubled),
//! which PostgreSQL reads byte for byte with `standard_conforming_strings`
//! on (the script sets it): backslashes, `$`, `;` and any Unicode an id may
//! hold stay what they are. Comments are one line each: a line break in a
//! value cannot end a comment and start a statement.

use crate::core::ids::{EventId, Timestamp};

/// `text` as a standard SQL string literal.
pub fn text(value: &str) -> String {
    let mut quoted = String::with_capacity(value.len() + 2);
    quoted.push('\'');
    for c in value.chars() {
        if c == '\'' {
            quoted.push('\'');
        }
        quoted.push(c);
    }
    quoted.push('\'');
    quoted
}

/// An event or command id as a `uuid` literal.
pub fn uuid(id: EventId) -> String {
    format!("'{}'", id.0.hyphenated())
}

/// JSON text as a `jsonb` literal.
pub fn jsonb(json: &str) -> String {
    format!("{}::jsonb", text(json))
}

/// A value as a `jsonb` literal (`null` if it cannot be written as JSON,
/// which the plain data of events, states and commands never is).
pub fn jsonb_of<T: serde::Serialize + ?Sized>(value: &T) -> String {
    jsonb(&serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned()))
}

/// A logical time (milliseconds since 1970, UTC) as a `timestamptz` literal:
/// `'2024-01-01 09:00:00.000+00'`.
pub fn timestamp(time: Timestamp) -> String {
    let ms = time.0;
    let days = ms / 86_400_000;
    let of_day = ms % 86_400_000;
    let (year, month, day) = civil_from_days(days);
    format!(
        "'{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}.{:03}+00'::timestamptz",
        of_day / 3_600_000,
        of_day / 60_000 % 60,
        of_day / 1000 % 60,
        of_day % 1000
    )
}

/// The proleptic Gregorian date of a count of days since 1970-01-01
/// (Howard Hinnant's `civil_from_days`, for days on or after the epoch).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// `text` as the body of one `--` comment line: line breaks and other
/// control characters become spaces.
pub fn comment(text: &str) -> String {
    let line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("-- {}", line.trim_end())
}

/// A dollar-quote tag (`$refused$`, `$refused1$`, …) that `body` does not
/// contain, so the block cannot end early whatever the values in it hold.
pub fn dollar_tag(body: &str) -> String {
    let mut tag = "$refused$".to_owned();
    let mut n = 0u32;
    while body.contains(&tag) {
        n += 1;
        tag = format!("$refused{n}$");
    }
    tag
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_is_doubled_and_nothing_else_changes() {
        assert_eq!(text("O'Brien"), "'O''Brien'");
        assert_eq!(text(r"a\b$$;--"), r"'a\b$$;--'");
        assert_eq!(text("café ☕"), "'café ☕'");
        assert_eq!(text("''"), "''''''");
    }

    #[test]
    fn the_workshop_morning_is_written_as_utc() {
        assert_eq!(
            timestamp(Timestamp(1_704_099_600_000)),
            "'2024-01-01 09:00:00.000+00'::timestamptz"
        );
        assert_eq!(
            timestamp(Timestamp(951_782_400_123)),
            "'2000-02-29 00:00:00.123+00'::timestamptz"
        );
        assert_eq!(
            timestamp(Timestamp(0)),
            "'1970-01-01 00:00:00.000+00'::timestamptz"
        );
    }

    #[test]
    fn a_comment_stays_on_one_line() {
        assert_eq!(
            comment("a\nDROP TABLE events;\r"),
            "-- a DROP TABLE events;"
        );
    }

    #[test]
    fn the_dollar_tag_is_not_in_the_body() {
        assert_eq!(dollar_tag("INSERT 'x'"), "$refused$");
        assert_eq!(dollar_tag("'$refused$'"), "$refused1$");
        assert_eq!(dollar_tag("'$refused$ $refused1$'"), "$refused2$");
    }
}

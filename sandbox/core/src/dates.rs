//! Instants as Unix milliseconds (so they survive a restart in the state file), and the several timestamp formats the
//! API writes. Pure: the current time comes from [`crate::clock::Clock`].

use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime};

pub const MINUTE_MS: i64 = 60_000;
pub const DAY_MS: i64 = 86_400_000;

fn millis(at: OffsetDateTime) -> i64 {
    (at.unix_timestamp_nanos() / 1_000_000) as i64
}

fn at(ms: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// `2026-11-23T12:04:00+00:00`: the price fix's `expires_at`, with an explicit offset as in the docs.
pub fn rfc3339(ms: i64) -> String {
    at(ms).format(format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]+00:00")).unwrap_or_default()
}

/// `2023-05-31 03:16:45`: record timestamps and the Order Response `order_at`.
pub fn timestamp(ms: i64) -> String {
    at(ms).format(format_description!("[year]-[month]-[day] [hour]:[minute]:[second]")).unwrap_or_default()
}

/// `13-10-2023 11:10`: an order's own `order_at`.
pub fn order_at(ms: i64) -> String {
    at(ms).format(format_description!("[day]-[month]-[year] [hour]:[minute]")).unwrap_or_default()
}

/// `2026-11-23`: the UTC calendar date.
pub fn date(ms: i64) -> String {
    at(ms).format(format_description!("[year]-[month]-[day]")).unwrap_or_default()
}

/// The first millisecond of a `YYYY-MM-DD` UTC day.
pub fn parse_date(value: &str) -> Option<i64> {
    let date = Date::parse(value, format_description!("[year]-[month]-[day]")).ok()?;
    Some(millis(date.midnight().assume_utc()))
}

/// Reads an order's `order_at` (`DD-MM-YYYY HH:MM`) back, for orders that only exist as JSON.
pub fn parse_order_at(value: &str) -> Option<i64> {
    let parsed = PrimitiveDateTime::parse(value, format_description!("[day]-[month]-[year] [hour]:[minute]")).ok()?;
    Some(millis(parsed.assume_utc()))
}

/// The first millisecond of the UTC day holding `ms`.
pub fn day_start(ms: i64) -> i64 {
    ms.div_euclid(DAY_MS) * DAY_MS
}

/// (year, month) of `ms`, for card expiry checks.
pub fn year_month(ms: i64) -> (i32, u8) {
    let at = at(ms);
    (at.year(), u8::from(at.month()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses() {
        let ms = parse_date("2026-11-23").unwrap() + 12 * 3_600_000 + 4 * MINUTE_MS;
        assert_eq!(rfc3339(ms), "2026-11-23T12:04:00+00:00");
        assert_eq!(timestamp(ms), "2026-11-23 12:04:00");
        assert_eq!(order_at(ms), "23-11-2026 12:04");
        assert_eq!(date(ms), "2026-11-23");
        assert_eq!(parse_order_at("23-11-2026 12:04"), Some(ms));
        assert_eq!(day_start(ms), parse_date("2026-11-23").unwrap());
        assert_eq!(year_month(ms), (2026, 11));
        assert_eq!(parse_date("2026-02-30"), None);
    }
}

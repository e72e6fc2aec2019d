//! How the records pages' URLs write a filter and a page cursor:
//! the raw query parameters exactly as they came in, parsed at the edge
//! into `domain::listing`'s types, each bad field named; and written back
//! into a query string.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::declarations::{ProviderId, ServiceEventId};
use crate::domain::listing::{PageCursor, RecordFilter, RecordSection};
use crate::domain::records::{EntryKind, RegisterId};

/// The raw query parameters of a records page, exactly as they came in (so
/// a form can show back what was typed, also when it did not parse).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawFilter {
    pub register: Option<String>,
    pub provider: Option<String>,
    pub kind: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub after: Option<String>,
    /// The cursor of a "previous page" link (newer events).
    pub before: Option<String>,
}

impl PageCursor {
    /// `2024-05-01.1234`: readable, bookmarkable, and checked when it comes back.
    pub fn encode(&self) -> String {
        format!("{}.{}", self.started_on.format("%Y-%m-%d"), self.event.0)
    }

    pub fn parse(s: &str) -> Option<Self> {
        let (date, id) = s.split_once('.')?;
        let started_on = parse_iso_date(date)?;
        if id.is_empty() || id.len() > 18 || !id.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(PageCursor { started_on, event: ServiceEventId(id.parse().ok()?) })
    }
}

/// Which filter field did not parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FilterError {
    Register,
    Provider,
    Kind,
    From,
    To,
    /// The start of the range is after its end.
    Range,
    /// The page link was changed by hand or has gone stale.
    Cursor,
    /// Prescriptions are listed as valid, expired or all.
    PrescriptionState,
    /// Not a laboratory test's code.
    LabTest,
    /// A copy of the record is `ips` or `record`.
    CopyFormat,
}

/// `YYYY-MM-DD` (what `<input type="date">` sends), years 1800–9999 only.
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    (1800..=9999).contains(&d.year()).then_some(d)
}

/// A date as a citizen may type it: `YYYY-MM-DD`, or `D.M.YYYY` as Finnish
/// and Finland-Swedish write it (a browser without a date picker sends what
/// was typed); years 1800–9999 only.
pub fn parse_typed_date(s: &str) -> Option<NaiveDate> {
    if let Some(d) = parse_iso_date(s) {
        return Some(d);
    }
    let parts: Vec<&str> = s.split('.').collect();
    let [day, month, year] = parts[..] else { return None };
    let digits = |p: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit())
    };
    if !(digits(day, 1..=2) && digits(month, 1..=2) && digits(year, 4..=4)) {
        return None;
    }
    let d = NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)?;
    (1800..=9999).contains(&d.year()).then_some(d)
}

/// A register id: the provider's id and the register's, `pirkanmaa/patient`.
fn is_register_id(s: &str) -> bool {
    s.split_once('/')
        .is_some_and(|(provider, kind)| ProviderId::parse(provider).is_some() && ProviderId::parse(kind).is_some())
}

fn present(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl RawFilter {
    /// Parses every field; the first that does not parse is the error.
    /// Empty fields mean "any".
    pub fn parse(&self, section: RecordSection) -> Result<RecordFilter, FilterError> {
        let register = match present(&self.register) {
            Some(r) if is_register_id(r) => Some(RegisterId(r.to_string())),
            Some(_) => return Err(FilterError::Register),
            None => None,
        };
        let provider =
            present(&self.provider).map(|p| ProviderId::parse(p).ok_or(FilterError::Provider)).transpose()?;
        let kind = match present(&self.kind) {
            Some(k) => match EntryKind::parse(k) {
                Some(k) if k.sector() == section.sector() => Some(k),
                _ => return Err(FilterError::Kind),
            },
            None => None,
        };
        let from = present(&self.from).map(|s| parse_typed_date(s).ok_or(FilterError::From)).transpose()?;
        let to = present(&self.to).map(|s| parse_typed_date(s).ok_or(FilterError::To)).transpose()?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(FilterError::Range);
            }
        }
        let after = present(&self.after).map(|s| PageCursor::parse(s).ok_or(FilterError::Cursor)).transpose()?;
        let before = present(&self.before).map(|s| PageCursor::parse(s).ok_or(FilterError::Cursor)).transpose()?;
        if after.is_some() && before.is_some() {
            return Err(FilterError::Cursor);
        }
        Ok(RecordFilter { register, provider, kind, from, to, after, before })
    }

    /// The same filter as query parameters, without the page cursor (for
    /// "first page" links) or with a new one (for "next page").
    pub fn query_string(&self, after: Option<&str>) -> String {
        self.query_string_with(after.map(|a| ("after", a)))
    }

    /// The filter as query parameters with one page cursor (`after` or `before`).
    pub fn query_string_with(&self, cursor: Option<(&str, &str)>) -> String {
        let mut parts = Vec::new();
        for (name, value) in [
            ("register", &self.register),
            ("provider", &self.provider),
            ("kind", &self.kind),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if let Some(v) = present(value) {
                parts.push(format!("{name}={}", percent_encode(v)));
            }
        }
        if let Some((name, value)) = cursor {
            parts.push(format!("{name}={}", percent_encode(value)));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn raw(f: impl FnOnce(&mut RawFilter)) -> RawFilter {
        let mut r = RawFilter::default();
        f(&mut r);
        r
    }

    #[test]
    fn a_typed_date_is_iso_or_as_finns_write_it() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(parse_typed_date("2024-01-31"), d(2024, 1, 31));
        assert_eq!(parse_typed_date("31.1.2024"), d(2024, 1, 31));
        assert_eq!(parse_typed_date("05.03.2024"), d(2024, 3, 5));
        for bad in ["31.13.2024", "30.2.2024", "1.1.24", "1.1.2024.", "1..2024", "+1.1.2024", "1.1.0999", "31/1/2024"] {
            assert_eq!(parse_typed_date(bad), None, "{bad}");
        }
        assert_eq!(parse_iso_date("31.1.2024"), None, "page links stay ISO");
    }

    #[test]
    fn empty_fields_mean_any() {
        let r = raw(|r| {
            r.kind = Some(" ".into());
            r.from = Some(String::new());
        });
        assert_eq!(r.parse(RecordSection::Health), Ok(RecordFilter::default()));
    }

    #[test]
    fn every_field_parses_into_its_type() {
        let r = raw(|r| {
            r.register = Some("pirkanmaa/patient".into());
            r.provider = Some("lahiklinikka".into());
            r.kind = Some("laboratory_result".into());
            r.from = Some("2024-01-01".into());
            r.to = Some("2024-12-31".into());
            r.after = Some("2024-06-01.42".into());
        });
        let f = r.parse(RecordSection::Health).unwrap();
        assert_eq!(f.register, Some(RegisterId("pirkanmaa/patient".into())));
        assert_eq!(f.provider, Some(ProviderId("lahiklinikka".into())));
        assert_eq!(f.kind, Some(EntryKind::LaboratoryResult));
        assert_eq!(f.from, Some(d(2024, 1, 1)));
        assert_eq!(f.to, Some(d(2024, 12, 31)));
        assert_eq!(f.after, Some(PageCursor { started_on: d(2024, 6, 1), event: ServiceEventId(42) }));
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases: [(RawFilter, FilterError); 10] = [
            (raw(|r| r.register = Some("'; DROP TABLE entry".into())), FilterError::Register),
            (raw(|r| r.register = Some("a/b/c".into())), FilterError::Register),
            (raw(|r| r.provider = Some("Pirkanmaa".into())), FilterError::Provider),
            (raw(|r| r.kind = Some("x-ray".into())), FilterError::Kind),
            (raw(|r| r.kind = Some("client_document".into())), FilterError::Kind),
            (raw(|r| r.from = Some("2024-02-30".into())), FilterError::From),
            (raw(|r| r.to = Some("31.2.2024".into())), FilterError::To),
            (
                raw(|r| {
                    r.from = Some("2025-01-01".into());
                    r.to = Some("2024-01-01".into());
                }),
                FilterError::Range,
            ),
            (raw(|r| r.after = Some("2024-06-01.4x".into())), FilterError::Cursor),
            (
                raw(|r| {
                    r.after = Some("2024-06-01.4".into());
                    r.before = Some("2024-06-01.9".into());
                }),
                FilterError::Cursor,
            ),
        ];
        for (r, e) in cases {
            assert_eq!(r.parse(RecordSection::Health), Err(e), "{r:?}");
        }
        assert_eq!(
            raw(|r| r.kind = Some("diagnosis".into())).parse(RecordSection::SocialWelfare),
            Err(FilterError::Kind)
        );
    }

    #[test]
    fn a_cursor_round_trips_and_tampered_ones_are_refused() {
        let c = PageCursor { started_on: d(2019, 12, 31), event: ServiceEventId(9001) };
        assert_eq!(PageCursor::parse(&c.encode()), Some(c));
        for bad in [
            "",
            "2019-12-31",
            "2019-12-31.",
            ".5",
            "2019-13-01.5",
            "2019-12-31.-5",
            "2019-12-31.99999999999999999999",
            "x.5",
        ] {
            assert_eq!(PageCursor::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_query_string_keeps_the_filter_and_encodes_it() {
        let r = raw(|r| {
            r.register = Some("pirkanmaa/patient".into());
            r.kind = Some("diagnosis".into());
            r.after = Some("2020-01-01.1".into());
        });
        assert_eq!(r.query_string(None), "?register=pirkanmaa%2Fpatient&kind=diagnosis");
        assert_eq!(
            r.query_string(Some("2019-01-01.7")),
            "?register=pirkanmaa%2Fpatient&kind=diagnosis&after=2019-01-01.7"
        );
        assert_eq!(RawFilter::default().query_string(None), "");
    }
}

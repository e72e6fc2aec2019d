//! "Information about the Kanta Services": versions, confirmations and which
//! version is due for a citizen (DOMAIN.md §3).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A notice version, named by the month it was published: `YYYY-MM`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NoticeVersion(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvalidNoticeVersion;

impl NoticeVersion {
    pub fn parse(input: &str) -> Result<Self, InvalidNoticeVersion> {
        let s = input.trim();
        let b = s.as_bytes();
        let well_formed = b.len() == 7
            && b[4] == b'-'
            && b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit)
            && matches!(s[5..].parse::<u8>(), Ok(1..=12));
        if well_formed {
            Ok(Self(s.to_string()))
        } else {
            Err(InvalidNoticeVersion)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for NoticeVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for NoticeVersion {
    type Error = InvalidNoticeVersion;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<NoticeVersion> for String {
    fn from(value: NoticeVersion) -> Self {
        value.0
    }
}

/// How the receipt of the notice was confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConfirmationChannel {
    /// By the citizen, in the portal, after reading the text.
    Online,
    /// By the citizen's guardian, in the portal (DOMAIN.md §6).
    OnlineByGuardian { guardian_name: String },
    /// Recorded by a professional at an appointment with the named provider.
    InPerson { provider_name: String },
}

/// How a confirmation is stored: online (by the citizen or their guardian)
/// or in person at a provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelKind {
    Online,
    InPerson,
}

string_form!(ChannelKind { Online => "online", InPerson => "in_person" });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeConfirmation {
    pub version: NoticeVersion,
    pub confirmed_at: DateTime<Utc>,
    pub channel: ConfirmationChannel,
}

/// The version the citizen must confirm before anything else, if any:
/// the current version, unless it has been confirmed.
/// (`confirmed`: the versions the citizen has confirmed, by any channel.)
pub fn notice_due<'a>(
    current: &NoticeVersion,
    confirmed: impl IntoIterator<Item = &'a NoticeVersion>,
) -> Option<NoticeVersion> {
    if confirmed.into_iter().any(|v| v == current) {
        None
    } else {
        Some(current.clone())
    }
}

/// The confirmation of the current version (the earliest, if it was
/// recorded more than once, e.g. online and then in person).
pub fn confirmation_of<'a>(
    version: &NoticeVersion,
    confirmations: &'a [NoticeConfirmation],
) -> Option<&'a NoticeConfirmation> {
    confirmations.iter().filter(|c| &c.version == version).min_by_key(|c| c.confirmed_at)
}

/// The current version among the published ones: the newest published on or
/// before `today`.
pub fn current_version(published: &[(NoticeVersion, NaiveDate)], today: NaiveDate) -> Option<NoticeVersion> {
    published.iter().filter(|(_, on)| *on <= today).max_by_key(|(_, on)| *on).map(|(v, _)| v.clone())
}

/// A block of a notice text as stored: blocks are separated by blank lines;
/// a block whose first line starts with `## ` opens with a heading, and the
/// rest of its lines are a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeBlock {
    Heading(String),
    Paragraph(String),
}

pub fn notice_blocks(body: &str) -> Vec<NoticeBlock> {
    let normalised = body.replace("\r\n", "\n");
    let mut blocks = Vec::new();
    for block in normalised.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        let rest = match block.strip_prefix("## ") {
            Some(headed) => {
                let (heading, rest) = headed.split_once('\n').unwrap_or((headed, ""));
                blocks.push(NoticeBlock::Heading(heading.trim().to_string()));
                rest
            }
            None => block,
        };
        let paragraph = rest.split_whitespace().collect::<Vec<_>>().join(" ");
        if !paragraph.is_empty() {
            blocks.push(NoticeBlock::Paragraph(paragraph));
        }
    }
    blocks
}

impl fmt::Display for InvalidNoticeVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a notice version is YYYY-MM")
    }
}

impl std::error::Error for InvalidNoticeVersion {}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn v(s: &str) -> NoticeVersion {
        NoticeVersion::parse(s).unwrap()
    }

    fn confirmed(version: &str, day: u32) -> NoticeConfirmation {
        NoticeConfirmation {
            version: v(version),
            confirmed_at: Utc.with_ymd_and_hms(2024, 1, day, 10, 0, 0).unwrap(),
            channel: ConfirmationChannel::Online,
        }
    }

    #[test]
    fn never_confirmed_means_the_current_version_is_due() {
        assert_eq!(notice_due(&v("2023-11"), []), Some(v("2023-11")));
    }

    #[test]
    fn only_an_older_version_confirmed_means_the_current_one_is_due() {
        // Liisa: confirmed 2022-11 only.
        assert_eq!(notice_due(&v("2023-11"), [&confirmed("2022-11", 1).version]), Some(v("2023-11")));
    }

    #[test]
    fn the_current_version_confirmed_means_nothing_is_due() {
        let cs = [confirmed("2022-11", 1), confirmed("2023-11", 2)];
        assert_eq!(notice_due(&v("2023-11"), cs.iter().map(|c| &c.version)), None);
    }

    #[test]
    fn an_in_person_confirmation_counts_too() {
        let c = NoticeConfirmation {
            channel: ConfirmationChannel::InPerson { provider_name: "Pohjois-Pohjanmaa".into() },
            ..confirmed("2023-11", 3)
        };
        assert_eq!(notice_due(&v("2023-11"), [&c.version]), None);
    }

    #[test]
    fn the_earliest_confirmation_of_a_version_is_the_one_shown() {
        let cs = [confirmed("2023-11", 9), confirmed("2023-11", 4), confirmed("2022-11", 1)];
        assert_eq!(confirmation_of(&v("2023-11"), &cs).unwrap().confirmed_at.format("%d").to_string(), "04");
        assert!(confirmation_of(&v("2021-01"), &cs).is_none());
    }

    #[test]
    fn the_current_version_is_the_newest_published_by_today() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let published = [(v("2022-11"), d(2022, 11, 1)), (v("2023-11"), d(2023, 11, 15))];
        assert_eq!(current_version(&published, d(2026, 11, 24)), Some(v("2023-11")));
        assert_eq!(current_version(&published, d(2023, 1, 1)), Some(v("2022-11")));
        assert_eq!(current_version(&published, d(2020, 1, 1)), None);
    }

    #[test]
    fn notice_text_splits_into_headings_and_paragraphs() {
        use NoticeBlock::*;
        let body = "Intro line one\nand two.\n\n## A heading\nIts paragraph.\n\n## Only a heading\n\nLast.";
        assert_eq!(
            notice_blocks(body),
            vec![
                Paragraph("Intro line one and two.".into()),
                Heading("A heading".into()),
                Paragraph("Its paragraph.".into()),
                Heading("Only a heading".into()),
                Paragraph("Last.".into()),
            ]
        );
        assert!(notice_blocks("  \n\n ").is_empty());
    }

    #[test]
    fn versions_parse_strictly() {
        assert!(NoticeVersion::parse("2023-11").is_ok());
        for bad in ["", "2023-13", "2023-00", "23-11", "2023/11", "2023-1", "abcd-11", "1999-01x"] {
            assert!(NoticeVersion::parse(bad).is_err(), "{bad}");
        }
    }
}

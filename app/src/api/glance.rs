//! The front page at a glance: what is new, which prescriptions
//! need attention, the use of the data in one line, and professionals'
//! viewings, for the session's subject (the citizen, or the child a
//! guardian acts for). Loaded by `front_page`, which knows the last login.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::declarations::Sector;
use crate::domain::glance::Attention;

/// How many of the new entries the front page names.
pub const NEWEST_SHOWN: i64 = 3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewEntryView {
    pub event: i64,
    pub kind: crate::domain::records::EntryKind,
    pub title: String,
    pub recorded_on: NaiveDate,
    /// A laboratory result's test code, value and unit.
    pub lab: Option<(String, f64, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrescriptionAttentionView {
    pub medicine: String,
    pub attention: Attention,
}

/// A renewal request answered in a way that asks something of the citizen
/// (declined, or returned to them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnsweredRequestView {
    pub medicine: String,
    pub state: crate::domain::renewal::RenewalState,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GlanceView {
    /// The name of the person acted for (a child, or an adult by an
    /// e-authorisation), when it is not the citizen's own data.
    pub acting_for: Option<String>,
    /// "New" counts from the last login; without one, the last 30 days.
    pub since_login: bool,
    pub new_entries: i64,
    /// The newest of the new entries; with none new, the latest however old.
    pub newest: Vec<NewEntryView>,
    pub prescriptions: Vec<PrescriptionAttentionView>,
    pub consents: Vec<(Sector, bool)>,
    /// Consents given before 2024 to update (only for an asker who may).
    pub to_update: Vec<Sector>,
    /// Renewal requests declined or returned in the same window as "new".
    pub answered_requests: Vec<AnsweredRequestView>,
    pub valid_denials: usize,
    pub last_change: Option<DateTime<Utc>>,
    /// Professionals' viewings; None when the asker does not see the log
    /// (a guardian, DOMAIN.md §6).
    pub viewings: Option<i64>,
    /// Who viewed the data while acting for the citizen in the same window,
    /// how many times (only to the citizen themself).
    pub acting_views: Vec<(String, i64)>,
    /// What confirming the notice did in Uusimaa (§5 rule 7), for a citizen
    /// with patient data there, on their own front page: shared between the
    /// Uusimaa parties (true) or not, by their denial (false).
    pub uusimaa_sharing: Option<bool>,
}

/// Up to seven statements: what is new (entries and viewings; the latest
/// entries when nothing is), the valid prescriptions with what is left of
/// them, the declarations, the renewal requests, and on the citizen's own
/// page the views by people acting for them and whether they have patient
/// data in Uusimaa.
#[cfg(feature = "ssr")]
pub async fn load(
    pool: &crate::server::Db,
    subject: &crate::server::Subject,
    previous_login: Option<DateTime<Utc>>,
    own_confirmations: &[crate::domain::NoticeConfirmation],
) -> Result<GlanceView, crate::error::AppError> {
    use crate::domain::glance::{data_use_at_a_glance, prescriptions_needing_attention, Since};
    use crate::domain::time::helsinki_today;
    let now = crate::server::now()?;
    let since = Since::of(previous_login);
    let mut new = pool
        .whats_new(subject.citizen, since.instant(now), since.first_day(now), subject.visibility, NEWEST_SHOWN)
        .await?;
    if new.new_entries == 0 {
        // Nothing new: the latest entries, however old, still name the record.
        new.newest = pool.latest_entries(subject.citizen, subject.visibility, NEWEST_SHOWN).await?;
    }
    let today = helsinki_today(now);
    let prescriptions = pool.valid_prescriptions_left(subject.citizen, today, subject.visibility).await?;
    let declarations = pool.declarations(subject.citizen).await?;
    let data_use = data_use_at_a_glance(&declarations, now);
    let to_update = if subject.may_declare() {
        crate::domain::validity::valid_now(&declarations, now).consents_to_update.into_iter().collect()
    } else {
        Vec::new()
    };
    let answered_requests = subject
        .visibility
        .keep(pool.renewal_requests(subject.citizen, now).await?)
        .into_iter()
        .filter(|r| subject.visibility.shows_of(Sector::Healthcare, r.prescribed_on))
        .filter(|r| {
            use crate::domain::renewal::RenewalState::{Declined, Returned};
            matches!(r.state, Declined | Returned) && r.state_at >= since.instant(now)
        })
        .map(|r| AnsweredRequestView { medicine: r.medicine, state: r.state, at: r.state_at })
        .collect();
    let own = subject.acting.is_none();
    let acting_views = if own && subject.handles(crate::domain::acting::OwnMatter::ViewingLog) {
        pool.acting_views_since(subject.citizen, since.instant(now)).await?
    } else {
        Vec::new()
    };
    let uusimaa_sharing = if own && pool.has_uusimaa_patient_data(subject.citizen).await? {
        let confirmed: Vec<_> = own_confirmations.iter().map(|c| (c.version.clone(), c.confirmed_at)).collect();
        let valid =
            crate::domain::validity::valid_at(&declarations, &confirmed, now + chrono::Duration::nanoseconds(1));
        crate::domain::decision::uusimaa_sharing(&valid)
    } else {
        None
    };
    Ok(GlanceView {
        acting_views,
        uusimaa_sharing,
        acting_for: subject.acting.as_ref().map(|a| a.name.clone()),
        since_login: matches!(since, Since::LastLogin(_)),
        new_entries: new.new_entries,
        newest: new
            .newest
            .into_iter()
            .map(|e| NewEntryView {
                event: e.event.0,
                kind: e.kind,
                title: e.event_title,
                recorded_on: e.recorded_on,
                lab: e.lab,
            })
            .collect(),
        prescriptions: prescriptions_needing_attention(&prescriptions, today)
            .into_iter()
            .map(|(p, attention)| PrescriptionAttentionView { medicine: p.name.clone(), attention })
            .collect(),
        consents: data_use.consents,
        to_update,
        answered_requests,
        valid_denials: data_use.valid_denials,
        last_change: data_use.last_change,
        viewings: subject.handles(crate::domain::acting::OwnMatter::ViewingLog).then_some(new.viewings),
    })
}

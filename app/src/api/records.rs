//! Server functions of the records pages. Each one reads only the
//! data of the session's subject (the citizen, or a child they act for):
//! no argument names a person, and every id in an argument is looked up
//! together with the subject's id.

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::filters::RawFilter;
use crate::domain::listing::RecordSection;
use crate::domain::records::EntryKind;
use crate::error::AppError;
use crate::i18n::Locale;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryView {
    pub kind: EntryKind,
    pub recorded_on: NaiveDate,
    pub text: String,
    /// A laboratory result's test, whose page follows it over time.
    pub lab_test: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub id: i64,
    pub title: String,
    pub started_on: NaiveDate,
    /// "Pirkanmaa Wellbeing Services County: patient register", in the page's language.
    pub register_name: String,
    pub provider_name: String,
    pub unit_name: String,
    pub entries: Vec<EntryView>,
    /// On the event's own page, when the asker may set the subject's
    /// denials: whether this visit's sharing is denied already.
    pub sharing: Option<EventSharing>,
}

/// Whether sharing of one service event may be denied from its page, or is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventSharing {
    Deniable,
    Denied,
}

/// A choice of a filter's select.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// The choices of a select: each value once (the first label wins), by label.
pub fn choices(pairs: impl IntoIterator<Item = (String, String)>) -> Vec<Choice> {
    let mut out: Vec<Choice> = Vec::new();
    for (value, label) in pairs {
        if !out.iter().any(|c| c.value == value) {
            out.push(Choice { value, label });
        }
    }
    out.sort_by(|a, b| a.label.cmp(&b.label));
    out
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordPageView {
    pub events: Vec<EventView>,
    /// The cursor of the next (older) page, if there is one.
    pub next: Option<String>,
    /// The cursor of the previous (newer) page, if there is one.
    pub previous: Option<String>,
    pub matching_entries: i64,
    pub matching_events: i64,
    pub registers: Vec<Choice>,
    pub providers: Vec<Choice>,
    /// Whether this section holds any data of the subject at all.
    pub has_any: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DispensingView {
    pub pharmacy: String,
    pub dispensed_on: NaiveDate,
    pub amount: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrescriptionView {
    pub id: i64,
    pub medicine: String,
    pub strength: String,
    pub dosage: String,
    pub prescriber_provider: String,
    pub prescriber_unit: String,
    pub prescribed_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub valid: bool,
    pub amount: u32,
    pub amount_left: u32,
    pub amount_unit: String,
    /// The pharmaceutical form and the ATC code, when the prescription names them.
    pub form: Option<String>,
    pub atc_code: Option<String>,
    /// What the medicine is for, as the prescriber wrote it.
    pub purpose: Option<String>,
    pub dispensings: Vec<DispensingView>,
    /// Whether a renewal request may be sent for it today.
    pub renewable: bool,
    /// A narcotic: renewed only at an appointment.
    pub narcotic: bool,
    /// The latest renewal request of it the asker may see: its state and
    /// when it reached it.
    pub renewal: Option<(crate::domain::renewal::RenewalState, DateTime<Utc>)>,
}

/// Which prescriptions to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PrescriptionFilter {
    Valid,
    Expired,
    All,
}

impl PrescriptionFilter {
    pub const ALL: [PrescriptionFilter; 3] =
        [PrescriptionFilter::Valid, PrescriptionFilter::Expired, PrescriptionFilter::All];

    pub fn as_str(self) -> &'static str {
        match self {
            PrescriptionFilter::Valid => "valid",
            PrescriptionFilter::Expired => "expired",
            PrescriptionFilter::All => "all",
        }
    }

    /// Absent or empty means "valid", the everyday view.
    pub fn parse(s: Option<&str>) -> Option<Self> {
        match s.map(str::trim).unwrap_or("") {
            "" | "valid" => Some(PrescriptionFilter::Valid),
            "expired" => Some(PrescriptionFilter::Expired),
            "all" => Some(PrescriptionFilter::All),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrescriptionsView {
    pub shown: Vec<PrescriptionView>,
    pub valid_count: usize,
    pub expired_count: usize,
}

#[cfg(feature = "ssr")]
pub use ssr::{provider_name, register_label};

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::domain::declarations::Register;
    use crate::domain::records::{Entry, ServiceEvent};
    use std::collections::HashMap;

    pub fn register_label(locale: Locale, names: &HashMap<String, String>, register: &Register) -> String {
        let t = locale.texts();
        let kind = t.register_kind(register.kind);
        (t.register_name)(provider_name(names, &register.provider.0), kind)
    }

    pub fn provider_name<'a>(names: &'a HashMap<String, String>, id: &'a str) -> &'a str {
        names.get(id).map(String::as_str).unwrap_or(id)
    }

    pub fn event_view(
        locale: Locale,
        names: &HashMap<String, String>,
        e: ServiceEvent,
        entries: Vec<Entry>,
    ) -> EventView {
        EventView {
            id: e.id.0,
            title: e.title,
            started_on: e.started_on,
            register_name: register_label(locale, names, &e.register),
            provider_name: provider_name(names, &e.register.provider.0).to_string(),
            unit_name: e.unit.name,
            entries: entries
                .into_iter()
                .map(|x| EntryView { kind: x.kind, recorded_on: x.recorded_on, text: x.text, lab_test: x.lab_test })
                .collect(),
            sharing: None,
        }
    }
}

/// One page of the subject's records in a section, filtered; a filter that
/// does not parse is a `BadFilter` naming the field.
#[server(endpoint = "records_page")]
pub async fn records_page(
    section: RecordSection,
    #[server(default)] filter: RawFilter,
    locale: Locale,
) -> Result<RecordPageView, AppError> {
    use crate::server::*;
    use std::collections::HashMap;
    let subject = require_subject_for(section.sector()).await?;
    let parsed = filter.parse(section).map_err(AppError::BadFilter)?;
    let pool = pool()?;
    let page = pool.record_page(subject.citizen, section, &parsed, subject.visibility, locale).await?;
    let names: HashMap<String, String> =
        page.registers.iter().map(|r| (r.register.provider.0.clone(), r.provider_name.clone())).collect();
    let providers = choices(page.registers.iter().map(|r| (r.register.provider.0.clone(), r.provider_name.clone())));
    let register_choices =
        choices(page.registers.iter().map(|r| (r.id.0.clone(), ssr::register_label(locale, &names, &r.register))));
    Ok(RecordPageView {
        events: page.events.into_iter().map(|(e, x)| ssr::event_view(locale, &names, e, x)).collect(),
        next: page.next.map(|c| c.encode()),
        previous: page.previous.map(|c| c.encode()),
        matching_entries: page.matching_entries,
        matching_events: page.matching_events,
        has_any: !page.registers.is_empty(),
        registers: register_choices,
        providers,
    })
}

/// One service event of the subject with every entry the asker may see.
#[server(endpoint = "service_event_page")]
pub async fn service_event_page(id: i64, locale: Locale) -> Result<EventView, AppError> {
    use crate::domain::declarations::ServiceEventId;
    use crate::server::*;
    let subject = require_subject().await?;
    let pool = pool()?;
    let found = pool.service_event(subject.citizen, ServiceEventId(id), subject.visibility).await?;
    let Some((event, entries)) = found else {
        return Err(refuse_access(&subject, "service event", Some(id), AppError::NotFound).await);
    };
    let names = pool.provider_names(locale).await?;
    let mut view = ssr::event_view(locale, &names, event, entries);
    // Only the person themself denies (DOMAIN.md §6): not a guardian, not an agent.
    if subject.may_declare() && subject.handles(crate::domain::acting::OwnMatter::Denials) {
        let valid = crate::domain::validity::valid_now(&pool.declarations(subject.citizen).await?, now()?);
        let this = crate::domain::declarations::DenialScope::ServiceEvent(ServiceEventId(id));
        let denied = valid.denials.iter().any(|d| d.scope == this);
        view.sharing = Some(if denied { EventSharing::Denied } else { EventSharing::Deniable });
    }
    Ok(view)
}

/// The subject's prescriptions from the Prescription Centre.
#[server(endpoint = "prescriptions_page")]
pub async fn prescriptions_page(state: Option<String>, locale: Locale) -> Result<PrescriptionsView, AppError> {
    use crate::api::filters::FilterError;
    use crate::domain::records::PrescriptionState;
    use crate::server::*;
    let subject = require_subject_for(crate::domain::declarations::Sector::Healthcare).await?;
    let wanted =
        PrescriptionFilter::parse(state.as_deref()).ok_or(AppError::BadFilter(FilterError::PrescriptionState))?;
    let pool = pool()?;
    let today = today()?;
    let all = subject.visibility.prescriptions(pool.load_prescriptions(subject.citizen).await?);
    let names = pool.provider_names(locale).await?;
    let requests = pool.renewal_requests(subject.citizen, now()?).await?;
    let renewable = |p: &crate::domain::records::Prescription| {
        let earlier: Vec<_> = requests.iter().filter(|r| r.prescription == p.id).map(|r| r.state).collect();
        crate::domain::renewal::may_request_renewal(p.class, p.valid_until, &earlier, today).is_ok()
    };
    // The latest request of each prescription, as far as the asker sees them.
    let latest_request = |p: &crate::domain::records::Prescription| {
        use crate::domain::listing::Recorded;
        let shown = |r: &&crate::server::rows::RenewalRequest| subject.visibility.shows_of(r.sector(), r.recorded_on());
        let seen = requests.iter().filter(|r| r.prescription == p.id).filter(shown);
        seen.max_by_key(|r| r.sent_at).map(|r| (r.state, r.state_at))
    };
    let valid_count = all.iter().filter(|p| p.state(today) == PrescriptionState::Valid).count();
    let expired_count = all.len() - valid_count;
    let shown = all
        .into_iter()
        .filter(|p| match wanted {
            PrescriptionFilter::All => true,
            PrescriptionFilter::Valid => p.state(today) == PrescriptionState::Valid,
            PrescriptionFilter::Expired => p.state(today) == PrescriptionState::Expired,
        })
        .map(|p| PrescriptionView {
            renewable: renewable(&p),
            renewal: latest_request(&p),
            narcotic: p.class == crate::domain::renewal::MedicineClass::Narcotic,
            id: p.id.0,
            valid: p.state(today) == PrescriptionState::Valid,
            amount_left: p.amount_left(),
            medicine: p.medicine,
            strength: p.strength,
            dosage: p.dosage,
            prescriber_provider: ssr::provider_name(&names, &p.prescriber.0).to_string(),
            prescriber_unit: p.prescriber_unit.name,
            prescribed_on: p.prescribed_on,
            valid_until: p.valid_until,
            amount: p.amount,
            amount_unit: p.amount_unit,
            form: p.form,
            atc_code: p.atc_code,
            purpose: p.purpose,
            dispensings: p
                .dispensings
                .into_iter()
                .map(|d| DispensingView {
                    pharmacy: ssr::provider_name(&names, &d.pharmacy.0).to_string(),
                    dispensed_on: d.dispensed_on,
                    amount: d.amount,
                })
                .collect(),
        })
        .collect();
    Ok(PrescriptionsView { shown, valid_count, expired_count })
}

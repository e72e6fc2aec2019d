//! The history of every declaration, and professionals' viewings.

#[cfg(feature = "ssr")]
use super::ssr;
use super::*;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryRow {
    pub at: DateTime<Utc>,
    pub event: String,
    pub actor: String,
    pub channel: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViewingView {
    pub provider: String,
    pub unit: String,
    pub at: DateTime<Utc>,
    pub what: String,
    pub purpose: String,
    /// On which basis it was disclosed, in words.
    pub basis: String,
}

/// A view of the subject's data by someone acting for them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActingViewingView {
    pub at: DateTime<Utc>,
    pub who: String,
    pub right: crate::domain::acting::ActingRight,
    /// The page, in the page's language (else its path).
    pub page: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViewingsView {
    pub viewings: Vec<ViewingView>,
    pub provider_choices: Vec<Choice>,
    /// Views by a guardian or an authorised adult acting for the subject:
    /// one page, newest first.
    pub by_people_acting: Vec<ActingViewingView>,
    /// The cursor of the next (older) page of those, if there is one.
    pub acting_next: Option<String>,
}

/// The page a logged path belongs to, in words.
#[cfg(feature = "ssr")]
fn page_named(t: &crate::i18n::Texts, path: &str) -> String {
    let page = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
    let name = match () {
        _ if path == "/" => t.nav_front_page,
        _ if page("/records") || path.starts_with("/api/records_page") || path.starts_with("/api/service_event") => {
            t.nav_health_data
        }
        _ if page("/social-welfare") => t.nav_social_welfare,
        _ if page("/wills") || path == "/api/wills_page" => t.wills.title,
        _ if page("/prescriptions")
            || path.starts_with("/api/prescriptions")
            || path.starts_with("/api/renewal")
            || path == "/api/abroad_page" =>
        {
            t.nav_prescriptions
        }
        _ if page("/laboratory") || path.starts_with("/api/laboratory") => t.lab_title,
        _ if page("/vaccinations") || path == "/api/vaccinations" => t.vacc_title,
        _ if page("/patient-summary") || path == "/api/patient_summary" => t.summary.title,
        _ if page("/data-use") || path.starts_with("/api/") => t.nav_data_use,
        _ => return path.to_string(),
    };
    name.to_string()
}

/// Every declaration event of the subject, newest first. Nothing ever
/// disappears from it.
#[server(endpoint = "declaration_history")]
pub async fn declaration_history(locale: Locale) -> Result<Vec<HistoryRow>, AppError> {
    use crate::domain::acting::OwnMatter;
    use crate::domain::declarations::Actor;
    use crate::server::*;
    let subject = require_subject().await?;
    let pool = pool()?;
    let names = ssr::Names::load(&pool, subject.citizen, locale, subject.visibility).await?;
    let declarations = pool.declarations(subject.citizen).await?;
    let guardian_ids: Vec<i64> = declarations
        .iter()
        .filter_map(|d| match d.actor {
            Actor::Guardian(id) => Some(id),
            _ => None,
        })
        .collect();
    let guardians = pool.citizen_names(&guardian_ids).await?.into_iter().collect();
    // The wills and the abroad consent are the person's own: left out for
    // whoever does not see them (DOMAIN.md §6).
    let shown = |d: &&crate::domain::declarations::Declaration| match d.event.own_matter() {
        Some(OwnMatter::Wills) => subject.handles(OwnMatter::Wills),
        Some(OwnMatter::AbroadConsent) => subject.child_name().is_none(),
        Some(OwnMatter::WellbeingData) => subject.handles(OwnMatter::WellbeingData),
        _ => true,
    };
    let mut rows: Vec<HistoryRow> = declarations
        .iter()
        .filter(shown)
        .map(|d| {
            let (actor, channel) = names.actor(&d.actor, &guardians);
            HistoryRow { at: d.at, event: names.event(d, &declarations), actor, channel }
        })
        .collect();
    // Renewal requests sent, as far as the asker may see the prescriptions.
    let t = locale.texts();
    let providers = pool.provider_names(locale).await?;
    rows.extend(
        subject
            .visibility
            .keep(pool.renewal_requests(subject.citizen, now()?).await?)
            .into_iter()
            .filter(|r| subject.visibility.shows_of(Sector::Healthcare, r.prescribed_on))
            .map(|r| {
                let provider = crate::api::records::provider_name(&providers, &r.provider.0);
                let actor = match &r.sent_by {
                    Some((name, crate::domain::acting::ActingRight::Authorisation)) => (t.actor_authorised)(name),
                    Some((name, crate::domain::acting::ActingRight::Guardian)) => (t.actor_guardian)(name),
                    None => t.actor_you.to_string(),
                };
                HistoryRow {
                    at: r.sent_at,
                    event: (t.history_renewal_sent)(&r.medicine, provider),
                    actor,
                    channel: t.channel_online.to_string(),
                }
            }),
    );
    // Newest first; events of one instant keep their recorded order reversed.
    rows.reverse();
    rows.sort_by_key(|r| std::cmp::Reverse(r.at));
    Ok(rows)
}

/// Professionals' viewings of the subject's data, newest first.
#[server(endpoint = "viewings_page")]
pub async fn viewings_page(
    #[server(default)] provider: Option<String>,
    #[server(default)] from: Option<String>,
    #[server(default)] to: Option<String>,
    #[server(default)] acting_after: Option<String>,
    locale: Locale,
) -> Result<ViewingsView, AppError> {
    use crate::api::filters::RawFilter;
    use crate::domain::listing::{LogCursor, RecordSection, LOG_ROWS_PER_PAGE};
    use crate::server::*;
    let subject = session_subject().await?;
    require_handles(&subject, crate::domain::acting::OwnMatter::ViewingLog).await?;
    log_view(&subject).await?;
    // The same fields, the same rules and messages as the records filters.
    let filter = RawFilter { provider, from, to, ..RawFilter::default() }
        .parse(RecordSection::Health)
        .map_err(AppError::BadFilter)?;
    let pool = pool()?;
    let names = pool.provider_names(locale).await?;
    let all = subject.visibility.keep(pool.viewings(subject.citizen, None, None, None).await?);
    let provider_choices = crate::api::records::choices(
        all.iter()
            .map(|v| (v.provider.0.clone(), crate::api::records::provider_name(&names, &v.provider.0).to_string())),
    );
    let shown = subject
        .visibility
        .keep(pool.viewings(subject.citizen, filter.provider.as_ref(), filter.from, filter.to).await?);
    let t = locale.texts();
    let acting_after = match acting_after.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => Some(LogCursor::parse(c).ok_or(AppError::BadFilter(crate::api::filters::FilterError::Cursor))?),
    };
    let mut acting = pool.acting_viewings_of(subject.citizen, acting_after).await?;
    let acting_next = (acting.len() > LOG_ROWS_PER_PAGE).then(|| {
        acting.truncate(LOG_ROWS_PER_PAGE);
        acting.last().map(|v| LogCursor { at: v.viewed_at, id: v.id }.encode())
    });
    let by_people_acting = subject
        .visibility
        .keep(acting)
        .into_iter()
        .map(|v| ActingViewingView { at: v.viewed_at, who: v.actor, right: v.right, page: page_named(t, &v.what) })
        .collect();
    Ok(ViewingsView {
        viewings: shown
            .into_iter()
            .map(|v| ViewingView {
                provider: crate::api::records::provider_name(&names, &v.provider.0).to_string(),
                unit: v.unit_name,
                at: v.viewed_at,
                what: v.what,
                purpose: match v.purpose.as_str() {
                    "treatment" => t.purpose_treatment,
                    "emergency" => t.purpose_emergency,
                    "social_welfare_service" => t.purpose_social_welfare,
                    _ => t.purpose_dispensing,
                }
                .to_string(),
                basis: match v.basis.as_deref() {
                    Some("consent") => t.basis_consent,
                    Some("uusimaa") => t.basis_uusimaa,
                    Some("emergency") => t.basis_emergency,
                    Some("prescription_in_care") => t.basis_prescription_in_care,
                    Some("prescription_dispensing") => t.basis_prescription_dispensing,
                    _ => t.basis_unknown,
                }
                .to_string(),
            })
            .collect(),
        provider_choices,
        by_people_acting,
        acting_next: acting_next.flatten(),
    })
}
